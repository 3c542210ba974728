import Conversation
import Media
import Net
import Speech

/// Outbound: agent audio queued per chunk, one 20 ms packet per media tick. Sequence numbers grow by
/// one per packet sent; the timestamp grows by 160 per tick whether or not a packet goes out, so it
/// continues across silence (RFC 3550 §5.1); the first packet of agent audio after silence carries the
/// marker bit. With `RTPSilencePolicy.sendSilence` a silence packet (no marker) fills every tick with
/// nothing queued, so the peer sees a packet every 20 ms for the whole call.
extension RTPStreamCore {
    func send(audio: AudioChunk) {
        guard !stopped, let bytes = transcoder.wireBytes(for: audio) else { return }
        queue.append(audio: bytes)
    }

    func sendMark(_ mark: MarkID) {
        guard !stopped else { return }
        queue.append(mark: mark)
    }

    func clear() {
        guard !stopped else { return }
        queue.clear()
    }

    func sendDTMF(_ digit: DTMFDigit) {
        guard !stopped else { return }
        pendingDigits.append(digit)
    }

    /// One tick of sending.
    func outboundTick(_ parameters: RTPMediaParameters) {
        defer { timestamp &+= UInt32(Self.unitsPerTick) }
        guard parameters.direction.sends, let destination else {
            // On hold (or nowhere to send yet): audio plays out unheard so marks keep flowing.
            if queue.takeFrame(into: &frameBytes) { reportDueMarks() }
            pendingDigits.removeAll()
            dtmf = nil
            inTalkspurt = false
            return
        }
        if dtmf == nil, !pendingDigits.isEmpty {
            let digit = pendingDigits.removeFirst()
            if parameters.telephoneEventPayloadType != nil {
                dtmf = TelephoneEventSender(digit: digit, startTimestamp: timestamp, clockRate: parameters.codec.clockRate)
                stats.digitsSent += 1
            }
        }
        if var sender = dtmf, let eventType = parameters.telephoneEventPayloadType {
            if let event = sender.next() {
                let report = event.event  // RFC 4733 §2.3: event, E|R|volume, duration (big-endian)
                var payload = (report.event, (report.isEnd ? 0x80 : 0) | report.volume,
                               UInt8(report.duration >> 8), UInt8(report.duration & 0xFF))
                withUnsafeBytes(of: &payload) { sendPacket($0, payloadType: eventType, marker: event.marker,
                                                            timestamp: event.timestamp, to: destination) }
            }
            dtmf = sender.isFinished ? nil : sender
            inTalkspurt = false
            return
        }
        if queue.takeFrame(into: &frameBytes) {
            frameBytes.withUnsafeBytes { sendPacket($0, payloadType: parameters.payloadType, marker: !inTalkspurt,
                                                    timestamp: timestamp, to: destination) }
            inTalkspurt = true
            reportDueMarks()
        } else {
            inTalkspurt = false
            reportDueMarks()
            if parameters.silencePolicy == .sendSilence {
                queue.silenceFrame(into: &frameBytes)
                frameBytes.withUnsafeBytes { sendPacket($0, payloadType: parameters.payloadType, marker: false,
                                                        timestamp: timestamp, to: destination) }
            }
        }
    }

    private func reportDueMarks() {
        while let mark = queue.nextDueMark() {
            stats.marksReported += 1
            delegate?.rtpStreamPlayedMark(mark)
        }
    }

    /// Writes header + payload into the reusable packet buffer and sends it: no allocation.
    private func sendPacket(_ payload: UnsafeRawBufferPointer, payloadType: UInt8, marker: Bool, timestamp: UInt32,
                            to destination: SocketAddress) {
        let header = RTPHeader(marker: marker, payloadType: payloadType, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc)
        sequence &+= 1
        let outcome = packet.withUnsafeMutableBytes { buffer -> DatagramSendOutcome in
            let headerBytes = header.write(into: buffer)
            let length = min(payload.count, buffer.count - headerBytes)
            if length > 0 { (buffer.baseAddress! + headerBytes).copyMemory(from: payload.baseAddress!, byteCount: length) }
            return rtpSocket.send(UnsafeRawBufferPointer(rebasing: buffer[0..<(headerBytes + length)]), to: destination)
        }
        if outcome == .sent {
            stats.packetsSent += 1
            stats.octetsSent += payload.count
        } else {
            stats.sendsFailed += 1
        }
    }
}
