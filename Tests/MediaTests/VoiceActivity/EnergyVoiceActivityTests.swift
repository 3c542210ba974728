import Testing
@testable import Media

@Suite struct EnergyVoiceActivityTests {
    /// `pattern` as (frames, loud?) runs: loud frames are a 300 Hz tone at -20 dBFS with 2.5 ms fades at
    /// each end (as real sounds have, rather than a click), quiet ones zeros.
    static func bursts(_ pattern: [(frames: Int, loud: Bool)], rate: SampleRate = .hz8000) -> [Int16] {
        pattern.flatMap { run -> [Int16] in
            let count = run.frames * rate.samplesPerFrame
            guard run.loud else { return [Int16](repeating: 0, count: count) }
            let fade = rate.hertz / 400
            return Signals.sine(frequency: 300, amplitude: 3_277 * 1.414, rate: rate.hertz, count: count).enumerated().map {
                let edge = min($0.offset, count - 1 - $0.offset)
                return edge >= fade ? $0.element : Int16(Double($0.element) * Double(edge) / Double(fade))
            }
        }
    }

    @Test func edgesLandOnTheExactFramesAndAreReportedAfterTheStatedDelays() {
        let timing = VoiceActivityTiming(minimumSpeechMilliseconds: 60, hangoverMilliseconds: 300)
        #expect(timing.minimumSpeechFrames == 3 && timing.hangoverFrames == 15)
        let found = energyEdges(of: Self.bursts([(10, false), (20, true), (30, false)]), rate: .hz8000, timing: timing)
        #expect(found == [
            VoiceActivityEdge(kind: .speechStarted, frameIndex: 10, detectedAtFrame: 12),
            VoiceActivityEdge(kind: .speechEnded, frameIndex: 30, detectedAtFrame: 44),
        ])
    }

    @Test func aBurstShorterThanTheMinimumSpeechIsIgnored() {
        #expect(energyEdges(of: Self.bursts([(10, false), (2, true), (30, false)]), rate: .hz8000).isEmpty)
    }

    @Test func aPauseShorterThanTheHangoverStaysInsideOneUtterance() {
        let short = energyEdges(of: Self.bursts([(5, false), (20, true), (14, false), (20, true), (30, false)]), rate: .hz8000)
        #expect(segments(short).map { [$0.start, $0.end] } == [[5, 59]])
        let long = energyEdges(of: Self.bursts([(5, false), (20, true), (15, false), (20, true), (30, false)]), rate: .hz8000)
        #expect(segments(long).map { [$0.start, $0.end] } == [[5, 25], [40, 60]])
    }

    @Test func zeroHangoverEndsAtTheFirstQuietFrame() {
        let timing = VoiceActivityTiming(minimumSpeechMilliseconds: 20, hangoverMilliseconds: 0)
        let found = energyEdges(of: Self.bursts([(3, false), (4, true), (3, false)]), rate: .hz8000, timing: timing)
        #expect(found == [
            VoiceActivityEdge(kind: .speechStarted, frameIndex: 3, detectedAtFrame: 3),
            VoiceActivityEdge(kind: .speechEnded, frameIndex: 7, detectedAtFrame: 7),
        ])
    }

    @Test(arguments: [SampleRate.hz8000, .hz16000])
    func silenceAndLineNoiseNeverStartSpeech(rate: SampleRate) {
        let sixSeconds = rate.hertz * 6
        #expect(energyEdges(of: [Int16](repeating: 0, count: sixSeconds), rate: rate).isEmpty)
        #expect(energyEdges(of: Signals.whiteNoise(rms: rms(dBFS: -70), count: sixSeconds, seed: 5), rate: rate).isEmpty)
    }

    enum Noise: String, CaseIterable, Sendable { case white, pink }

    @Test(arguments: Noise.allCases, [-35.0, -30, -20])
    func moderateWhiteOrPinkNoiseNeverStartsSpeech(noise: Noise, level: Double) {
        for rate in [SampleRate.hz8000, .hz16000] {
            let count = rate.hertz * 6  // three noise windows
            let samples = noise == .white ? Signals.whiteNoise(rms: rms(dBFS: level), count: count, seed: 21)
                                          : Signals.pinkNoise(rms: rms(dBFS: level), count: count, seed: 22)
            let found = energyEdges(of: samples, rate: rate)
            #expect(found.isEmpty, "\(noise) noise at \(level) dBFS, \(rate.hertz) Hz: \(found)")
        }
    }

    @Test func noiseFloorSettlesOnSteadyNoise() {
        var classifier = EnergySpeechClassifier()
        let noise = Signals.whiteNoise(rms: rms(dBFS: -40), count: 8_000 * 3, seed: 8)
        for frame in Signals.frames(noise, rate: .hz8000) {
            _ = frame.samples.withUnsafeBufferPointer { classifier.isSpeech($0) }
        }
        // White noise through the 80 Hz high-pass loses almost nothing; the floor is the quietest frame.
        #expect(abs(classifier.noiseFloorDBFS - -40) < 2, "\(classifier.noiseFloorDBFS)")
        #expect(abs(classifier.thresholdDBFS - (classifier.noiseFloorDBFS + 12)) < 0.001)
    }

    @Test func aStepUpInNoiseReadsAsSpeechForAtMostOneNoiseWindow() {
        let rate = SampleRate.hz8000
        let samples = [Int16](repeating: 0, count: rate.hertz * 2) + Signals.pinkNoise(rms: rms(dBFS: -30), count: rate.hertz * 8, seed: 4)
        let found = energyEdges(of: samples, rate: rate)
        let window = EnergySpeechClassifier.Configuration().noiseWindowFrames, hangover = VoiceActivityTiming().hangoverFrames
        #expect(found.count == 2)
        if found.count == 2 { #expect(found[1].detectedAtFrame - found[0].frameIndex <= window + hangover) }
    }

    @Test func speechFromTheVeryFirstFrameIsTakenAsTheNoiseFloorUntilAPause() {
        // The documented limit: with no quieter frame yet, the first frames set the floor.
        let found = energyEdges(of: Self.bursts([(20, true), (20, false), (20, true), (20, false)]), rate: .hz8000)
        #expect(found.map(\.frameIndex) == [40, 60])
    }

    @Test func resetForgetsTheStream() {
        var detector = VoiceActivityDetector(energy: .init())
        let loud = Self.bursts([(3, false), (5, true)])
        _ = edges(of: loud, rate: .hz8000, detector: &detector)
        #expect(detector.isSpeaking && detector.frameCount == 8)
        detector.reset()
        #expect(!detector.isSpeaking && detector.frameCount == 0)
        #expect(detector.classifier.noiseFloorDBFS == AudioLevel.floorDBFS)
    }
}
