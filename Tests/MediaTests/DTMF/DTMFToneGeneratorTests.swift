import Testing
@testable import Media

@Suite struct DTMFToneGeneratorTests {
    @Test(arguments: DTMFDigit.allCases)
    func eachKeyIsItsTwoQ23TonesAtTheRequestedLevel(digit: DTMFDigit) {
        let samples = DTMFToneGenerator.sequence([digit], sampleRate: .hz8000, toneMilliseconds: 200, gapMilliseconds: 0, toneLevelDBFS: -10)
        let expected = amplitude(dBFS: -10)
        let low = Signals.goertzelPower(samples[...], frequency: digit.rowFrequency, rate: 8_000).squareRoot() * 2.0.squareRoot()
        let high = Signals.goertzelPower(samples[...], frequency: digit.columnFrequency, rate: 8_000).squareRoot() * 2.0.squareRoot()
        #expect(abs(low / expected - 1) < 0.02 && abs(high / expected - 1) < 0.02, "\(low) \(high) vs \(expected)")
        // Nothing else: the two tones carry all the power.
        #expect(abs(Signals.rms(samples) - expected) < expected * 0.02)
    }

    @Test func twistSetsTheHighToneRelativeToTheLow() {
        let samples = DTMFToneGenerator.sequence([.one], sampleRate: .hz16000, toneMilliseconds: 200, gapMilliseconds: 0, twistDB: -6)
        let low = Signals.goertzelPower(samples[...], frequency: 697, rate: 16_000)
        let high = Signals.goertzelPower(samples[...], frequency: 1_209, rate: 16_000)
        #expect(abs(10 * log10(high / low) - -6) < 0.2)
    }

    @Test func renderingFrameByFrameContinuesThePhase() {
        var generator = DTMFToneGenerator(sampleRate: .hz8000)
        var frame = AudioFrame.silence(.hz8000)
        var byFrames: [Int16] = []
        for _ in 0..<5 {
            generator.render(.pound, into: &frame)
            byFrames += frame.samples
        }
        let whole = DTMFToneGenerator.sequence([.pound], sampleRate: .hz8000, toneMilliseconds: 100, gapMilliseconds: 0)
        #expect(byFrames == whole)
        generator.render(nil, into: &frame)
        #expect(frame.samples.allSatisfy { $0 == 0 })
    }

    @Test func digitsParseFromTextAndMapToRFC4733Codes() {
        #expect(DTMFDigit.digits("0123456789*#ABCD")?.map(\.eventCode) == Array(0...15))
        #expect(DTMFDigit.digits("12a#")?.map(\.character) == ["1", "2", "A", "#"])
        #expect(DTMFDigit.digits("12x") == nil)
        #expect(DTMFDigit(eventCode: 16) == nil)  // hook flash is an event, not a key
        #expect(DTMFDigit.five.rowFrequency == 770 && DTMFDigit.five.columnFrequency == 1_336)
        #expect(DTMFDigit.d.rowFrequency == 941 && DTMFDigit.d.columnFrequency == 1_633)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
