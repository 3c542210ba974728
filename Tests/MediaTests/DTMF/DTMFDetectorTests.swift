import Testing
@testable import Media

@Suite struct DTMFDetectorTests {
    static let keypad = DTMFDigit.digits("0123456789*#ABCD")!

    @Test(arguments: SampleRate.allCases)
    func allSixteenKeysAreReportedOnceEachAtTheirStart(rate: SampleRate) {
        let samples = DTMFToneGenerator.sequence(Self.keypad, sampleRate: rate, toneMilliseconds: 100, gapMilliseconds: 100)
        let found = detectPresses(samples, rate: rate)
        #expect(found.map(\.digit) == Self.keypad)
        for (index, press) in found.enumerated() {
            let toneStart = index * rate.hertz / 5
            #expect(abs(press.startSample - toneStart) <= rate.hertz / 200, "\(press) vs \(toneStart)")  // within one 5 ms hop
            #expect(press.reportedAtSample - toneStart <= rate.hertz * 40 / 1000)  // confirmed within 40 ms
        }
    }

    @Test func tonesOf40msAreAlwaysFoundAndOf25msNever() {
        for offset in stride(from: 0, to: 40, by: 3) {  // every alignment against the 5 ms hops
            let lead = silence(0.1) + [Int16](repeating: 0, count: offset)
            let long = lead + DTMFToneGenerator.sequence([.five], sampleRate: .hz8000, toneMilliseconds: 40, gapMilliseconds: 100)
            let short = lead + DTMFToneGenerator.sequence([.five], sampleRate: .hz8000, toneMilliseconds: 25, gapMilliseconds: 100)
            #expect(detectPresses(long).map(\.digit) == [.five], "40 ms at offset \(offset)")
            #expect(detectPresses(short).isEmpty, "25 ms at offset \(offset)")
        }
    }

    @Test func aHeldKeyIsReportedOnceAndA40msGapSeparatesTwoPresses() {
        let held = DTMFToneGenerator.sequence([.seven], sampleRate: .hz8000, toneMilliseconds: 2_000, gapMilliseconds: 50)
        #expect(detectPresses(held).map(\.digit) == [.seven])
        let twice = DTMFToneGenerator.sequence([.seven, .seven], sampleRate: .hz8000, toneMilliseconds: 60, gapMilliseconds: 40)
        #expect(detectPresses(twice).map(\.digit) == [.seven, .seven])
    }

    @Test func aTenMillisecondDropoutDoesNotReportThePressTwice() {
        var samples = DTMFToneGenerator.sequence([.three], sampleRate: .hz8000, toneMilliseconds: 300, gapMilliseconds: 50)
        for index in 1_200..<1_280 { samples[index] = 0 }  // 10 ms hole 150 ms into the tone
        #expect(detectPresses(samples).map(\.digit) == [.three])
    }

    @Test func twistWithinQ24LimitsIsAcceptedAndBeyondRejected() {
        func found(twist: Double) -> [DTMFDigit] {
            detectPresses(DTMFToneGenerator.sequence([.nine], sampleRate: .hz8000, toneLevelDBFS: -12, twistDB: twist)).map(\.digit)
        }
        #expect(found(twist: 3) == [.nine])   // high tone 3 dB louder: reverse twist within 4 dB
        #expect(found(twist: -7) == [.nine])  // high tone 7 dB weaker: normal twist within 8 dB
        #expect(found(twist: 6).isEmpty)
        #expect(found(twist: -11).isEmpty)
    }

    @Test func levelDownTo28dBFSIsAcceptedAndBelowTheMinimumRejected() {
        func found(_ level: Double) -> [DTMFDigit] {
            detectPresses(DTMFToneGenerator.sequence([.a], sampleRate: .hz8000, toneLevelDBFS: level)).map(\.digit)
        }
        #expect(found(-3) == [.a])
        #expect(found(-28) == [.a])  // ≈ -25 dBm0 per tone on a µ-law line
        #expect(found(-36).isEmpty)
    }

