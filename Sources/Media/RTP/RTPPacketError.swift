/// Why bytes were rejected as an RTP or RTCP packet, and the byte offset where that was found.
public struct RTPPacketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// Fewer bytes than the structure at `offset` needs.
        case truncated(needed: Int, available: Int)
        /// The version field is not 2 (RFC 3550 §5.1).
        case unsupportedVersion(UInt8)
        /// The padding count is 0 or larger than what follows the header (RFC 3550 §5.1).
        case badPadding(count: Int)
        /// The packet is larger than the parser's limit.
        case tooLarge(limit: Int)
        /// An RTCP length field that does not fit the compound packet (RFC 3550 §6.4.1).
        case badLength
        /// The first RTCP packet of a compound is not SR or RR, or padding is set on a packet other than
        /// the last (RFC 3550 §6.1, A.2).
        case badCompound
        /// More items (report blocks, SDES chunks, packets in a compound) than the parser's limit.
        case tooManyItems(limit: Int)
        /// Not an RTCP packet type (RFC 3550 §12.1: 200–204).
        case notRTCP(packetType: UInt8)
    }

    public let reason: Reason
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "RTP/RTCP: \(reason) at byte \(offset)" }
}
