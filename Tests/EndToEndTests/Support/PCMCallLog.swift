import Foundation

/// What `Fixtures/pcm_caller.py` recorded of one call over `/pcm`: the caller's turns, every JSON message
/// from the server and every agent audio message, each with its arrival time (seconds since `start`).
struct PCMCallLog {
    /// One utterance the caller spoke.
    struct Turn {
        var speechStart: Double
        var speechEnd: Double?
        /// Arrival of the first agent audio after this turn's speech ended.
        var firstAudio: Double?
    }

    /// One JSON message from the server.
    struct Event {
        var time: Double
        var type: String
        var fields: [String: Any]
        var text: String? { fields["text"] as? String }
    }

    /// One binary (audio) message from the server: when, how many bytes, and the turn it was recorded under.
    struct Audio {
        var time: Double
        var bytes: Int
        var turn: Int
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    var outcome: String
    var turns: [Turn]
    var events: [Event]
    var audio: [Audio]

    init(json data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let turns = root["turns"] as? [[String: Any]], let events = root["events"] as? [[String: Any]],
              let audio = root["audio"] as? [[Double]] else { throw Malformed(description: "unexpected call log shape") }
        outcome = root["outcome"] as? String ?? "missing"
        self.turns = turns.map { Turn(speechStart: $0["speech_start"] as? Double ?? 0, speechEnd: $0["speech_end"] as? Double,
                                      firstAudio: $0["first_audio"] as? Double) }
        self.events = events.compactMap { entry in
            guard let time = entry["t"] as? Double, let message = entry["message"] as? [String: Any],
                  let type = message["type"] as? String else { return nil }
            return Event(time: time, type: type, fields: message)
        }
        self.audio = audio.map { Audio(time: $0[0], bytes: Int($0[1]), turn: Int($0[2])) }
    }

    func events(_ type: String, after time: Double = -1) -> [Event] {
        events.filter { $0.type == type && $0.time > time }
    }

    /// Seconds of 16 kHz 16-bit agent audio that arrived in `range`.
    func audioSeconds(in range: ClosedRange<Double>) -> Double {
        Double(audio.filter { range.contains($0.time) }.reduce(0) { $0 + $1.bytes }) / 2 / 16_000
    }

    /// Samples offset, within turn `turn`'s recording, of the first audio that arrived after `time`.
    func recordingOffset(turn: Int, after time: Double) -> Int {
        audio.filter { $0.turn == turn && $0.time <= time }.reduce(0) { $0 + $1.bytes } / 2
    }
}

/// Audio files for the tests: espeak-ng speech at 16 kHz, and WAVs written by the caller.
enum SpeechFiles {
    /// `text` spoken by espeak-ng (en-us), converted by sox to a 16 kHz mono 16-bit WAV at `path`.
    static func render(_ text: String, to path: String) async throws {
        let raw = path + ".espeak.wav"
        let espeak = try await ServeCommandTests.run("/usr/bin/env", ["espeak-ng", "-v", "en-us", "-w", raw, "--", text])
        guard espeak.status == 0 else { throw PCMCallLog.Malformed(description: "espeak-ng failed: \(espeak.output)") }
        let sox = try await ServeCommandTests.run("/usr/bin/env", ["sox", raw, "-r", "16000", "-c", "1", "-b", "16",
                                                                   "-e", "signed-integer", path])
        guard sox.status == 0 else { throw PCMCallLog.Malformed(description: "sox failed: \(sox.output)") }
    }

    /// The samples of a 16-bit mono WAV with a 44-byte header (what Python's `wave` writes).
    static func samples(ofWAV path: String) throws -> [Int16] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count >= 44 else { return [] }
        return data.dropFirst(44).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }
}
