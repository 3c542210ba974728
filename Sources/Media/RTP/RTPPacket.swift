/// One parsed RTP packet: its header and where its payload lies in the bytes it was parsed from (the
/// payload is not copied, so parsing a typical packet allocates nothing).
public struct RTPPacket: Sendable, Equatable {
    public var header: RTPHeader
    /// Payload bytes within the parsed buffer (after CSRCs and extension, before padding).
    public var payloadRange: Range<Int>
    /// Padding bytes at the end (RFC 3550 §5.1: the last byte counts them), 0 if P was clear.
    public var paddingCount: Int

    public init(header: RTPHeader, payloadRange: Range<Int>, paddingCount: Int) {
        self.header = header
        self.payloadRange = payloadRange
        self.paddingCount = paddingCount
    }
}

/// Parses RTP packets (RFC 3550 §5.1) from untrusted datagrams. Checks the version, the CSRC list,
/// extension and padding lengths against the datagram, and `maximumBytes`; returns the packet or an
/// `RTPPacketError` with the offset of the fault. Never traps.
public struct RTPPacketParser: Sendable {
    /// Default bound: no RTP datagram we accept is larger than a jumbo frame.
    public static let defaultMaximumBytes = 9216

    public let maximumBytes: Int

    public init(maximumBytes: Int = defaultMaximumBytes) {
        self.maximumBytes = max(RTPHeader.fixedByteCount, maximumBytes)
    }

    public func parse(_ bytes: [UInt8]) throws(RTPPacketError) -> RTPPacket {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(RTPPacketError) -> RTPPacket in try parse(buffer) } }
        return try result.get()
    }

    public func parse(_ bytes: UnsafeRawBufferPointer) throws(RTPPacketError) -> RTPPacket {
        let count = bytes.count
        guard count <= maximumBytes else { throw RTPPacketError(.tooLarge(limit: maximumBytes), at: maximumBytes) }
        guard count >= RTPHeader.fixedByteCount else {
            throw RTPPacketError(.truncated(needed: RTPHeader.fixedByteCount, available: count), at: 0)
        }
        let first = bytes[0]
        guard first >> 6 == RTPHeader.version else { throw RTPPacketError(.unsupportedVersion(first >> 6), at: 0) }
        let csrcCount = Int(first & 0x0F)
        var offset = RTPHeader.fixedByteCount
        let csrcEnd = offset + 4 * csrcCount
        guard csrcEnd <= count else { throw RTPPacketError(.truncated(needed: csrcEnd, available: count), at: offset) }
        var csrcs: [UInt32] = []
        if csrcCount > 0 {
            csrcs.reserveCapacity(csrcCount)
            for index in 0..<csrcCount { csrcs.append(bytes.bigEndianUInt32(at: offset + 4 * index)) }
        }
        offset = csrcEnd
        var headerExtension: RTPHeaderExtension?
        if first & 0x10 != 0 {
            guard offset + 4 <= count else { throw RTPPacketError(.truncated(needed: offset + 4, available: count), at: offset) }
            let profile = bytes.bigEndianUInt16(at: offset)
            let dataEnd = offset + 4 + 4 * Int(bytes.bigEndianUInt16(at: offset + 2))
            guard dataEnd <= count else { throw RTPPacketError(.truncated(needed: dataEnd, available: count), at: offset + 2) }
            headerExtension = RTPHeaderExtension(profile: profile, data: Array(bytes[(offset + 4)..<dataEnd]))
            offset = dataEnd
        }
        var padding = 0
        if first & 0x20 != 0 {
            padding = Int(bytes[count - 1])
            guard padding > 0, padding <= count - offset else { throw RTPPacketError(.badPadding(count: padding), at: count - 1) }
        }
        let header = RTPHeader(marker: bytes[1] & 0x80 != 0, payloadType: bytes[1] & 0x7F,
                               sequenceNumber: bytes.bigEndianUInt16(at: 2), timestamp: bytes.bigEndianUInt32(at: 4),
                               ssrc: bytes.bigEndianUInt32(at: 8), csrcs: csrcs, headerExtension: headerExtension)
        return RTPPacket(header: header, payloadRange: offset..<(count - padding), paddingCount: padding)
    }
}

extension UnsafeRawBufferPointer {
    func bigEndianUInt16(at offset: Int) -> UInt16 { UInt16(self[offset]) << 8 | UInt16(self[offset + 1]) }

    func bigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(bigEndianUInt16(at: offset)) << 16 | UInt32(bigEndianUInt16(at: offset + 2))
    }
}
