import Testing
@testable import Media

@Suite struct WavParserTests {
    typealias F = WavFixtures

    @Test func readsWhatTheWriterWritesMonoAndStereo() throws {
        let mono = WavAudio(format: WavFormat(.hz16000), samples: Signals.whiteNoise(rms: 4_000, count: 1_601, seed: 1))
        #expect(try WavAudio(parsing: mono.encoded()) == mono)
        let stereo = WavAudio(format: WavFormat(sampleRate: 44_100, channelCount: 2), samples: (0..<2_000).map { Int16($0 - 1_000) })
        #expect(try WavAudio(parsing: stereo.encoded()) == stereo)
        #expect(mono.encoded().count == WavWriter.headerByteCount + 1_601 * 2)
    }

    @Test func skipsListFactAndOddSizedChunksBeforeAndAfterTheData() throws {
        let odd = F.chunk("junk", [1, 2, 3])  // 3 bytes + pad
        let fact = F.chunk("fact", F.le32(50))
        let bytes = F.file(F.list, F.fmt(), odd, fact, F.data(F.tone), F.list, odd)
        let audio = try WavAudio(parsing: bytes)
        #expect(audio.format == WavFormat(sampleRate: 8_000))
        #expect(audio.samples == F.tone)
    }

    @Test func acceptsExtensibleFormatWithPCMSubformat() throws {
        let audio = try WavAudio(parsing: F.file(F.extensibleFmt(channels: 2), F.data(F.tone)))
        #expect(audio.format == WavFormat(sampleRate: 16_000, channelCount: 2))
        #expect(audio.samples == F.tone)
        #expect(throws: WavError(.unsupportedEncoding(formatTag: 3), at: 20)) {
            try WavAudio(parsing: F.file(F.extensibleFmt(subformat: 3), F.data(F.tone)))
        }
    }

    @Test func streamedFileWithUnknownLengthReadsToTheEnd() throws {
        var bytes = WavWriter.header(format: WavFormat(.hz24000), dataByteCount: nil)
        WavWriter.appendSamples(F.tone, to: &bytes)
        #expect(try WavAudio(parsing: bytes).samples == F.tone)
    }

    @Test func oddDataSizeDropsTheHalfSampleAndSkipsThePad() throws {
        let body: [UInt8] = F.tone.flatMap { F.le16(Int(UInt16(bitPattern: $0))) } + [0x7F]
        let audio = try WavAudio(parsing: F.file(F.fmt(), F.chunk("data", body), F.list))
        #expect(audio.samples == F.tone)
    }

    @Test func stereoSamplesArriveOnlyAsWholeSampleFrames() throws {
        var parser = WavParser()
        var samples: [Int16] = []
        let bytes = F.file(F.fmt(channels: 2), F.data([1, 2, 3, 4]))
        try parser.feed(bytes[..<(bytes.count - 3)], into: &samples)  // ends one byte into the second frame
        #expect(samples == [1, 2])
        try parser.feed(bytes[(bytes.count - 3)...], into: &samples)
        try parser.finish()
        #expect(samples == [1, 2, 3, 4])
    }

    @Test func malformedFilesGiveTypedErrorsWithOffsets() {
        let cases: [(String, [UInt8], WavError)] = [
            ("RIFX", Array("RIFX".utf8) + F.le32(4) + Array("WAVE".utf8), WavError(.notRIFF, at: 0)),
            ("AVI", Array("RIFF".utf8) + F.le32(4) + Array("AVI ".utf8), WavError(.notWAVE, at: 8)),
            ("float", F.file(F.fmt(tag: 3, bits: 32), F.data(F.tone)), WavError(.unsupportedEncoding(formatTag: 3), at: 20)),
            ("µ-law", F.file(F.fmt(tag: 7, bits: 8), F.data(F.tone)), WavError(.unsupportedEncoding(formatTag: 7), at: 20)),
            ("8-bit", F.file(F.fmt(bits: 8), F.data(F.tone)), WavError(.unsupportedBitsPerSample(8), at: 34)),
            ("3 channels", F.file(F.fmt(channels: 3), F.data(F.tone)), WavError(.unsupportedChannelCount(3), at: 22)),
            ("rate 0", F.file(F.fmt(rate: 0), F.data(F.tone)), WavError(.invalidFormat("sample rate 0"), at: 24)),
            ("block align", F.file(F.fmt(blockAlign: 3), F.data(F.tone)), WavError(.invalidFormat("block align 3"), at: 32)),
            ("short fmt", F.file(F.chunk("fmt ", [1, 0, 1, 0]), F.data(F.tone)), WavError(.invalidFormat("fmt chunk of 4 bytes"), at: 16)),
            ("data first", F.file(F.data(F.tone), F.fmt()), WavError(.missingFormatChunk, at: 12)),
            ("no data", F.file(F.fmt(), F.list), WavError(.missingDataChunk, at: 62)),
            ("two fmt", F.file(F.fmt(), F.fmt(), F.data(F.tone)), WavError(.duplicateChunk("fmt "), at: 36)),
            ("two data", F.file(F.fmt(), F.data(F.tone), F.data(F.tone)), WavError(.duplicateChunk("data"), at: 144)),
            ("header cut", Array(F.file(F.fmt(), F.data(F.tone))[..<30]), WavError(.truncated, at: 30)),
            ("data cut", Array(F.file(F.fmt(), F.data(F.tone))[..<100]), WavError(.truncated, at: 100)),
            ("huge LIST", F.file(F.fmt(), Array("LIST".utf8) + F.le32(0x7FFF_FFF0), F.data(F.tone)), WavError(.chunkTooLarge(id: "LIST", size: 0x7FFF_FFF0), at: 40)),
            ("huge fmt", F.file(Array("fmt ".utf8) + F.le32(4_000)), WavError(.chunkTooLarge(id: "fmt ", size: 4_000), at: 16)),
            ("odd id", F.file(F.fmt(), Array("\u{1}AB\u{7F}".utf8) + F.le32(0x7FFF_FFF0)), WavError(.chunkTooLarge(id: "?AB?", size: 0x7FFF_FFF0), at: 40)),
        ]
        for (name, bytes, expected) in cases {
            #expect(throws: expected, "\(name)") { try WavAudio(parsing: bytes) }
        }
    }

    @Test func limitsFromTheInitializerAreEnforced() {
        let bytes = F.file(F.fmt(), F.list, F.list, F.list, F.data(F.tone))
        #expect(throws: WavError(.tooManyChunks, at: 36 + 2 * F.list.count)) {
            try WavAudio(parsing: bytes, limits: .init(maximumChunkCount: 3))
        }
        #expect(throws: WavError(.dataTooLarge, at: 36 + 3 * F.list.count + 4)) {
            try WavAudio(parsing: bytes, limits: .init(maximumDataBytes: 64))
        }
        var streamed = WavWriter.header(format: WavFormat(.hz8000), dataByteCount: nil)
        WavWriter.appendSamples(F.tone, to: &streamed)
        #expect(throws: WavError(.dataTooLarge, at: 44)) {
            try WavAudio(parsing: streamed, limits: .init(maximumDataBytes: 64))
        }
        #expect(throws: WavError(.chunkTooLarge(id: "LIST", size: 17), at: 40)) {
            try WavAudio(parsing: bytes, limits: .init(maximumSkippedChunkBytes: 8))
        }
    }

    @Test func truncatedDataKeepsTheSamplesThatArrivedAndErrorsStaySticky() throws {
        let bytes = F.file(F.fmt(), F.data(F.tone))
        var parser = WavParser()
        var samples: [Int16] = []
        try parser.feed(bytes[..<(44 + 20)], into: &samples)
        #expect(samples == Array(F.tone[..<10]))
        #expect(throws: WavError(.truncated, at: 64)) { try parser.finish() }
        #expect(throws: WavError(.truncated, at: 64)) { try parser.feed([0, 0], into: &samples) }
    }
}
