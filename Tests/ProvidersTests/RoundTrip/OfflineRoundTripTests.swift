import Agents
import Media
import Speech
import Testing
@testable import Providers

/// The offline providers together, as the embedded agent uses them: the caller's words spoken by
/// espeak TTS at 16 kHz, heard by pocketsphinx, answered by the scripted model.
@Suite struct OfflineRoundTripTests {
    let tts = EspeakTextToSpeech()
    let stt = try! PocketSphinxSpeechToText(dialogue: Receptionist.dialogue,
                                            configuration: .init(queueCapacity: 100_000))
    let llm = try! ScriptedLanguageModel(agent: Receptionist.agent, settings: LLMProviderConfig(kind: .scripted))

    /// What pocketsphinx hears when `text` is said through the espeak provider.
    private func hear(_ text: String) async throws -> String {
        let request = SynthesisRequest(text: text, voice: "en-us", format: AudioFormat(encoding: .linear16, sampleRate: .hz16000))
        let (tts, stt) = (tts, stt)
        return try await withTimeout(.seconds(60), "hearing \"\(text)\"") {
            let spoken = AudioMeasures.samples(of: await collect(tts.synthesize(request)).compactMap {
                if case .audio(let chunk) = $0 { chunk } else { nil }
            })
            let session = try await stt.open(TranscriptionRequest(format: request.format))
            for frame in SpeechAudio.frames(SpeechAudio.utterance(spoken, rate: .hz16000), rate: .hz16000) {
                try session.send(frame)
            }
            session.finishAudio()
            let finals = await collect(session.events).compactMap { if case .final(let text, _) = $0 { text } else { nil } }
            return finals.joined(separator: " ")
        }
    }

    private func reply(to messages: [ChatMessage]) async throws -> String {
        let llm = llm
        return try await withTimeout {
            await collect(llm.complete(CompletionRequest(messages: messages)))
                .compactMap { if case .token(let text) = $0 { text } else { nil } }.joined()
        }
    }

    @Test(arguments: [("what are your hours", "opening_hours"), ("I'd like to talk to a person", "human"),
                      ("book an appointment", "booking"), ("good morning", "greeting")])
    func spokenRequestGetsItsIntentsReply(said: String, intent: String) async throws {
        let heard = try await hear(said)
        #expect(try await reply(to: [.user(heard)]) == Receptionist.reply(intent), "heard \"\(heard)\"")
    }

    @Test func bookingConversationCapturesTheSpokenName() async throws {
        var messages: [ChatMessage] = [.system("")]
        messages.append(.user(try await hear("I want to book an appointment")))
        messages.append(.assistant(try await reply(to: messages)))
        #expect(messages.last?.content == Receptionist.reply("booking"))
        messages.append(.user(try await hear("my name is Mary")))
        #expect(try await reply(to: messages) == Receptionist.reply("booking_name", ["name": "mary"]))
    }
}
