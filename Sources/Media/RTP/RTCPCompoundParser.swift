/// Parses RTCP compound packets (RFC 3550 §6.1) from untrusted datagrams, with the validity checks of
/// RFC 3550 A.2: version 2 everywhere, lengths that add up to the datagram exactly, padding only on
/// the last packet, and (unless relaxed) SR or RR first. Every count is checked against the bytes and
/// the limits before use; the result is the packets or an `RTPPacketError` with an offset. Never traps.
public struct RTCPCompoundParser: Sendable {
    public static let defaultMaximumBytes = 9216
    /// Default bound on packets in one compound: a real one holds two to four.
    public static let defaultMaximumPackets = 16

    public let maximumBytes: Int
    public let maximumPackets: Int
    /// RFC 3550 A.2 requires SR or RR first; RFC 5506 reduced-size RTCP does not.
    public let requiresReportFirst: Bool

    public init(maximumBytes: Int = defaultMaximumBytes, maximumPackets: Int = defaultMaximumPackets,
                requiresReportFirst: Bool = true) {
        self.maximumBytes = max(4, maximumBytes)
        self.maximumPackets = max(1, maximumPackets)
        self.requiresReportFirst = requiresReportFirst
    }

    public func parse(_ bytes: [UInt8]) throws(RTPPacketError) -> [RTCPPacket] {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(RTPPacketError) -> [RTCPPacket] in try parse(buffer) } }
        return try result.get()
    }

    public func parse(_ bytes: UnsafeRawBufferPointer) throws(RTPPacketError) -> [RTCPPacket] {
        guard bytes.count <= maximumBytes else { throw RTPPacketError(.tooLarge(limit: maximumBytes), at: maximumBytes) }
        guard bytes.count >= 4 else { throw RTPPacketError(.truncated(needed: 4, available: bytes.count), at: 0) }
        var packets: [RTCPPacket] = []
        var offset = 0
        while offset < bytes.count {
            guard packets.count < maximumPackets else { throw RTPPacketError(.tooManyItems(limit: maximumPackets), at: offset) }
            guard offset + 4 <= bytes.count else {
                throw RTPPacketError(.truncated(needed: offset + 4, available: bytes.count), at: offset)
            }
            let first = bytes[offset]
            guard first >> 6 == RTPHeader.version else { throw RTPPacketError(.unsupportedVersion(first >> 6), at: offset) }
            let type = bytes[offset + 1]
            let end = offset + 4 * (Int(bytes.bigEndianUInt16(at: offset + 2)) + 1)
            guard end <= bytes.count else { throw RTPPacketError(.badLength, at: offset + 2) }
            var bodyEnd = end
            if first & 0x20 != 0 {
                guard end == bytes.count else { throw RTPPacketError(.badCompound, at: offset) }
                let padding = Int(bytes[end - 1])
                guard padding > 0, padding <= end - offset - 4 else { throw RTPPacketError(.badPadding(count: padding), at: end - 1) }
                bodyEnd = end - padding
            }
            if packets.isEmpty, requiresReportFirst, type != RTCPPacket.senderReportType, type != RTCPPacket.receiverReportType {
                throw RTPPacketError(.badCompound, at: offset + 1)
            }
            var reader = RTCPBodyReader(bytes: bytes, offset: offset + 4, end: bodyEnd)
            packets.append(try reader.packet(type: type, count: first & 0x1F, headerOffset: offset))
            offset = end
        }
        return packets
    }
}

/// Reads the body of one RTCP packet, bounds-checked against its end.
struct RTCPBodyReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    mutating func packet(type: UInt8, count: UInt8, headerOffset: Int) throws(RTPPacketError) -> RTCPPacket {
        switch type {
        case RTCPPacket.senderReportType:
            let ssrc = try uint32()
            let ntp = UInt64(try uint32()) << 32 | UInt64(try uint32())
            let report = RTCPSenderReport(ssrc: ssrc, ntpTimestamp: ntp, rtpTimestamp: try uint32(),
                                          packetCount: try uint32(), octetCount: try uint32(),
                                          reports: try reportBlocks(Int(count)))
            return .senderReport(report)
        case RTCPPacket.receiverReportType:
            return .receiverReport(RTCPReceiverReport(ssrc: try uint32(), reports: try reportBlocks(Int(count))))
        case RTCPPacket.sourceDescriptionType:
            var chunks: [RTCPSourceDescriptionChunk] = []
            for _ in 0..<Int(count) { chunks.append(try sourceDescriptionChunk()) }
            return .sourceDescription(chunks)
        case RTCPPacket.goodbyeType:
            var ssrcs: [UInt32] = []
            for _ in 0..<Int(count) { ssrcs.append(try uint32()) }
            var reason: [UInt8]?
            if offset < end {
                let length = Int(try uint8())
                reason = try take(length)
            }
            return .goodbye(RTCPGoodbye(ssrcs: ssrcs, reason: reason))
        default:
            guard (192...223).contains(type) else { throw RTPPacketError(.notRTCP(packetType: type), at: headerOffset + 1) }
            return .other(packetType: type, count: count, body: try take(end - offset))
        }
    }

    private mutating func reportBlocks(_ count: Int) throws(RTPPacketError) -> [RTCPReportBlock] {
        var blocks: [RTCPReportBlock] = []
        for _ in 0..<count {
            let ssrc = try uint32()
            let lossWord = try uint32()
            let lost = Int32(bitPattern: (lossWord & 0xFF_FFFF) << 8) >> 8  // sign-extend 24 bits
            blocks.append(RTCPReportBlock(ssrc: ssrc, fractionLost: UInt8(lossWord >> 24), cumulativeLost: lost,
                                          extendedHighestSequence: try uint32(), jitter: try uint32(),
                                          lastSenderReport: try uint32(), delaySinceLastSenderReport: try uint32()))
        }
        return blocks
    }

    /// RFC 3550 §6.5: SSRC, items until a zero type byte, then padding to the next 32-bit boundary.
    private mutating func sourceDescriptionChunk() throws(RTPPacketError) -> RTCPSourceDescriptionChunk {
        let start = offset
        let ssrc = try uint32()
        var items: [RTCPSourceDescriptionChunk.Item] = []
        while true {
            let type = try uint8()
            if type == 0 { break }
            let length = Int(try uint8())
            items.append(RTCPSourceDescriptionChunk.Item(type: type, value: try take(length)))
        }
        let padded = start + (offset - start + 3) / 4 * 4
        guard padded <= end else { throw RTPPacketError(.truncated(needed: padded, available: end), at: offset) }
        offset = padded
        return RTCPSourceDescriptionChunk(ssrc: ssrc, items: items)
    }

    private mutating func uint8() throws(RTPPacketError) -> UInt8 {
        guard offset + 1 <= end else { throw RTPPacketError(.truncated(needed: offset + 1, available: end), at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func uint32() throws(RTPPacketError) -> UInt32 {
        guard offset + 4 <= end else { throw RTPPacketError(.truncated(needed: offset + 4, available: end), at: offset) }
        defer { offset += 4 }
        return bytes.bigEndianUInt32(at: offset)
    }

    private mutating func take(_ count: Int) throws(RTPPacketError) -> [UInt8] {
        guard count >= 0, offset + count <= end else {
            throw RTPPacketError(.truncated(needed: offset + count, available: end), at: offset)
        }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }
}
