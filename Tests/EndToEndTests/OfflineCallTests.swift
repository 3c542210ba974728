import Foundation
import Testing

/// Whole calls over the raw PCM endpoint at 16 kHz, fully offline: `switchboard serve` on its embedded
/// receptionist (pocketsphinx STT, scripted LLM, espeak-ng TTS) and a Python caller
/// (`Fixtures/pcm_caller.py`) that streams espeak-ng speech in real time and plays and records the
/// agent's audio. What the agent said is checked by transcribing the recorded audio offline.
@Suite(.serialized) struct OfflineCallTests {
    /// The receptionist's replies (Config/agents/receptionist.yaml, variables filled in).
    enum Reply {
        static let greeting = "Hello, thanks for calling Acme Dental. I can tell you our opening hours, or book an "
            + "appointment. How can I help?"
        static let openingHours = "We're open Monday to Friday, nine to five. Is there anything else?"
        static let booking = "Happy to help. What name should I put the booking under?"
        static let fallback = "Sorry, I can only help with opening hours and appointments. What would you like?"
        static let notUnderstood = "Sorry, I didn't catch that. Could you say it again?"
        static let helloIntent = "Hello! I can tell you our opening hours, or book an appointment. What would you like?"
        static let all = [greeting, openingHours, booking, fallback, notUnderstood, helloIntent]
    }

    /// Generous bounds: two busy cores, real-time audio. The measured figures are printed.
    static let clearBoundSeconds = 2.0
    /// The server sends at most ~160 ms ahead of real time (Docs/pcm-protocol.md); allow a little more.
    static let tailBoundSeconds = 0.25

    /// A scratch folder with the caller's speech rendered to 16 kHz WAVs.
    struct Scratch {
        let folder: URL
        init(_ phrases: [String: String]) async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("sb-pcm-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in phrases { try await SpeechFiles.render(text, to: path(name + ".wav")) }
        }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// Runs one call with `turns` (`name:mode` as pcm_caller.py takes them) and returns its log.
    static func call(_ scratch: Scratch, _ turns: [String]) async throws -> PCMCallLog {
        let server = try await ServeCommandTests.startServer(["--http", "127.0.0.1:0"])
        let caller = SwitchboardBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/pcm_caller.py").path
        let arguments = [caller, "ws://\(server.http)/pcm", scratch.path("call")] + turns.map { scratch.path($0) }
        let result = try await ServeCommandTests.run("/usr/bin/python3", arguments)
        #expect(result.status == 0 && result.output.hasSuffix("done"), "\(result.output)")
        server.process.signal(SIGTERM)
        #expect(try await server.process.exitStatus(timeout: .seconds(20)) == 0)
        return try PCMCallLog(json: try Data(contentsOf: URL(fileURLWithPath: scratch.path("call.json"))))
    }

    @Test func callerAsksForOpeningHoursAndHearsThemSpoken() async throws {
        let phrase = "what are your hours"
        let scratch = try await Scratch(["hours": phrase])
        defer { scratch.remove() }
        let log = try await Self.call(scratch, ["hours.wav:after"])
        let turn = try #require(log.turns.first)

        #expect(log.events("transcript", after: turn.speechStart).map(\.text) == [phrase])
        #expect(log.events("agent", after: turn.speechStart).map(\.text) == [Reply.openingHours])
        let recording = try SpeechFiles.samples(ofWAV: scratch.path("call-0.wav"))
        let heard = try await OfflineTranscriber(replies: Reply.all).transcribe(recording)
        #expect(heard == OfflineTranscriber.words(Reply.openingHours), "recorded \(Double(recording.count) / 16_000) s")
        if let end = turn.speechEnd, let first = turn.firstAudio {
            print("[pcm] voice to voice (client, end of speech to first reply audio): \(Int((first - end) * 1000)) ms")
        }
    }

    @Test func callerInterruptsTheGreetingAndTheAgentStopsThenAnswers() async throws {
        let scratch = try await Scratch(["booking": "book an appointment"])
        defer { scratch.remove() }
        let log = try await Self.call(scratch, ["booking.wav:barge=1.0"])
        let turn = try #require(log.turns.first)

        let clear = try #require(log.events("clear", after: turn.speechStart).first, "no clear after the caller spoke")
        let clearDelay = clear.time - turn.speechStart
        print("[pcm] clear arrived \(Int(clearDelay * 1000)) ms after the caller started talking over the greeting")
        #expect(clearDelay < Self.clearBoundSeconds)
        let transcript = try #require(log.events("transcript", after: clear.time).first, "no transcript of the interruption")
        #expect(transcript.text == "book an appointment")
        let tail = log.audioSeconds(in: clear.time...transcript.time)
        print("[pcm] agent audio arriving after the clear: \(Int(tail * 1000)) ms")
        #expect(tail <= Self.tailBoundSeconds, "\(tail) s of agent audio after the clear")

        let agentTurns = log.events("agent")
        let greeting = try #require(agentTurns.first)
        #expect(greeting.fields["interrupted"] as? Bool == true)
        #expect(Reply.greeting.hasPrefix(greeting.text ?? "-") && greeting.text != Reply.greeting, "\(greeting.text ?? "")")
        #expect(agentTurns.dropFirst().map(\.text) == [Reply.booking])

        let recording = try SpeechFiles.samples(ofWAV: scratch.path("call-0.wav"))
        let reply = Array(recording.dropFirst(log.recordingOffset(turn: 0, after: transcript.time)))
        let heard = try await OfflineTranscriber(replies: Reply.all).transcribe(reply)
        #expect(heard == OfflineTranscriber.words(Reply.booking), "recorded \(Double(reply.count) / 16_000) s")
    }
}
