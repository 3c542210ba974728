/// A syntax fault found by one of the SIP grammar parsers (a header, a URI, a parameter list): what was
/// wrong and the byte offset where it was noticed. Offsets count from the start of the bytes the parser
/// was given; the message parser hands header values out as slices of the whole message, so there they
/// are offsets in the message.
public struct SIPSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public let offset: Int

    public init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason) at byte \(offset)" }
}
