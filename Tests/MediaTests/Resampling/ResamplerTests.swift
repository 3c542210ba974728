import Testing
@testable import Media

/// Every ordered pair of distinct supported rates.
let ratePairs: [(SampleRate, SampleRate)] = SampleRate.allCases.flatMap { from in
    SampleRate.allCases.filter { $0 != from }.map { (from, $0) }
}

@Suite struct ResamplerTests {
    static func resampleWhole(_ input: [Int16], _ resampler: Resampler) -> [Int16] {
        var output = [Int16](repeating: 0, count: resampler.outputCount(forInputCount: input.count) + 1)
        let written = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { resampler.process(source, into: $0) }
        }
        return Array(output[..<written])
    }

    static func resampleByFrames(_ input: [Int16], _ resampler: Resampler) -> [Int16] {
        var output = AudioFrame.silence(resampler.outputRate)
        var all: [Int16] = []
        for frame in Signals.frames(input, rate: resampler.inputRate) {
            resampler.process(frame, into: &output)
            all += output.samples
        }
        return all
    }

    @Test(arguments: ratePairs)
    func sineKeepsItsFrequencyAndLevel(from: SampleRate, to: SampleRate) throws {
        let resampler = try Resampler(from: from, to: to)
        let frequency = 1_000.0, amplitude = 10_000.0
        let input = Signals.sine(frequency: frequency, amplitude: amplitude, rate: from.hertz, count: from.hertz)
        let output = Self.resampleByFrames(input, resampler)
        #expect(output.count == to.hertz)
        let settled = output[(resampler.outputLatency + to.samplesPerFrame)...]  // past the filter's start-up
        let measured = Signals.zeroCrossingFrequency(settled, rate: to.hertz)
        #expect(abs(measured - frequency) / frequency < 0.001, "frequency \(measured) Hz")
        // A 1 kHz tone is in every passband: level within ±0.5 dB of the input's.
        let gain = Signals.decibels(Signals.rms(settled) / Signals.rms(input))
        #expect(abs(gain) < 0.5, "gain \(gain) dB")
    }

    @Test(arguments: ratePairs)
    func streamResampledInFramesEqualsTheStreamResampledWhole(from: SampleRate, to: SampleRate) throws {
        // Speex carries its filter state between calls, so the split is invisible: sample-exact equality.
        let input = Signals.pinkNoise(rms: 3_000, count: from.hertz / 2, seed: 7)
            .enumerated().map { $0.element &+ Int16(truncatingIfNeeded: $0.offset % 200 * 20) }
        let whole = Self.resampleWhole(input, try Resampler(from: from, to: to))
        let pieces = Self.resampleByFrames(input, try Resampler(from: from, to: to))
        #expect(whole.count == pieces.count)
        #expect(whole == pieces)
    }

    @Test(arguments: ratePairs)
    func everyFrameProducesExactlyOneOutputFrame(from: SampleRate, to: SampleRate) throws {
        let resampler = try Resampler(from: from, to: to)
        var output = [Int16](repeating: 0, count: to.samplesPerFrame + 8)
        let input = Signals.whiteNoise(rms: 1_000, count: from.samplesPerFrame, seed: 3)
        for _ in 0..<25 {
            let written = input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { resampler.process(source, into: $0) }
            }
            #expect(written == to.samplesPerFrame)
        }
    }

    @Test func downsamplingKeepsTheTelephoneBandAndSuppressesWhatWouldAlias() throws {
        // Measured with quality 3 (VoIP) 48→8 kHz: 3.0 kHz −0.0 dB, 3.4 kHz −1.0 dB, 3.9 kHz −39 dB, 4.1 kHz −83 dB.
        func gain(_ frequency: Double) throws -> Double {
            let input = Signals.sine(frequency: frequency, amplitude: 10_000, rate: 48_000, count: 48_000)
            let output = Self.resampleByFrames(input, try Resampler(from: .hz48000, to: .hz8000))
            return Signals.decibels(Signals.rms(output[800...]) / Signals.rms(input))
        }
        #expect(abs(try gain(3_000)) < 0.1)
        #expect(try gain(3_400) > -1.5)
        #expect(try gain(4_400) < -60)  // would fold back to 3.6 kHz
        #expect(try gain(6_000) < -60)  // would fold back to 2 kHz
    }

    @Test func resetRestartsTheStreamFromSilence() throws {
        let resampler = try Resampler(from: .hz8000, to: .hz16000)
        let input = Signals.sine(frequency: 440, amplitude: 8_000, rate: 8_000, count: 1_600)
        let first = Self.resampleByFrames(input, resampler)
        let continued = Self.resampleByFrames(input, resampler)
        resampler.reset()
        let afterReset = Self.resampleByFrames(input, resampler)
        #expect(afterReset == first)
        #expect(continued != first)  // without the reset, the history of the first pass shows
    }

    @Test func equalRatesPassSamplesThroughUntouched() throws {
        let resampler = try Resampler(from: .hz16000, to: .hz16000)
        let input = Signals.whiteNoise(rms: 5_000, count: 3_200, seed: 11)
        #expect(Self.resampleByFrames(input, resampler) == input)
        #expect(resampler.outputLatency == 0)
    }
}
