/// Why a `Wire` parser refused its input: what was wrong and the byte offset where it was found.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public let offset: Int
    public init(_ reason: String, at offset: Int) { self.reason = reason; self.offset = offset }
    public var description: String { "\(reason) at byte \(offset)" }
}
