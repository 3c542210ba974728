/// Writes RTCP packets as one compound datagram (RFC 3550 §6.1): each packet with its common header,
/// 32-bit aligned, in the order given (put SR or RR first, and SDES with a CNAME, as §6.1 asks).
public enum RTCPCompoundSerializer {
    public static func serialize(_ packets: [RTCPPacket]) -> [UInt8] {
        var bytes: [UInt8] = []
        for packet in packets { append(packet, to: &bytes) }
        return bytes
    }

    static func append(_ packet: RTCPPacket, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        let type: UInt8
        let count: Int
        switch packet {
        case .senderReport(let report):
            type = RTCPPacket.senderReportType
            count = min(report.reports.count, 31)
            bytes.put32(report.ssrc)
            bytes.put32(UInt32(truncatingIfNeeded: report.ntpTimestamp >> 32))
            bytes.put32(UInt32(truncatingIfNeeded: report.ntpTimestamp))
            bytes.put32(report.rtpTimestamp)
            bytes.put32(report.packetCount)
            bytes.put32(report.octetCount)
            for block in report.reports.prefix(count) { append(block, to: &bytes) }
        case .receiverReport(let report):
            type = RTCPPacket.receiverReportType
            count = min(report.reports.count, 31)
            bytes.put32(report.ssrc)
            for block in report.reports.prefix(count) { append(block, to: &bytes) }
        case .sourceDescription(let chunks):
            type = RTCPPacket.sourceDescriptionType
            count = min(chunks.count, 31)
            for chunk in chunks.prefix(count) {
                let chunkStart = bytes.count
                bytes.put32(chunk.ssrc)
                for item in chunk.items {
                    bytes.append(item.type)
                    bytes.append(UInt8(item.value.count))
                    bytes.append(contentsOf: item.value)
                }
                bytes.append(0)  // end of items, then pad the chunk to 32 bits
                while (bytes.count - chunkStart) % 4 != 0 { bytes.append(0) }
            }
        case .goodbye(let goodbye):
            type = RTCPPacket.goodbyeType
            count = goodbye.ssrcs.count
            for ssrc in goodbye.ssrcs { bytes.put32(ssrc) }
            if let reason = goodbye.reason {
                bytes.append(UInt8(reason.count))
                bytes.append(contentsOf: reason)
                while (bytes.count - start) % 4 != 0 { bytes.append(0) }
            }
        case .other(let packetType, let otherCount, let body):
            type = packetType
            count = Int(otherCount & 0x1F)
            bytes.append(contentsOf: body)
            while (bytes.count - start) % 4 != 0 { bytes.append(0) }
        }
        let words = (bytes.count - start) / 4 - 1
        bytes[start] = RTPHeader.version << 6 | UInt8(count)
        bytes[start + 1] = type
        bytes[start + 2] = UInt8(words >> 8 & 0xFF)
        bytes[start + 3] = UInt8(words & 0xFF)
    }

    static func append(_ block: RTCPReportBlock, to bytes: inout [UInt8]) {
        bytes.put32(block.ssrc)
        bytes.put32(UInt32(block.fractionLost) << 24 | UInt32(bitPattern: block.cumulativeLost) & 0xFF_FFFF)
        bytes.put32(block.extendedHighestSequence)
        bytes.put32(block.jitter)
        bytes.put32(block.lastSenderReport)
        bytes.put32(block.delaySinceLastSenderReport)
    }
}

extension [UInt8] {
    mutating func put32(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8(value >> 16 & 0xFF))
        append(UInt8(value >> 8 & 0xFF))
        append(UInt8(value & 0xFF))
    }
}
