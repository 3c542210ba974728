/// A SIP method (RFC 3261 §7.1): a case-sensitive token. Known methods have constants; any other token is
/// an extension method (RFC 4475 §3.1.1.2: `IN%56ITE` is not INVITE).
public struct SIPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public static let invite = SIPMethod("INVITE")
    public static let ack = SIPMethod("ACK")
    public static let bye = SIPMethod("BYE")
    public static let cancel = SIPMethod("CANCEL")
    public static let options = SIPMethod("OPTIONS")
    public static let register = SIPMethod("REGISTER")
    public static let info = SIPMethod("INFO")
    public static let update = SIPMethod("UPDATE")
    public static let refer = SIPMethod("REFER")
    public static let notify = SIPMethod("NOTIFY")
    public static let subscribe = SIPMethod("SUBSCRIBE")
    public static let prack = SIPMethod("PRACK")
    public static let message = SIPMethod("MESSAGE")

    public var description: String { rawValue }
}
