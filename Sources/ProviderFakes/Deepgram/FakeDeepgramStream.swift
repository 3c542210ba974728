import Net
import Wire

/// One accepted `/v1/listen` stream of a `FakeDeepgramServer` (loop thread only).
final class FakeDeepgramStream: WebSocketHandler {
    private let script: [FakeUtterance]
    private let fault: FakeStreamingFault?
    private let traffic: FakeTrafficLog
    private let connections: FakeConnectionRegistry
    private let client: SocketAddress?
    private let loop: EventLoop
    private let bytesPerSecond: Int
    private let vadEvents: Bool
    private let utteranceEnd: Bool
    private var connection: WebSocketConnection?
    private var receivedBytes = 0
    private var reported = 0
    private var heardAudio = false
    /// No more results (stall fault), or none until the slow first result is out.
    private var holding = false

    init(upgrade: WebSocketUpgrade, script: [FakeUtterance], fault: FakeStreamingFault?, traffic: FakeTrafficLog,
         connections: FakeConnectionRegistry) {
        self.script = script
        self.fault = fault
        self.traffic = traffic
        self.connections = connections
        self.client = upgrade.remoteAddress
        self.loop = upgrade.loop
        let request = FakeServerHost.request(upgrade.head)
        let rate = Int(request.queryValues("sample_rate").first ?? "") ?? 8000
        let bytesPerSample = request.queryValues("encoding").first == "linear16" ? 2 : 1
        bytesPerSecond = rate * bytesPerSample
        vadEvents = request.queryValues("vad_events").first == "true"
        utteranceEnd = !request.queryValues("utterance_end_ms").isEmpty
    }

    func opened(_ connection: WebSocketConnection) {
        self.connection = connection
    }

    func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {
        switch message {
        case .binary(let bytes):
            traffic.update {
                $0.audio += bytes
                $0.audioMessages += 1
            }
            receivedBytes += bytes.count
            if !heardAudio {
                heardAudio = true
                if case .closeOnAudio(let code, let reason)? = fault {
                    connection.close(code: WebSocketCloseCode(code), reason: reason)
                    return
                }
                if vadEvents { send(#"{"type":"SpeechStarted","channel":[0,1],"timestamp":0.0}"#) }
            }
            report(flushing: false)
        case .text(let text):
            traffic.update { $0.textMessages.append(text) }
            if text.contains(#""CloseStream""#) {
                holding = holding && fault == .stallAfterFirstResult
                report(flushing: true)
                send(#"{"type":"Metadata","transaction_key":"deprecated","request_id":"fake-request","sha256":"0","created":"2026-01-01T00:00:00.000Z","duration":\#(seconds(receivedBytes)),"channels":1}"#)
                connection.close(code: .normalClosure, reason: "")
            }
        default:
            break
        }
    }

    func closed(code: WebSocketCloseCode, reason: String) {
        traffic.update { $0.closeCodes.append(code.rawValue) }
    }

    /// Reports every scripted utterance whose audio has arrived (all of them when flushing).
    private func report(flushing: Bool) {
        while !holding, reported < script.count, flushing || script[reported].afterAudioBytes <= receivedBytes {
            let utterance = script[reported]
            reported += 1
            let first = reported == 1
            if first, fault == .malformedJSON {
                send(#"{"type":"Results","channel":{"alternatives":[{"transcript":"#)
                return
            }
            if first, case .slowFirstResult(let delay)? = fault {
                holding = true
                loop.scheduleLocalTimer(after: delay) { [self] in
                    holding = false
                    emit(utterance)
                    report(flushing: false)
                }
                return
            }
            emit(utterance)
            if first, fault == .stallAfterFirstResult { holding = true }
            if first, fault == .disconnectAfterFirstResult {
                connections.cut(client: client)
                return
            }
        }
    }

    /// Deepgram's sequence for one utterance: an interim with the first word, the final with
    /// `speech_final`, then `UtteranceEnd`.
    private func emit(_ utterance: FakeUtterance) {
        let end = seconds(max(utterance.afterAudioBytes, 0))
        let firstWord = utterance.text.split(separator: " ").first.map(String.init) ?? ""
        send(results(firstWord, isFinal: false, speechFinal: false, end: end))
        send(results(utterance.text, isFinal: true, speechFinal: true, end: end))
        if utteranceEnd { send(#"{"type":"UtteranceEnd","channel":[0,1],"last_word_end":\#(end)}"#) }
        traffic.update { $0.resultsSent += 1 }
    }

    private func results(_ transcript: String, isFinal: Bool, speechFinal: Bool, end: Double) -> String {
        let quoted = transcript.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return #"{"type":"Results","channel_index":[0,1],"duration":1.0,"start":\#(max(0, end - 1)),"is_final":\#(isFinal),"#
            + #""speech_final":\#(speechFinal),"from_finalize":false,"channel":{"alternatives":[{"transcript":"\#(quoted)","#
            + #""confidence":0.93,"words":[]}]},"metadata":{"request_id":"fake-request","model_info":{"name":"general-nova-3","#
            + #""version":"fake","arch":"nova-3"},"model_uuid":"fake"}}"#
    }

    private func seconds(_ bytes: Int) -> Double { Double(bytes) / Double(max(1, bytesPerSecond)) }

    private func send(_ text: String) {
        _ = connection?.send(text: text)
    }
}
