import Net
import Speech
import Wire

/// One `stream-input` session of the ElevenLabs fake (protocols.md §5.3): BOS (`{"text":" "}`), text
/// messages, EOS (`{"text":""}`) → base64 audio messages with `isFinal: null`, then `{"isFinal":true}`
/// and a normal close. Loop thread only.
final class FakeElevenLabsSocket: WebSocketHandler {
    private let log: FakeTTSLog
    private let format: AudioFormat
    private let pacing: FakeAudioPacing
    private let fault: FakeTTSFault?
    private let path: String
    private var text = ""
    private var player: FakeMessagePlayer?

    init(log: FakeTTSLog, format: AudioFormat, pacing: FakeAudioPacing, fault: FakeTTSFault?, path: String) {
        self.log = log
        self.format = format
        self.pacing = pacing
        self.fault = fault
        self.path = path
    }

    func opened(_ connection: WebSocketConnection) { log.record(.socketOpened) }

    func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {
        guard case .text(let body) = message else { return }
        log.record(.request(FakeTTSRequest(method: "WS", path: path, query: [:], headers: [:], body: body)))
        guard let json = FakeJSON.object(body), let piece = json["text"] as? String else {
            connection.close(code: WebSocketCloseCode(1008), reason: "invalid message")
            return
        }
        guard piece.isEmpty else {
            text += piece
            return
        }
        let spoken = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        var messages = pacing.pieces(of: FakeTone.audio(for: spoken, format: format)).map { piece in
            FakeJSON.text(["audio": Base64.encode(piece), "isFinal": NSNullish.value, "normalizedAlignment": NSNullish.value])
        }
        messages.append(FakeJSON.text(["isFinal": true]))
        var ending = FakeMessagePlayer.Ending.close
        var delay = Duration.zero
        switch fault {
        case .status(let status, let message, _):
            let word = status == 429 ? "rate_limited" : status == 401 ? "quota_exceeded" : status >= 500 ? "internal_error" : "invalid_request"
            messages = [FakeJSON.text(["message": message, "error": word, "code": 1008])]
        case .malformedAudio: messages.insert(FakeJSON.text(["audio": "@@not base64@@", "isFinal": NSNullish.value]), at: 1)
        case .malformedJSON: messages.insert("{\"audio\": ", at: 1)
        case .stallAfterFirstChunk: ending = .stall(afterMessages: 1)
        case .disconnectMidStream: ending = .disconnect(afterMessages: 1)
        case .slowFirstBytes(let wait): delay = wait
        case nil: break
        }
        let player = FakeMessagePlayer(connection: connection, messages: messages, interval: pacing.interval, ending: ending)
        self.player = player
        player.start(after: delay)
    }

    func closed(code: WebSocketCloseCode, reason: String) {
        player?.cancel()
        log.record(.socketClosed)
    }
}
