import Conversation
import Media
import Net
import Speech

/// Outbound: agent audio queued per chunk, one 20 ms packet per media tick. Sequence numbers grow by
/// one per packet sent; the timestamp grows by one packet's units (160 for G.711, 960 for Opus) per
/// tick whether or not a packet goes out, so it continues across silence (RFC 3550 §5.1); the first
/// packet of agent audio after silence carries the marker bit. Opus frames are encoded at send time into
/// a reused packet buffer by the stream's one encoder. With `RTPSilencePolicy.sendSilence` a G.711
/// silence packet (no marker) fills every tick with nothing queued, so the peer sees a packet every 20 ms
/// for the whole call; Opus sends nothing then (as with DTX: Opus peers expect gaps, and encoding
/// silence would cost the encoder's full price every tick).
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
        defer { timestamp &+= UInt32(parameters.codec.unitsPerPacket) }
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
            if parameters.codec == .opus {
                sendOpusFrame(payloadType: parameters.payloadType, to: destination)
            } else {
                frameBytes.withUnsafeBytes { sendPacket($0, payloadType: parameters.payloadType, marker: !inTalkspurt,
                                                        timestamp: timestamp, to: destination) }
            }
            inTalkspurt = true
            reportDueMarks()
        } else {
            inTalkspurt = false
            reportDueMarks()
            if parameters.silencePolicy == .sendSilence, parameters.codec != .opus {
                queue.silenceFrame(into: &frameBytes)
                frameBytes.withUnsafeBytes { sendPacket($0, payloadType: parameters.payloadType, marker: false,
                                                        timestamp: timestamp, to: destination) }
            }
        }
    }

    /// Encodes the 16 kHz frame in `frameBytes` (little-endian Int16, as queued) and sends the packet.
    /// An encoder failure (none expected for valid 20 ms input) counts as a failed send.
    private func sendOpusFrame(payloadType: UInt8, to destination: SocketAddress) {
        guard let encoder = opusEncoder else { stats.sendsFailed += 1; return }
        let length = frameBytes.withUnsafeBytes { raw in
            raw.withMemoryRebound(to: Int16.self) { pcm in
                opusPacket.withUnsafeMutableBufferPointer { out in (try? encoder.encode(pcm, into: out)) ?? 0 }
            }
        }
        guard length > 0 else { stats.sendsFailed += 1; return }
        opusPacket.withUnsafeBytes { sendPacket(UnsafeRawBufferPointer(rebasing: $0[0..<length]), payloadType: payloadType,
                                                marker: !inTalkspurt, timestamp: timestamp, to: destination) }
    }

    func reportDueMarks() {
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
