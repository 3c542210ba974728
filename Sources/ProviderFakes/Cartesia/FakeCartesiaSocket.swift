import Media
import Net
import Speech
import Wire

/// One connection to the Cartesia fake (protocols.md §5.4): each generation request (`context_id`,
/// `transcript`, `output_format`) gets `chunk` messages with base64 audio then `done`, interleaved with
/// other contexts on the same socket; `{"context_id":…,"cancel":true}` stops a context and is logged.
/// Loop thread only.
final class FakeCartesiaSocket: WebSocketHandler {
    private let log: FakeTTSLog
    private let faults: FakeFaultScript
    private let pacing: FakeAudioPacing
    private var players: [String: FakeMessagePlayer] = [:]

    init(log: FakeTTSLog, faults: FakeFaultScript, pacing: FakeAudioPacing) {
        self.log = log
        self.faults = faults
        self.pacing = pacing
    }

    func opened(_ connection: WebSocketConnection) { log.record(.socketOpened) }

    func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {
        guard case .text(let body) = message else { return }
        guard let json = FakeJSON.object(body), let contextID = json["context_id"] as? String else {
            connection.send(text: FakeJSON.text(["type": "error", "done": true, "status_code": 400, "title": "Invalid request",
                                                 "message": "message is not a JSON object with context_id"]))
            return
        }
        if json["cancel"] as? Bool == true {
            log.record(.contextCancelled(contextID))
            players.removeValue(forKey: contextID)?.cancel()
            return
        }
        log.record(.request(FakeTTSRequest(method: "WS", path: "/tts/websocket", query: [:], headers: [:], body: body)))
        guard let transcript = json["transcript"] as? String, let output = json["output_format"] as? [String: Any],
              let format = Self.format(output) else {
            connection.send(text: Self.error(contextID, 400, "Invalid output format", "invalid_request"))
            return
        }
        play(contextID: contextID, audio: FakeTone.audio(for: transcript, format: format), on: connection)
    }

    private func play(contextID: String, audio: [UInt8], on connection: WebSocketConnection) {
        var messages = pacing.pieces(of: audio).enumerated().map { index, piece in
            FakeJSON.text(["type": "chunk", "data": Base64.encode(piece), "done": false, "status_code": 206, "step_time": 10 + index,
                           "context_id": contextID])
        }
        messages.append(FakeJSON.text(["type": "done", "done": true, "status_code": 206, "context_id": contextID]))
        var ending = FakeMessagePlayer.Ending.none
        var delay = Duration.zero
        switch faults.next() {
        case .status(let status, let message, _): messages = [Self.error(contextID, status, message, status == 402 ? "quota_exceeded" : "error")]
        case .malformedAudio:
            messages.insert(FakeJSON.text(["type": "chunk", "data": "%%bad%%", "done": false, "status_code": 206, "context_id": contextID]), at: 1)
        case .malformedJSON: messages.insert("{\"type\":\"chunk\",", at: 1)
        case .stallAfterFirstChunk: ending = .stall(afterMessages: 1)
        case .disconnectMidStream: ending = .disconnect(afterMessages: 1)
        case .slowFirstBytes(let wait): delay = wait
        case nil: break
        }
        let player = FakeMessagePlayer(connection: connection, messages: messages, interval: pacing.interval, ending: ending)
        players[contextID] = player
        player.start(after: delay)
    }

    func closed(code: WebSocketCloseCode, reason: String) {
        for player in players.values { player.cancel() }
        players.removeAll()
        log.record(.socketClosed)
    }

    static func error(_ contextID: String, _ status: Int, _ message: String, _ code: String) -> String {
        FakeJSON.text(["type": "error", "done": true, "title": "Error", "message": message, "error_code": code,
                       "status_code": status, "context_id": contextID])
    }

    /// `{"container":"raw","encoding":"pcm_mulaw|pcm_alaw|pcm_s16le","sample_rate":N}`.
    static func format(_ output: [String: Any]) -> AudioFormat? {
        guard output["container"] as? String == "raw", let rate = (output["sample_rate"] as? Int).flatMap(SampleRate.init(rawValue:)) else {
            return nil
        }
        switch output["encoding"] as? String {
        case "pcm_mulaw": return AudioFormat(encoding: .mulaw, sampleRate: rate)
        case "pcm_alaw": return AudioFormat(encoding: .alaw, sampleRate: rate)
        case "pcm_s16le": return AudioFormat(encoding: .linear16, sampleRate: rate)
        default: return nil
        }
    }
}
