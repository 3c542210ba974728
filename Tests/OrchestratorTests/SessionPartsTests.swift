import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct SessionPartsTests {
    static func frame(_ value: Int16) -> AudioFrame {
        AudioFrame(sampleRate: .hz8000, samples: [Int16](repeating: value, count: 160))
    }

    static func firstSamples(_ audio: RecentAudio) -> [Int16] {
        var samples: [Int16] = []
        audio.forEach { samples.append($0.samples[0]) }
        return samples
    }

    @Test func recentAudioKeepsTheNewestFramesInOrder() {
        var audio = RecentAudio(capacity: 3)
        for value in 1...5 { audio.append(Self.frame(Int16(value))) }
        #expect(audio.count == 3)
        #expect(Self.firstSamples(audio) == [3, 4, 5])
        audio.removeAll()
        #expect(Self.firstSamples(audio).isEmpty)
        audio.append(Self.frame(9))
        #expect(Self.firstSamples(audio) == [9])
    }

    @Test func retryBackoffDoublesUpToItsCeiling() {
        let policy = RetryPolicy(maximumAttempts: 5, initialBackoff: .milliseconds(100), maximumBackoff: .milliseconds(350))
        #expect((1...5).map(policy.backoff(beforeAttempt:)) == [
            .milliseconds(100), .milliseconds(200), .milliseconds(350), .milliseconds(350), .milliseconds(350),
        ])
    }

    @Test func turnMeasurementsNameProvidersAndStages() {
        let timeline = TurnTimeline(turn: 2, speechEnded: .milliseconds(1000), sttFinal: .milliseconds(1100),
                                    llmRequested: .milliseconds(1100), firstToken: .milliseconds(1400),
                                    firstSentence: .milliseconds(1500), ttsRequested: .milliseconds(1500),
                                    firstAudio: .milliseconds(1650), firstFrameSent: .milliseconds(1660))
        let names = ProviderNames(speechToText: "deepgram", languageModel: "openai", textToSpeech: "cartesia")
        let measurements = timeline.measurements(agent: "ada", providers: names)
        func stage(_ name: String, _ provider: String) -> MetricLabels {
            MetricLabels(agent: "ada", provider: provider, stage: name)
        }
        #expect(measurements == [
            TurnMeasurement(metric: .voiceToVoice, value: .milliseconds(660), labels: MetricLabels(agent: "ada")),
            TurnMeasurement(metric: .orchestrationOverhead, value: .milliseconds(10), labels: MetricLabels(agent: "ada")),
            TurnMeasurement(metric: .turnStage, value: .milliseconds(100), labels: stage("stt_final", "deepgram")),
            TurnMeasurement(metric: .turnStage, value: .milliseconds(300), labels: stage("llm_first_token", "openai")),
            TurnMeasurement(metric: .turnStage, value: .milliseconds(400), labels: stage("llm_first_sentence", "openai")),
            TurnMeasurement(metric: .turnStage, value: .milliseconds(150), labels: stage("tts_first_audio", "cartesia")),
        ])
        // A greeting has no caller speech: only the stages that happened.
        let greeting = TurnTimeline(turn: 1, firstSentence: .callStart, ttsRequested: .callStart, firstAudio: .milliseconds(80),
                                    firstFrameSent: .milliseconds(80))
        #expect(greeting.measurements(agent: "ada", providers: names).map(\.metric) == [DurationMetric.turnStage])
        #expect(MetricLabels(agent: "ada", provider: "x", stage: "y", reason: "z").pairs.map(\.0)
                == ["agent", "provider", "stage", "reason"])
    }

    @Test func phraseCacheSynthesizesOncePerAgentAndRetriesFailures() async {
        let tts = FakeTextToSpeech(behavior: .immediate(perCharacter: .milliseconds(5)))
        let cache = CannedPhraseCache()
        let phrases = FixedPhrases(recovery: "Sorry.", noInputGoodbye: "Bye.", maximumDurationGoodbye: "Time.")
        let audio = await cache.audio(for: phrases, voice: "v", format: .telephony, language: "en-US", using: tts)
        #expect(audio.missingPhrases.isEmpty)
        #expect(audio[.recovery] == [AudioChunk.filled(.milliseconds(30), format: .telephony, with: tts.syntheses.items[0].fill)])
        _ = await cache.audio(for: phrases, voice: "v", format: .telephony, language: "en-US", using: tts)
        #expect(tts.syntheses.count == 4, "recovery, both goodbyes and transfer-failed, once each")
        // Another format is another entry; phrases that fail are tried again next time.
        tts.behavior = .failing(.overloaded)
        let pcm = AudioFormat(encoding: .linear16, sampleRate: .hz16000)
        let failed = await cache.audio(for: phrases, voice: "v", format: pcm, language: "en-US", using: tts)
        #expect(failed.missingPhrases == CannedPhraseAudio.sessionPhrases)
        tts.behavior = .immediate(perCharacter: .milliseconds(5))
        let retried = await cache.audio(for: phrases, voice: "v", format: pcm, language: "en-US", using: tts)
        #expect(retried.missingPhrases.isEmpty)
        #expect(tts.syntheses.count == 12)
    }

    @Test func phraseAudioInAnotherFormatIsRefused() {
        var audio = CannedPhraseAudio(format: .telephony)
        let pcm = AudioChunk.filled(.milliseconds(20), format: AudioFormat(encoding: .linear16, sampleRate: .hz8000), with: 1)
        let wrongFormatKept = audio.set([pcm], for: .recovery)
        let nothingKept = audio.set([], for: .recovery)
        let telephonyKept = audio.set([.filled(.milliseconds(20), format: .telephony, with: 1)], for: .recovery)
        #expect(!wrongFormatKept && !nothingKept && telephonyKept)
        #expect(audio.missingPhrases == [.goodbye(.noInput), .goodbye(.maximumDuration), .transferFailed])
    }
}
