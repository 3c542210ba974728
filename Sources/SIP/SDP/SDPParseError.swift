/// Why a session description was refused and where (byte offset in the body). A request whose SDP is
/// refused gets `status` (400: malformed body, RFC 3261 §21.4.1).
public struct SDPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public let offset: Int

    public init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var status: Int { 400 }
    public var description: String { "SDP \(reason) at byte \(offset)" }
}
