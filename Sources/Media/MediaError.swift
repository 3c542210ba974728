/// A failure reported by one of the C media libraries (speexdsp, libopus) or a misuse of their setup.
public enum MediaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A library call failed: what was called and the library's error code.
    case library(String, code: Int)
    /// A configuration the library does not support (a rate, a frame size).
    case unsupported(String)

    public var description: String {
        switch self {
        case .library(let call, let code): "\(call) failed with code \(code)"
        case .unsupported(let what): "unsupported: \(what)"
        }
    }
}
