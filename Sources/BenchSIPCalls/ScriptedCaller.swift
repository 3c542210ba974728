import Net
import SIP
#if canImport(Glibc)
import Glibc
#endif

/// A scripted SIP caller on its own loop: raw INVITE / ACK / BYE over one UDP socket, and per call an
/// RTP socket that sends a 20 ms PCMU packet every tick once the call is up and counts what the agent
/// sends back (packets, and gaps over 40 ms between them: late or missing frames as the caller hears).
/// Loop-confined: every method runs on `loop`.
final class ScriptedCaller: DatagramHandler {
    struct Call {
        var callID: String
        var fromTag: String
        var toTag: String?
        var inviteSentAt: ContinuousClock.Instant
        var answeredAt: ContinuousClock.Instant?
        var rtp: UDPSocket?
        var remoteRTP: SocketAddress?
        var sequence: UInt16 = 0
        var timestamp: UInt32 = 0
        var ssrc: UInt32 = 0
        var ended = false
    }

    let loop: EventLoop
    let server: SocketAddress
    private var socket: UDPSocket!
    private var calls: [String: Call] = [:]
    private let parser = SIPParser()
    private var counter = 0
    /// Hang up right after the ACK and dial the next call (setup bench) instead of keeping the call
    /// (concurrency bench).
    let hangUpAtOnce: Bool
    let report: CallerReport
    private var hungUpAll = false
    private(set) var rtpReceived = 0
    private(set) var rtpSent = 0
    private(set) var rtpGaps = 0
    private var rtpTimer: TimerHandle?
    private var lastArrival: [UInt16: ContinuousClock.Instant] = [:]
    private let payload = [UInt8](repeating: 0xFF, count: 160)  // µ-law silence-ish

    init(loop: EventLoop, server: SocketAddress, report: CallerReport, hangUpAtOnce: Bool) throws {
        self.loop = loop
        self.server = server
        self.report = report
        self.hangUpAtOnce = hangUpAtOnce
        socket = try UDPSocket.bind(SocketAddress(host: "127.0.0.1", port: 0)!, on: loop)
        socket.handler = self
    }

    var localPort: UInt16 { socket.localAddress.port }

    /// Starts sending RTP on every established call every 20 ms.
    func startMedia() {
        rtpTimer = loop.scheduleRepeatingLocalTimer(every: .milliseconds(20)) { [weak self] in self?.sendRTPTick() }
    }

    func stopMedia() { rtpTimer?.cancel() }

    func resetCounters() {
        lastArrival.removeAll()
        rtpReceived = 0
        rtpSent = 0
        rtpGaps = 0
    }

    func dial() {
        counter += 1
        let callID = "bench-\(counter)-\(localPort)"
        let tag = "t\(counter)"
        var call = Call(callID: callID, fromTag: tag, inviteSentAt: .now)
        call.ssrc = 0x5B00_0000 | UInt32(truncatingIfNeeded: counter)
        var rtpPort: UInt16 = 9
        if !hangUpAtOnce, let rtp = try? UDPSocket.bind(SocketAddress(host: "127.0.0.1", port: 0)!, on: loop) {
            rtp.handler = self
            call.rtp = rtp
            rtpPort = rtp.localAddress.port
        }
        calls[callID] = call
        let sdp = ["v=0", "o=bench 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
                   "m=audio \(rtpPort) RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000",
                   "a=ptime:20", "a=sendrecv"].joined(separator: "\r\n") + "\r\n"
        send(request("INVITE", call, cseq: 1, contentType: "application/sdp", body: sdp))
    }

    func hangUp(_ callID: String) {
        guard var call = calls[callID], !call.ended else { return }
        call.ended = true
        calls[callID] = call
        send(request("BYE", call, cseq: 2))
    }

    var establishedCallIDs: [String] { calls.values.filter { $0.answeredAt != nil && !$0.ended }.map(\.callID) }

