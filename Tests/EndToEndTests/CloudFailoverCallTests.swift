import Foundation
import Media
import Net
import ProviderFakes
import Testing

/// Whole calls through `switchboard serve` with every provider a loopback fake from `ProviderFakes`,
/// started in this process: Deepgram live STT (scripted transcripts), OpenAI chat as the primary LLM,
/// Anthropic as its fallback, Deepgram Aura TTS (a 440 Hz tone of 10 ms per byte of text, so what the
/// caller hears tells which text was spoken). The agent YAML reads its key from `${TEST_KEY}` in the
/// server's environment. A Python caller (`Fixtures/pcm_caller.py`) talks over `/pcm` at 16 kHz.
@Suite(.serialized) struct CloudFailoverCallTests {
    static let key = "e2e-secret-key"
    static let fallbackReply = "The fallback model answers you now."
    static let recoveryPhrase = "Sorry, I'm having a technical problem. Please bear with me."
    /// What the caller says (rendered by espeak-ng; the fake STT reports `heard` instead, by byte count).
    static let speech = "when are you open"
    static let heard = "when are you open"
    /// 16 kHz linear16 from the caller, as the Deepgram adapter forwards it.
    static let bytesPerSecond = 32_000

    /// The fakes of one scenario, on their own loops.
    struct Fakes {
        let group: EventLoopGroup
        let deepgram: FakeDeepgramServer
        let openAI: FakeOpenAIChatServer
        let anthropic: FakeAnthropicServer
        let aura: FakeDeepgramAuraServer

        /// `heardAt`: seconds of caller audio after which each scripted transcript is reported.
        static func start(heardAt: [Double], openAI: [FakeLLMTurn], anthropic: [FakeLLMTurn],
                          voiceFaults: Int = 0) async throws -> Fakes {
            let group = try EventLoopGroup(loopCount: 1, name: "e2e-fakes")
            let script = heardAt.map { FakeUtterance(heard, afterAudioBytes: Int($0 * Double(bytesPerSecond))) }
            let aura = try await FakeDeepgramAuraServer.start(on: group, apiKey: key)
            for _ in 0..<voiceFaults { aura.faults.add(.status(503, message: "voice down")) }
            return Fakes(group: group,
                         deepgram: try await FakeDeepgramServer.start(on: group, apiKey: key, script: script),
                         openAI: try await FakeOpenAIChatServer.start(on: group, turns: openAI),
                         anthropic: try await FakeAnthropicServer.start(on: group, turns: anthropic),
                         aura: aura)
        }

        func stop() async {
            await deepgram.stop()
            await openAI.stop()
            await anthropic.stop()
            await aura.stop()
            await group.shutdownGracefully()
        }

        var agentYAML: String {
            """
            name: cloudy
            language: en-US
            greeting: Hi.
            system_prompt: You answer briefly.
            stt:
              - kind: deepgram
                api_key: ${TEST_KEY}
                settings: { base_url: "\(deepgram.baseURL)", stall_timeout_ms: 60000, first_result_timeout_ms: 60000 }
            llm:
              - kind: openai
                api_key: ${TEST_KEY}
                settings: { model: gpt-fake, base_url: "\(openAI.baseURL)" }
              - kind: anthropic
                api_key: ${TEST_KEY}
                settings: { model: claude-fake, base_url: "\(anthropic.baseURL)" }
            tts:
              - kind: deepgram
                api_key: ${TEST_KEY}
                settings: { base_url: "\(aura.baseURL)" }
            recovery:
              provider_failure: "\(CloudFailoverCallTests.recoveryPhrase)"
            """
        }
    }

    static let serverYAML = """
        listeners:
          http: 127.0.0.1:0
        agents_folder: agents
        routes:
          - path: /pcm
            protocol: pcm
            agent: cloudy
        default_agent: cloudy
        """

    /// Runs one call of `turns` utterances against the fakes; returns its log, scratch folder and the
    /// server's output lines.
    static func call(_ fakes: Fakes, turns: Int) async throws -> (log: PCMCallLog, scratch: OfflineCallTests.Scratch, server: [String]) {
        let scratch = try await OfflineCallTests.Scratch(["speech": speech])
        let agents = scratch.folder.appendingPathComponent("agents")
        try FileManager.default.createDirectory(at: agents, withIntermediateDirectories: true)
        try fakes.agentYAML.write(to: agents.appendingPathComponent("cloudy.yaml"), atomically: true, encoding: .utf8)
        try serverYAML.write(toFile: scratch.path("switchboard.yaml"), atomically: true, encoding: .utf8)

        let server = try await ServeCommandTests.startServer(["--config", scratch.path("switchboard.yaml"), "--http", "127.0.0.1:0"],
                                                             environment: ["TEST_KEY": key])
        let caller = SwitchboardBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/pcm_caller.py").path
        let arguments = [caller, "ws://\(server.http)/pcm", scratch.path("call")]
            + Array(repeating: scratch.path("speech.wav"), count: turns)
        let result = try await ServeCommandTests.run("/usr/bin/python3", arguments)
        #expect(result.status == 0 && result.output.hasSuffix("done"), "\(result.output)")
        server.process.signal(SIGTERM)
        #expect(try await server.process.exitStatus(timeout: .seconds(20)) == 0)
        let log = try PCMCallLog(json: try Data(contentsOf: URL(fileURLWithPath: scratch.path("call.json"))))
        if ProcessInfo.processInfo.environment["E2E_DEBUG"] != nil {
            for event in log.events { print("[e2e] \(event.time) \(event.type) \(event.text ?? "")") }
            for turn in log.turns { print("[e2e] turn \(turn.speechStart) \(turn.speechEnd ?? -1) \(turn.firstAudio ?? -1)") }
            for line in server.process.lines { print("[e2e-server] \(line)") }
        }
        return (log, scratch, server.process.lines)
    }

