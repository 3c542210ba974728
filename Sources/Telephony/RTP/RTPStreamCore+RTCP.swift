import Media
import Net
#if canImport(Glibc)
import Glibc
#endif

/// RTCP (RFC 3550 §6): a compound of SR (if we have sent) or RR, plus SDES CNAME, about every 5 s
/// (randomized 0.5–1.5×, §6.3.1), and with BYE at stop. Received SRs are remembered for the LSR/DLSR
/// fields of our next report block. Once per few seconds, so allocation is fine here.
extension RTPStreamCore {
    /// RFC 5905: seconds from the NTP epoch (1900) to the Unix epoch (1970).
    static let ntpEpochOffset: UInt64 = 2_208_988_800

    var rtcpDestination: SocketAddress? {
        guard let parameters, let rtp = destination else { return nil }
        if parameters.rtcpMux { return rtp }
        if let explicit = parameters.remoteRTCP, latchedSource == nil { return explicit }
        if let latchedRTCPSource { return latchedRTCPSource }
        var next = rtp
        next.port = rtp.port &+ 1
        return next
    }

    func sendReport(goodbye: Bool) {
        guard let destination = rtcpDestination, let parameters else { return }
        var delay: UInt32 = 0
        if let last = lastSenderReport {
            delay = UInt32(clamping: (tickCount - last.tick) * 65_536 / 50)  // 1/65536 s units
        }
        let blocks = receiveStatistics.reportBlock(lastSenderReport: lastSenderReport?.compact ?? 0,
                                                   delaySinceLastSenderReport: lastSenderReport == nil ? 0 : delay).map { [$0] } ?? []
        var packets: [RTCPPacket] = []
        if stats.packetsSent > 0 {
            packets.append(.senderReport(RTCPSenderReport(
                ssrc: ssrc, ntpTimestamp: Self.ntpNow(), rtpTimestamp: timestamp,
                packetCount: UInt32(truncatingIfNeeded: stats.packetsSent), octetCount: UInt32(truncatingIfNeeded: stats.octetsSent),
                reports: blocks)))
        } else {
            packets.append(.receiverReport(RTCPReceiverReport(ssrc: ssrc, reports: blocks)))
        }
        packets.append(.sourceDescription([RTCPSourceDescriptionChunk(ssrc: ssrc, items: [.cname(parameters.canonicalName)])]))
        if goodbye { packets.append(.goodbye(RTCPGoodbye(ssrcs: [ssrc]))) }
        let bytes = RTCPCompoundSerializer.serialize(packets)
        let socket = parameters.rtcpMux ? rtpSocket : (rtcpSocket ?? rtpSocket)
        if socket.send(bytes, to: destination) == .sent { stats.rtcpSent += 1 }
    }

    func receiveRTCP(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        guard parameters != nil, !stopped else { return }
        guard let packets = try? RTCPCompoundParser(requiresReportFirst: false).parse(bytes) else {
            stats.malformed += 1
            return
        }
        stats.rtcpReceived += 1
        if parameters?.rtcpMux == false, parameters?.latchesToSource == true, latchedSource != nil { latchedRTCPSource = source }
        for packet in packets {
            if case .senderReport(let report) = packet, remoteSSRC == nil || report.ssrc == remoteSSRC {
                lastSenderReport = (report.compactNTP, tickCount)
            }
        }
    }

    /// Wall-clock time as a 64-bit NTP timestamp (RFC 3550 §4).
    static func ntpNow() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let seconds = UInt64(spec.tv_sec) &+ ntpEpochOffset
        let fraction = UInt64(spec.tv_nsec) << 32 / 1_000_000_000
        return seconds << 32 | fraction
    }
}