    @Test func frequencyErrorsUpTo1point5PercentAreAcceptedAnd3point5PercentRejected() {
        for digit in Self.keypad {
            for (deviation, accepted) in [(-0.015, true), (0.015, true), (-0.035, false), (0.035, false)] {
                let samples = silence(0.05) + tones([(digit.rowFrequency * (1 + deviation), amplitude(dBFS: -10)),
                                                     (digit.columnFrequency * (1 + deviation), amplitude(dBFS: -10))], count: 800)
                #expect(detectPresses(samples).map(\.digit) == (accepted ? [digit] : []), "\(digit) at \(deviation * 100)%")
            }
        }
    }

    @Test func singleTonesAndCallProgressTonesAreNotKeys() {
        for frequency in DTMFDigit.rowFrequencies + DTMFDigit.columnFrequencies {
            #expect(detectPresses(tones([(frequency, amplitude(dBFS: -6))], count: 4_000)).isEmpty, "\(frequency) Hz alone")
        }
        let callProgress: [[Double]] = [[350, 440], [440, 480], [480, 620], [425], [400, 450]]  // dial, ringback, busy, EU, UK
        for pair in callProgress {
            #expect(detectPresses(tones(pair.map { ($0, amplitude(dBFS: -10)) }, count: 8_000)).isEmpty, "\(pair)")
        }
    }

    @Test func musicLikeChordsAndHarmonicNotesAreNotKeys() {
        let chords: [[Double]] = [[261.6, 329.6, 392.0], [220, 277.2, 329.6, 440], [392, 493.9, 587.3, 784]]
        for chord in chords {
            #expect(detectPresses(tones(chord.map { ($0, amplitude(dBFS: -14)) }, count: 8_000)).isEmpty, "\(chord)")
        }
        // Harmonic-rich notes whose partials land near DTMF tones (e.g. 3 × 233 Hz = 699 Hz, 5 × 233 = 1165).
        for fundamental in [110.0, 146.8, 233.1, 349.2, 466.2] {
            let partials = (1...12).map { (fundamental * Double($0), amplitude(dBFS: -12) / Double($0)) }
            #expect(detectPresses(tones(partials, count: 8_000)).isEmpty, "note \(fundamental) Hz")
        }
    }

    @Test func keysInNoiseAndAfterMuLawAreStillFoundAndNoiseAloneIsNot() {
        let clean = DTMFToneGenerator.sequence(Self.keypad, sampleRate: .hz8000, toneMilliseconds: 70, gapMilliseconds: 70)
        let noise = Signals.whiteNoise(rms: rms(dBFS: -35), count: clean.count, seed: 12)
        #expect(detectPresses(mix(clean, noise)).map(\.digit) == Self.keypad)  // about 20 dB SNR
        #expect(detectPresses(noise).isEmpty)
        #expect(detectPresses(Signals.pinkNoise(rms: rms(dBFS: -20), count: 40_000, seed: 13)).isEmpty)
        let coded = clean.map { MuLaw.decode(MuLaw.encode($0)) }
        #expect(detectPresses(coded).map(\.digit) == Self.keypad)
    }

    @Test func framesGiveTheSameResultAsOneBuffer() {
        let samples = DTMFToneGenerator.sequence(DTMFDigit.digits("147*")!, sampleRate: .hz16000, toneMilliseconds: 80, gapMilliseconds: 60)
        var detector = DTMFDetector(sampleRate: .hz16000)
        var found: [DTMFDetection] = []
        for frame in Signals.frames(samples, rate: .hz16000) { detector.process(frame) { found.append($0) } }
        #expect(found == detectPresses(Array(samples[..<(samples.count / 320 * 320)]), rate: .hz16000))
        #expect(found.map(\.digit) == DTMFDigit.digits("147*"))
        detector.reset()
        #expect(detector.sampleCount == 0)
    }
}

/// Real speech must not dial anything.
@Suite(.enabled(if: ExternalTools.hasEspeakAndSox, "needs espeak-ng and sox (Scripts/bootstrap.sh)"))
struct DTMFTalkOffTests {
    @Test(arguments: [SampleRate.hz8000, .hz16000])
    func spokenDigitsAndPromptsDoNotTriggerKeys(rate: SampleRate) throws {
        let speech = try Speech.render("Press one for sales, two for support, or stay on the line. Nine eight seven six five four three two one zero. Hash, star, pound.", rate: rate)
        #expect(detectPresses(speech, rate: rate).isEmpty)
        let fixture = try SpokenFixture.at(rate)
        #expect(detectPresses(fixture.clean, rate: rate).isEmpty)
    }
}
