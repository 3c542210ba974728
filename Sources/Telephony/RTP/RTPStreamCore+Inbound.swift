import Media
import Net
#if canImport(Glibc)
import Glibc
#endif

/// Inbound: packets are checked (valid RTP, negotiated payload type, expected source), counted for
/// RTCP (RFC 3550 A.1/A.3/A.8) and put in the jitter buffer; each media tick takes one frame out,
/// decodes it (G.711 by table, Opus with the stream's decoder) or conceals a gap (silence for G.711,
/// the Opus decoder's packet-loss concealment for Opus) and hands it to the delegate. RFC 4733 events become
/// digits at once. Nothing on this path allocates.
extension RTPStreamCore {
    /// RFC 5761 §4: with rtcp-mux, a second byte in 192...223 is an RTCP packet type.
    static let rtcpPacketTypes: ClosedRange<UInt8> = 192...223

    func receiveDatagram(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        guard let parameters, !stopped else { return }
        if parameters.rtcpMux, bytes.count >= 2, Self.rtcpPacketTypes.contains(bytes[1]) {
            receiveRTCP(bytes, from: source)
            return
        }
        guard let packet = try? parser.parse(bytes) else {
            stats.malformed += 1
            return
        }
        let header = packet.header
        let isAudio = header.payloadType == parameters.payloadType
        guard isAudio || header.payloadType == parameters.telephoneEventPayloadType else {
            stats.unknownPayloadType += 1
            return
        }
        guard acceptSource(source, ssrc: header.ssrc, parameters: parameters) else {
            stats.rejectedSource += 1
            return
        }
        stats.packetsReceived += 1
        ticksSinceInbound = 0
        timeoutReported = false
        let payload = UnsafeRawBufferPointer(rebasing: bytes[packet.payloadRange])
        if isAudio {
            receiveStatistics.record(sequence: header.sequenceNumber, timestamp: header.timestamp, ssrc: header.ssrc,
                                     arrival: Self.arrivalUnits(clockRate: parameters.codec.clockRate))
            guard parameters.direction.receives else { return }
            guard parameters.codec == .opus ? !payload.isEmpty : payload.count == Self.unitsPerTick else {
                stats.wrongPayloadSize += 1
                return
            }
            jitter.insert(sequence: header.sequenceNumber, timestamp: header.timestamp, ssrc: header.ssrc, payload: payload)
        } else if payload.count >= TelephoneEvent.byteCount {
            // RFC 4733 §2.3; the first report is the current event (later ones are redundancy).
            let event = TelephoneEvent(event: payload[0], isEnd: payload[1] & 0x80 != 0, volume: payload[1] & 0x3F,
                                       duration: UInt16(payload[2]) << 8 | UInt16(payload[3]))
            if let digit = events.receive(event, timestamp: header.timestamp, ssrc: header.ssrc, marker: header.marker),
               parameters.direction.receives {
                stats.digitsReceived += 1
                delegate?.rtpStreamReceivedDigit(digit)
            }
        }
    }

    /// Symmetric RTP (RFC 4961) with a guard against injection: latch to the first valid packet's
    /// source; afterwards accept the latched source, and move only when the SSRC changes (the peer
    /// restarted its stream, e.g. after a transfer); a stranger reusing the SSRC is dropped.
    private func acceptSource(_ source: SocketAddress, ssrc: UInt32, parameters: RTPMediaParameters) -> Bool {
        guard parameters.latchesToSource else { return true }
        if let latched = latchedSource, latched == source {
            remoteSSRC = ssrc
            return true
        }
        if latchedSource != nil, ssrc == remoteSSRC { return false }
        latchedSource = source
        remoteSSRC = ssrc
        stats.latches += 1
        return true
    }

    /// One tick of playout: a frame to the delegate, and the inactivity check.
    func inboundTick(_ parameters: RTPMediaParameters) {
        guard parameters.direction.receives else { return }
        ticksSinceInbound += 1
        if !timeoutReported, ticksSinceInbound >= Self.ticks(in: parameters.inactivityTimeout) {
            timeoutReported = true
            delegate?.rtpStreamTimedOut()
            guard !stopped else { return }
        }
        switch jitter.pop(into: &payloadScratch) {
        case .frame:
            if let decoder = opusDecoder {
                do {
                    try decoder.decode(payloadScratch, into: &inboundFrame)
                } catch {
                    stats.wrongPayloadSize += 1
                    conceal()
                }
            } else {
                guard payloadScratch.count == Self.unitsPerTick else { return }
                if parameters.codec == .pcmu {
                    MuLaw.decode(payloadScratch, into: &inboundFrame)
                } else {
                    ALaw.decode(payloadScratch, into: &inboundFrame)
                }
            }
            deliver()
        case .missing:
            conceal()
            stats.framesConcealed += 1
            deliver()
        case .buffering:
            break
        }
    }

    /// Fills `inboundFrame` for a lost packet: Opus packet-loss concealment, or silence.
    private func conceal() {
        if let decoder = opusDecoder, (try? decoder.concealLoss(into: &inboundFrame)) != nil { return }
        inboundFrame.samples.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    private func deliver() {
        stats.framesDelivered += 1
        if let resampler {
            resampler.process(inboundFrame, into: &deliveredFrame)
            delegate?.rtpStreamReceived(deliveredFrame)
        } else {
            delegate?.rtpStreamReceived(inboundFrame)
        }
    }

    /// Whole 20 ms ticks in `duration` (at least 1).
    static func ticks(in duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 50 + Int(attoseconds / 20_000_000_000_000_000))
    }

    /// Arrival time in RTP units (`clockRate`) of the monotonic clock (RFC 3550 A.8 needs only differences).
    static func arrivalUnits(clockRate: Int) -> UInt32 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        let rate = Int64(clockRate)
        return UInt32(truncatingIfNeeded: Int64(spec.tv_sec) &* rate &+ Int64(spec.tv_nsec) &* rate / 1_000_000_000)
    }
}
