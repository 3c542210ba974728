import Testing
@testable import Media

/// The VAD on real speech: two espeak-ng sentences with a known second of silence between them.
/// Truth is `SpokenFixture.voicedSegments`: the clean signal's frames above the detector's absolute
/// threshold, with the detector's stated minimum-speech and hangover rules applied.
@Suite(.enabled(if: ExternalTools.hasEspeakAndSox, "needs espeak-ng and sox (Scripts/bootstrap.sh)"))
struct SpokenVoiceActivityTests {
    static let timing = VoiceActivityTiming()

    static func truth(_ fixture: SpokenFixture) -> [(start: Int, end: Int)] {
        fixture.voicedSegments(thresholdDBFS: EnergySpeechClassifier.Configuration().absoluteThresholdDBFS, timing: timing)
    }

    @Test(arguments: [SampleRate.hz8000, .hz16000], ["digital silence", "line noise -70 dBFS", "pink noise -50 dBFS"])
    func twoSentencesGiveTwoUtterancesWithEdgesWithinOneFrame(rate: SampleRate, background: String) throws {
        let fixture = try SpokenFixture.at(rate)
        let truth = Self.truth(fixture)
        #expect(truth.count == 2)
        let noise: [Int16] = switch background {
        case "digital silence": [Int16](repeating: 0, count: fixture.clean.count)
        case "line noise -70 dBFS": Signals.whiteNoise(rms: rms(dBFS: -70), count: fixture.clean.count, seed: 31)
        default: Signals.pinkNoise(rms: rms(dBFS: -50), count: fixture.clean.count, seed: 32)
        }
        let found = energyEdges(of: mix(fixture.clean, noise), rate: rate, timing: Self.timing)
        #expect(found.map(\.kind) == [.speechStarted, .speechEnded, .speechStarted, .speechEnded])
        for (detected, expected) in zip(segments(found), truth) {
            #expect(abs(detected.start - expected.start) <= 1, "start \(detected.start) vs \(expected.start)")
            #expect(abs(detected.end - expected.end) <= 1, "end \(detected.end) vs \(expected.end)")
        }
        // And the truth itself sits on the sentences we placed (espeak's soft edges: within 2 frames).
        for (segment, sentence) in zip(truth, fixture.sentences) {
            #expect(abs(segment.start - sentence.lowerBound / rate.samplesPerFrame) <= 2)
            #expect(abs(segment.end - sentence.upperBound / rate.samplesPerFrame) <= 2)
        }
    }

    @Test(arguments: [SampleRate.hz8000, .hz16000])
    func speechInPinkNoiseAt20dBSNRIsStillFound(rate: SampleRate) throws {
        let fixture = try SpokenFixture.at(rate)
        let noisy = mix(fixture.clean, Signals.pinkNoise(rms: rms(dBFS: -40), count: fixture.clean.count, seed: 33))
        let found = energyEdges(of: noisy, rate: rate, timing: Self.timing)
        #expect(found.count == 4)
        // The noise floor raises the threshold to ~-28 dBFS, so soft word edges drop out: measured up to 4
        // frames (80 ms) late starts / early ends.
        for (detected, expected) in zip(segments(found), Self.truth(fixture)) {
            #expect(abs(detected.start - expected.start) <= 5 && abs(detected.end - expected.end) <= 5,
                    "\(detected) vs \(expected)")
        }
    }

    @Test func edgesSurviveTheTelephonyChain() throws {
        // 16 kHz speech → 8 kHz → µ-law → decode → 16 kHz, as a call's inbound audio reaches the VAD.
        let fixture = try SpokenFixture.at(.hz16000)
        let down = try Resampler(from: .hz16000, to: .hz8000), up = try Resampler(from: .hz8000, to: .hz16000)
        var narrow = AudioFrame.silence(.hz8000), wide = AudioFrame.silence(.hz16000), codes: [UInt8] = []
        var detector = VoiceActivityDetector(energy: .init(), timing: Self.timing)
        var found: [VoiceActivityEdge] = []
        for frame in Signals.frames(fixture.clean, rate: .hz16000) {
            down.process(frame, into: &narrow)
            MuLaw.encode(narrow, into: &codes)
            MuLaw.decode(codes, into: &narrow)
            up.process(narrow, into: &wide)
            if let edge = detector.process(wide) { found.append(edge) }
        }
        #expect(found.count == 4)
        // Two resamplers delay the signal by about 1.5 ms: still within a frame.
        for (detected, expected) in zip(segments(found), Self.truth(fixture)) {
            #expect(abs(detected.start - expected.start) <= 1 && abs(detected.end - expected.end) <= 1, "\(detected) vs \(expected)")
        }
    }

    @Test(arguments: [SampleRate.hz8000, .hz16000])
    func speexClassifierFindsTheSentencesInQuietAudio(rate: SampleRate) throws {
        let fixture = try SpokenFixture.at(rate)
        var detector = VoiceActivityDetector(classifier: try SpeexSpeechClassifier(sampleRate: rate), timing: Self.timing)
        let found = edges(of: fixture.clean, rate: rate, detector: &detector)
        #expect(found.count == 4)
        // Starts are as sharp as the energy detector's; its own speech-continue probability holds speech
        // longer (measured +17 and +19 frames), so ends come later but before the next sentence.
        for (detected, expected) in zip(segments(found), Self.truth(fixture)) {
            #expect(abs(detected.start - expected.start) <= 1, "\(detected) vs \(expected)")
            #expect(detected.end >= expected.end && detected.end <= expected.end + 25, "\(detected) vs \(expected)")
        }
        detector.reset()  // a fresh speex state: the same edges again
        #expect(edges(of: fixture.clean, rate: rate, detector: &detector) == found)
        var silent = VoiceActivityDetector(classifier: try SpeexSpeechClassifier(sampleRate: rate), timing: Self.timing)
        #expect(edges(of: [Int16](repeating: 0, count: rate.hertz * 5), rate: rate, detector: &silent).isEmpty)
    }
}