    /// Seconds of loud (tone) audio in a recording: the fake voice's tone is at about -12 dBFS, the rest
    /// is silence.
    static let loud = 1000
    /// The fraction of a sine's samples above `loud`: 1 - (2/π)·asin(loud / amplitude).
    static let loudFraction = 1 - 2 / Double.pi * asin(Double(loud) / FakeTone.amplitude)

    static func toneSeconds(_ samples: [Int16]) -> Double {
        Double(samples.filter { abs(Int($0)) > loud }.count) / 16_000 / loudFraction
    }

    static func expectedToneSeconds(_ text: String) -> Double {
        Double(FakeTone.sampleCount(for: text, rate: .hz16000)) / 16_000
    }

    @Test func primaryLanguageModelFailsAndTheCallerHearsTheFallbacksReply() async throws {
        let fakes = try await Fakes.start(heardAt: [2.3], openAI: Array(repeating: .fault(.status(500)), count: 4),
                                          anthropic: [.reply(tokens: ["The fallback model ", "answers you now."])])
        let (log, scratch, server) = try await Self.call(fakes, turns: 1)
        defer { scratch.remove() }
        await fakes.stop()

        #expect(log.events("transcript").map(\.text) == [Self.heard])
        #expect(log.events("agent").map(\.text) == ["Hi.", Self.fallbackReply])
        #expect(fakes.openAI.requests.count >= 1)
        #expect(fakes.anthropic.requests.count == 1)
        #expect(fakes.anthropic.requests.first?.bodyText.contains(Self.heard) == true)
        #expect(server.contains { $0.contains("provider failed over") && $0.contains("openai") }, "\(server)")

        let heardTone = Self.toneSeconds(try SpeechFiles.samples(ofWAV: scratch.path("call-0.wav")))
        let expected = Self.expectedToneSeconds(Self.fallbackReply)
        #expect(abs(heardTone - expected) < 0.06, "heard \(heardTone) s of tone, the fallback's reply is \(expected) s")
    }

    @Test func everyLanguageModelFailsThenTheRecoveryPhrasePlaysAndTheNextTurnIsAnswered() async throws {
        let fakes = try await Fakes.start(heardAt: [2.3, 5.5], openAI: Array(repeating: .fault(.status(500)), count: 8),
                                          anthropic: [.fault(.status(500)),
                                                      .reply(tokens: ["The fallback model ", "answers you now."])])
        let (log, scratch, server) = try await Self.call(fakes, turns: 2)
        defer { scratch.remove() }
        await fakes.stop()

        #expect(log.events("transcript").map(\.text) == [Self.heard, Self.heard])
        #expect(log.events("agent").map(\.text) == ["Hi.", Self.recoveryPhrase, Self.fallbackReply])
        #expect(server.contains { $0.contains("provider failed over") && $0.contains("fallback=none") }, "\(server)")
        #expect(server.contains { $0.contains("call ended") && $0.contains("provider_failures") && $0.contains("languageModel") },
                "\(server)")

        let recovery = Self.toneSeconds(try SpeechFiles.samples(ofWAV: scratch.path("call-0.wav")))
        #expect(abs(recovery - Self.expectedToneSeconds(Self.recoveryPhrase)) < 0.06,
                "turn 1: heard \(recovery) s of tone, the recovery phrase is \(Self.expectedToneSeconds(Self.recoveryPhrase)) s")
        let reply = Self.toneSeconds(try SpeechFiles.samples(ofWAV: scratch.path("call-1.wav")))
        #expect(abs(reply - Self.expectedToneSeconds(Self.fallbackReply)) < 0.06,
                "turn 2: heard \(reply) s of tone, the reply is \(Self.expectedToneSeconds(Self.fallbackReply)) s")
    }

    /// Every voice is down from the start: the greeting and the canned recovery phrase, synthesized at
    /// load through the agent's voices with espeak-ng appended as last resort, still play to the caller.
    @Test func everyVoiceIsDownAndTheRecoveryPhraseStillPlaysInTheOfflineVoice() async throws {
        let fakes = try await Fakes.start(heardAt: [7.9], openAI: [.reply(tokens: ["Fine."])], anthropic: [],
                                          voiceFaults: 200)
        let (log, scratch, server) = try await Self.call(fakes, turns: 1)
        defer { scratch.remove() }
        await fakes.stop()

        #expect(log.events("agent").map(\.text).contains(Self.recoveryPhrase), "\(log.events("agent").map(\.text))")
        // The greeting has no variables: synthesized at load like the phrases (espeak-ng last), so the
        // caller hears it although every voice fails at call start.
        #expect(log.events("agent").first?.text == "Hi.", "\(log.events("agent").map(\.text))")
        let heard = log.audioSeconds(in: 0...1_000)
        #expect(heard > 1.5, "heard \(heard) s; the recovery phrase in espeak-ng lasts about 3 s")
        #expect(server.contains { $0.contains("call ended") && $0.contains("textToSpeech") }, "\(server)")
    }
}
