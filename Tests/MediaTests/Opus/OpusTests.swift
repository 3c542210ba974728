import Testing
@testable import Media

@Suite struct OpusTests {
    static let voiceRates: [SampleRate] = [.hz8000, .hz16000, .hz24000, .hz48000]

    // Waveform SNR is meaningful here: in VoIP mode at these rates and bitrates libopus codes speech with
    // SILK (or SILK+CELT hybrid), which matches the waveform after an LPC analysis, so aligning by the
    // encoder look-ahead leaves a phase-faithful signal. Measured on this signal at 24 kb/s: 15.6 dB
    // (8 and 16 kHz), 13.5 dB (24 kHz), 14.2 dB (48 kHz); the bound leaves ~3 dB of margin.
    @Test(arguments: voiceRates)
    func speechLikeSignalSurvivesARoundTripAbove10dBSNR(rate: SampleRate) throws {
        let trip = try OpusRoundTrip(rate: rate, input: SpeechLike.signal(rate: rate.hertz, seconds: 2),
                                     configuration: .init(bitsPerSecond: 24_000))
        let output = try trip.decode()
        #expect(output.count == trip.input.count)
        let settled = [(rate.hertz / 5)..<(trip.input.count - rate.samplesPerFrame)]
        let lookahead = trip.encoder.lookahead
        #expect(lookahead * 1000 / rate.hertz == 6)  // 6.5 ms at every rate (libopus 1.3)
        let best = trip.bestLag(output, candidates: (lookahead - 8)...(lookahead + 8), over: settled)
        // The decoded audio lags the input by the encoder look-ahead, give or take a few samples at 24/48 kHz.
        #expect(abs(best.lag - lookahead) <= 4, "best lag \(best.lag), look-ahead \(lookahead)")
        #expect(best.snr > 10, "SNR \(best.snr) dB at \(rate.hertz) Hz")
    }

    @Test func bitrateSettingChangesThePacketSizes() throws {
        let input = SpeechLike.signal(rate: 16_000, seconds: 1)
        func bytes(_ bitrate: Int) throws -> Int {
            try OpusRoundTrip(rate: .hz16000, input: input, configuration: .init(bitsPerSecond: bitrate)).packets
                .reduce(0) { $0 + $1.count }
        }
        let low = try bytes(8_000), high = try bytes(40_000)
        #expect(low * 8 <= 8_000 * 11 / 10)  // at most the target (VBR may spend less)
        #expect(high > 2 * low)
    }

    @Test(arguments: [SampleRate.hz8000, .hz16000])
    func concealmentContinuesTheVoiceAcrossALostFrame(rate: SampleRate) throws {
        let trip = try OpusRoundTrip(rate: rate, input: SpeechLike.signal(rate: rate.hertz, seconds: 2),
                                     configuration: .init(bitsPerSecond: 24_000))
        let lost = Set(stride(from: 12, to: trip.packets.count - 1, by: 7))
        let output = try trip.decode(losing: lost)
        let frame = rate.samplesPerFrame, lag = trip.encoder.lookahead
        // Waveform SNR of a concealed frame is near 0 dB (the phase is a guess), so check what concealment
        // promises: the voice goes on at a similar level and pitch instead of a gap or a burst.
        let pitchLags = (rate.hertz / 200)...(rate.hertz / 90)  // 90–200 Hz covers the 106–154 Hz fundamental
        var checked = 0
        for index in lost.sorted() {
            let before = output[((index - 1) * frame + lag)..<(index * frame + lag)]
            let concealed = output[(index * frame + lag)..<((index + 1) * frame + lag)]
            guard Signals.rms(before) > 1_000 else { continue }  // only where the caller was speaking
            checked += 1
            let ratio = Signals.rms(concealed) / Signals.rms(before)
            #expect(ratio > 0.25 && ratio < 2, "frame \(index): concealed/previous level \(ratio)")
            let previousPitch = Signals.pitchPeriod(before, lags: pitchLags)
            let concealedPitch = Signals.pitchPeriod(concealed, lags: pitchLags)
            #expect(abs(concealedPitch - previousPitch) <= previousPitch / 10, "frame \(index): pitch \(concealedPitch) vs \(previousPitch)")
        }
        #expect(checked >= 4)
    }

