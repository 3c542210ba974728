import Net
import Wire

/// One accepted `/v3/ws` stream of a `FakeAssemblyAIServer` (loop thread only).
final class FakeAssemblyAIStream: WebSocketHandler {
    /// AssemblyAI: audio messages must hold 50–1000 ms (close 3007 "Input duration violation").
    static let chunkMilliseconds = 50...1000

    private let apiKey: String
    private let offeredKey: String?
    private let script: [FakeUtterance]
    private let fault: FakeStreamingFault?
    private let traffic: FakeTrafficLog
    private let connections: FakeConnectionRegistry
    private let client: SocketAddress?
    private let loop: EventLoop
    private let bytesPerSecond: Int
    private let formatTurns: Bool
    private var connection: WebSocketConnection?
    private var receivedBytes = 0
    private var reported = 0
    private var turnOrder = 0
    private var heardAudio = false
    private var holding = false

    init(upgrade: WebSocketUpgrade, apiKey: String, script: [FakeUtterance], fault: FakeStreamingFault?, traffic: FakeTrafficLog,
         connections: FakeConnectionRegistry) {
        self.apiKey = apiKey
        self.offeredKey = upgrade.head.headers["Authorization"]
        self.script = script
        self.fault = fault
        self.traffic = traffic
        self.connections = connections
        self.client = upgrade.remoteAddress
        self.loop = upgrade.loop
        let request = FakeServerHost.request(upgrade.head)
        let rate = Int(request.queryValues("sample_rate").first ?? "") ?? 16000
        bytesPerSecond = rate * (request.queryValues("encoding").first == "pcm_mulaw" ? 1 : 2)
        formatTurns = request.queryValues("format_turns").first == "true"
    }

    func opened(_ connection: WebSocketConnection) {
        self.connection = connection
        guard offeredKey == apiKey else {
            fail(code: 1008, "Unauthorized Connection: Invalid API key")
            return
        }
        send(#"{"type":"Begin","id":"fake-session","expires_at":1893456000}"#)
    }

    func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {
        switch message {
        case .binary(let bytes):
            traffic.update {
                $0.audio += bytes
                $0.audioMessages += 1
            }
            let milliseconds = bytes.count * 1000 / max(1, bytesPerSecond)
            guard Self.chunkMilliseconds.contains(milliseconds) else {
                fail(code: 3007, "Input duration violation: \(milliseconds) ms. Expected between 50 and 1000 ms")
                return
            }
            receivedBytes += bytes.count
            if !heardAudio {
                heardAudio = true
                if case .closeOnAudio(let code, let reason)? = fault {
                    fail(code: code, reason)
                    return
                }
            }
            report(flushing: false)
        case .text(let text):
            traffic.update { $0.textMessages.append(text) }
            if text.contains(#""Terminate""#) {
                holding = holding && fault == .stallAfterFirstResult
                report(flushing: true)
                let seconds = Double(receivedBytes) / Double(max(1, bytesPerSecond))
                send(#"{"type":"Termination","audio_duration_seconds":\#(seconds),"session_duration_seconds":\#(seconds)}"#)
                connection.close(code: .normalClosure, reason: "")
            }
        default:
            break
        }
    }

    func closed(code: WebSocketCloseCode, reason: String) {
        traffic.update { $0.closeCodes.append(code.rawValue) }
    }

    private func fail(code: UInt16, _ text: String) {
        send(#"{"type":"Error","error_code":\#(code),"error":"\#(text)"}"#)
        connection?.close(code: WebSocketCloseCode(code), reason: text)
    }

    private func report(flushing: Bool) {
        while !holding, reported < script.count, flushing || script[reported].afterAudioBytes <= receivedBytes {
            let utterance = script[reported]
            reported += 1
            let first = reported == 1
            if first, fault == .malformedJSON {
                send(#"{"type":"Turn","turn_order":0,"transcript":"#)
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

    /// AssemblyAI's sequence for one turn: a partial (first word not yet final), the end of turn
    /// unformatted, and with `format_turns` the formatted end of turn.
    private func emit(_ utterance: FakeUtterance) {
        let words = utterance.text.split(separator: " ").map(String.init)
        let plain = utterance.text.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }
        send(turn(transcript: "", words: Array(words.prefix(1)), final: false, endOfTurn: false, formatted: false))
        send(turn(transcript: plain, words: plain.split(separator: " ").map(String.init), final: true, endOfTurn: true, formatted: false))
        if formatTurns { send(turn(transcript: utterance.text, words: words, final: true, endOfTurn: true, formatted: true)) }
        turnOrder += 1
        traffic.update { $0.resultsSent += 1 }
    }

    private func turn(transcript: String, words: [String], final: Bool, endOfTurn: Bool, formatted: Bool) -> String {
        let entries = words.enumerated().map { index, word in
            #"{"start":\#(index * 300),"end":\#(index * 300 + 250),"text":"\#(escaped(word))","confidence":0.9,"word_is_final":\#(final)}"#
        }
        return #"{"turn_order":\#(turnOrder),"turn_is_formatted":\#(formatted),"end_of_turn":\#(endOfTurn),"#
            + #""transcript":"\#(escaped(transcript))","end_of_turn_confidence":\#(endOfTurn ? 0.9 : 0.01),"#
            + #""words":[\#(entries.joined(separator: ","))],"utterance":"\#(endOfTurn ? escaped(transcript) : "")","type":"Turn"}"#
    }

    private func escaped(_ text: String) -> String { text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") }

    private func send(_ text: String) {
        _ = connection?.send(text: text)
    }
}
