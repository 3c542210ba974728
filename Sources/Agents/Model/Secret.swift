/// A credential (API key, auth token, header value) read from the environment. It prints as `***`
/// through `description`, `debugDescription`, string interpolation, `dump` and mirrors, so passing
/// one to a logger or an error message cannot leak it. Only `reveal()` gives the value, to be called
/// at the last moment by the code that puts it on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String
    /// The environment variable the value came from (`DEEPGRAM_API_KEY`), if any: safe to print.
    public let source: String?

    /// Wraps a value; `source` names where it came from, for messages.
    public init(_ value: String, source: String? = nil) {
        self.value = value
        self.source = source
    }

    /// The secret itself. Call only where it is sent to its provider; never log the result.
    public func reveal() -> String { value }

    /// Always `***`.
    public var description: String { "***" }
    /// Always `***`.
    public var debugDescription: String { "***" }
    /// A mirror with no children, so `dump` and reflection-based printers see nothing.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
