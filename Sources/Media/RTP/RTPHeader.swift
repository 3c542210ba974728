/// The fixed header of an RTP packet (RFC 3550 §5.1) plus its CSRC list and header extension:
///
///     |V=2|P|X|  CC   |M|     PT      |       sequence number         |
///     |                           timestamp                           |
///     |           synchronization source (SSRC) identifier            |
///     |            contributing source (CSRC) identifiers             |
///
/// Value type; an empty CSRC list and no extension allocate nothing, so the per-packet path stays free
/// of heap traffic. Padding is a property of a packet's bytes, not of the header (see `RTPPacket`).
public struct RTPHeader: Sendable, Equatable {
    /// RFC 3550 §5.1: the only version.
    public static let version: UInt8 = 2
    /// RFC 3550 §5.1: the fixed part is 12 bytes.
    public static let fixedByteCount = 12
    /// RFC 3550 §5.1: CC is 4 bits.
    public static let maximumCSRCs = 15

    public var marker: Bool
    /// 0...127.
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// At most 15.
    public var csrcs: [UInt32]
    /// RFC 3550 §5.3.1 header extension, if the X bit is set.
    public var headerExtension: RTPHeaderExtension?

    public init(marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
                csrcs: [UInt32] = [], headerExtension: RTPHeaderExtension? = nil) {
        precondition(payloadType < 128, "RTP payload type is 7 bits, got \(payloadType)")
        precondition(csrcs.count <= Self.maximumCSRCs, "RTP carries at most 15 CSRCs")
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.headerExtension = headerExtension
    }

    /// Bytes the header takes on the wire.
    public var byteCount: Int {
        Self.fixedByteCount + 4 * csrcs.count + (headerExtension.map { 4 + $0.data.count } ?? 0)
    }

    /// Writes the header at the start of `buffer`, with the P bit set if `padded`; returns the bytes written.
    /// - Precondition: `buffer.count >= byteCount`.
    @discardableResult
    public func write(into buffer: UnsafeMutableRawBufferPointer, padded: Bool = false) -> Int {
        precondition(buffer.count >= byteCount, "RTP header needs \(byteCount) bytes")
        buffer[0] = Self.version << 6 | (padded ? 0x20 : 0) | (headerExtension != nil ? 0x10 : 0) | UInt8(csrcs.count)
        buffer[1] = (marker ? 0x80 : 0) | payloadType
        var offset = 2
        func put16(_ value: UInt16) { buffer[offset] = UInt8(value >> 8); buffer[offset + 1] = UInt8(value & 0xFF); offset += 2 }
        func put32(_ value: UInt32) { put16(UInt16(value >> 16)); put16(UInt16(value & 0xFFFF)) }
        put16(sequenceNumber)
        put32(timestamp)
        put32(ssrc)
        for csrc in csrcs { put32(csrc) }
        if let headerExtension {
            put16(headerExtension.profile)
            put16(UInt16(headerExtension.data.count / 4))
            for byte in headerExtension.data { buffer[offset] = byte; offset += 1 }
        }
        return offset
    }

    /// The header followed by `payload` as one datagram.
    public func serialized<Payload: Collection<UInt8>>(payload: Payload) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        bytes.withUnsafeMutableBytes { _ = write(into: $0) }
        bytes.append(contentsOf: payload)
        return bytes
    }
}

/// An RFC 3550 §5.3.1 header extension: a 16-bit profile-defined value and data in 32-bit words.
public struct RTPHeaderExtension: Sendable, Equatable {
    public var profile: UInt16
    /// A multiple of 4 bytes, at most 65535 words.
    public var data: [UInt8]

    public init(profile: UInt16, data: [UInt8]) {
        precondition(data.count % 4 == 0 && data.count / 4 <= Int(UInt16.max), "RTP extension data is whole 32-bit words")
        self.profile = profile
        self.data = data
    }
}