    @Test func concealingManyFramesInARowFadesOut() throws {
        let vowel = SpeechLike.signal(rate: 16_000, seconds: 1, syllables: false)
        let trip = try OpusRoundTrip(rate: .hz16000, input: vowel, configuration: .init(bitsPerSecond: 24_000))
        let output = try trip.decode(losing: Set(20..<50))
        let frame = 320
        let firstLost = Signals.rms(output[(21 * frame)..<(22 * frame)])
        let longLost = Signals.rms(output[(45 * frame)..<(50 * frame)])
        #expect(firstLost > Signals.rms(vowel) / 4)
        #expect(longLost < firstLost / 4, "after 500 ms of loss: \(longLost) vs \(firstLost)")
    }

    @Test(arguments: [SampleRate.hz8000, .hz16000])
    func inBandFECRecoversLostFramesBetterThanConcealment(rate: SampleRate) throws {
        let trip = try OpusRoundTrip(rate: rate, input: SpeechLike.signal(rate: rate.hertz, seconds: 2),
                                     configuration: .init(bitsPerSecond: 24_000, inbandFEC: true, expectedPacketLossPercent: 20))
        let lost = Set(stride(from: 5, to: trip.packets.count - 1, by: 10))
        let frame = rate.samplesPerFrame
        let lostRanges = lost.sorted().map { ($0 * frame)..<(($0 + 1) * frame) }
        let lag = trip.encoder.lookahead
        let concealed = trip.snr(try trip.decode(losing: lost), lag: lag, over: lostRanges)
        let recovered = trip.snr(try trip.decode(losing: lost, handling: .forwardErrorCorrection), lag: lag, over: lostRanges)
        let received = trip.snr(try trip.decode(), lag: lag, over: lostRanges)
        // Measured: FEC 11.9 / 12.3 dB, PLC 1.9 / 3.5 dB, no loss 13.5 / 13.4 dB (8 / 16 kHz).
        #expect(recovered > concealed + 5, "FEC \(recovered) dB vs PLC \(concealed) dB")
        #expect(recovered > received - 4, "FEC \(recovered) dB vs received \(received) dB")
    }

    @Test func decodingAtAnotherRateThanEncodedWorks() throws {
        let trip = try OpusRoundTrip(rate: .hz48000, input: Signals.sine(frequency: 440, amplitude: 8_000, rate: 48_000, count: 48_000),
                                     configuration: .init(bitsPerSecond: 32_000))
        let decoder = try Opus.Decoder(sampleRate: .hz8000)
        var frame = AudioFrame.silence(.hz8000)
        var output: [Int16] = []
        for packet in trip.packets {
            try decoder.decode(packet, into: &frame)
            output += frame.samples
        }
        #expect(output.count == 8_000)
        let measured = Signals.zeroCrossingFrequency(output[1_600...], rate: 8_000)
        #expect(abs(measured - 440) < 2, "\(measured) Hz")
    }

    @Test func resetMakesEncoderAndDecoderBehaveAsNew() throws {
        let frames = Signals.frames(SpeechLike.signal(rate: 16_000, seconds: 0.3), rate: .hz16000)
        func run(_ encoder: Opus.Encoder, _ decoder: Opus.Decoder) throws -> [[Int16]] {
            var packet: [UInt8] = [], frame = AudioFrame.silence(.hz16000), out: [[Int16]] = []
            for input in frames {
                try encoder.encode(input, into: &packet)
                try decoder.decode(packet, into: &frame)
                out.append(frame.samples)
            }
            return out
        }
        let encoder = try Opus.Encoder(sampleRate: .hz16000), decoder = try Opus.Decoder(sampleRate: .hz16000)
        let first = try run(encoder, decoder)
        #expect(try run(encoder, decoder) != first)  // history carried over
        encoder.reset()
        decoder.reset()
        #expect(try run(encoder, decoder) == first)
    }

    @Test func encodeReusesThePacketBuffer() throws {
        let encoder = try Opus.Encoder(sampleRate: .hz16000)
        let frames = Signals.frames(SpeechLike.signal(rate: 16_000, seconds: 0.4), rate: .hz16000)
        var packet: [UInt8] = []
        try encoder.encode(frames[0], into: &packet)
        let storage = packet.withUnsafeBufferPointer { $0.baseAddress }
        for frame in frames {
            try encoder.encode(frame, into: &packet)
            #expect(!packet.isEmpty && packet.count <= Opus.maximumPacketBytes)
        }
        #expect(packet.withUnsafeBufferPointer { $0.baseAddress } == storage)
    }
}