    private func request(_ method: String, _ call: Call, cseq: Int, contentType: String? = nil, body: String = "") -> String {
        let branch = "z9hG4bK\(call.callID)-\(method)-\(cseq)"
        var lines = ["\(method) sip:agent@\(server.host):\(server.port) SIP/2.0",
                     "Via: SIP/2.0/UDP 127.0.0.1:\(localPort);rport;branch=\(branch)", "Max-Forwards: 70",
                     "From: <sip:bench@127.0.0.1>;tag=\(call.fromTag)",
                     "To: <sip:agent@127.0.0.1>" + (call.toTag.map { ";tag=\($0)" } ?? ""),
                     "Call-ID: \(call.callID)", "CSeq: \(cseq) \(method)",
                     "Contact: <sip:bench@127.0.0.1:\(localPort)>"]
        if let contentType { lines.append("Content-Type: \(contentType)") }
        lines.append("Content-Length: \(body.utf8.count)")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    private func send(_ text: String) { _ = socket.send(Array(text.utf8), to: server) }

    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        if bytes.count >= 12, bytes[0] & 0xC0 == 0x80 { return rtpArrived(bytes, from: source) }
        guard case .response(let response)? = try? parser.parse(datagram: Array(bytes)) else { return }
        let callID = response.headers.callID
        guard var call = calls[callID] else { return }
        switch (response.headers.cseq.method.rawValue, response.statusCode) {
        case ("INVITE", 200):
            guard call.answeredAt == nil else { return }  // a retransmitted 200: our ACK is on its way
            call.toTag = response.headers.to.tag
            call.answeredAt = .now
            call.remoteRTP = Self.audioAddress(in: response.body)
            calls[callID] = call
            send(request("ACK", call, cseq: 1))
            let latency = nanoseconds(call.answeredAt! - call.inviteSentAt)
            report.update { $0.answered += 1; $0.established += 1; $0.answerLatencies.append(latency) }
            if hangUpAtOnce { hangUp(callID) }
        case ("INVITE", 300...):
            calls[callID] = nil
            report.update { $0.failed += 1 }
            if hangUpAtOnce, report.snapshot.keepDialing { dial() }
        case ("BYE", 200...):
            call.rtp?.close()
            calls[callID] = nil
            let latency = nanoseconds(.now - call.inviteSentAt)
            report.update { $0.ended += 1; $0.established -= 1; $0.cycleLatencies.append(latency) }
            if hangUpAtOnce, report.snapshot.keepDialing { dial() }
        default:
            break
        }
    }

    private func rtpArrived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        rtpReceived += 1
        // Gaps per sending stream (one server port per call): 20 ms packets more than 40 ms apart.
        let now = ContinuousClock.now
        if let last = lastArrival[source.port], now - last > .milliseconds(40) { rtpGaps += 1 }
        lastArrival[source.port] = now
    }

    private func sendRTPTick() {
        var packet = [UInt8](repeating: 0, count: 12 + 160)
        for (id, var call) in calls where call.answeredAt != nil && !call.ended {
            guard let rtp = call.rtp, let remote = call.remoteRTP else { continue }
            packet[0] = 0x80
            packet[1] = call.sequence == 0 ? 0x80 : 0x00
            packet[2] = UInt8(call.sequence >> 8); packet[3] = UInt8(call.sequence & 0xFF)
            for i in 0..<4 { packet[4 + i] = UInt8(truncatingIfNeeded: call.timestamp >> (24 - 8 * UInt32(i))) }
            for i in 0..<4 { packet[8 + i] = UInt8(truncatingIfNeeded: call.ssrc >> (24 - 8 * UInt32(i))) }
            packet.replaceSubrange(12..., with: payload)
            if case .sent = rtp.send(packet, to: remote) { rtpSent += 1 }
            call.sequence &+= 1
            call.timestamp &+= 160
            calls[id] = call
        }
        let (sent, received, gaps) = (rtpSent, rtpReceived, rtpGaps)
        let hangUpAll = report.values.withLock { values in
            values.rtpSent = sent
            values.rtpReceived = received
            values.rtpGaps = gaps
            return values.hangUpAll
        }
        if hangUpAll, !hungUpAll {
            hungUpAll = true
            for id in establishedCallIDs { hangUp(id) }
        }
    }

    /// The c= address and m=audio port of an SDP answer.
    static func audioAddress(in body: [UInt8]) -> SocketAddress? {
        let text = String(decoding: body, as: UTF8.self)
        var host = "127.0.0.1", port: UInt16?
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("c=IN IP4 ") { host = String(line.dropFirst(9)) }
            if line.hasPrefix("m=audio ") { port = UInt16(line.dropFirst(8).prefix { $0 != " " }) }
        }
        return port.flatMap { SocketAddress(host: host, port: $0) }
    }
}
