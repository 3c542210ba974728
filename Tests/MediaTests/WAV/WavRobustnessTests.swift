import Testing
@testable import Media

@Suite struct WavRobustnessTests {
    typealias F = WavFixtures

    static let fixtures: [[UInt8]] = [
        F.file(F.fmt(), F.data(F.tone)),
        F.file(F.list, F.fmt(channels: 2), F.chunk("junk", [9]), F.data(F.tone), F.list),
        F.file(F.extensibleFmt(), F.data(Array(F.tone[..<7]))),
        F.file(F.fmt(), F.chunk("data", [1, 2, 3, 4, 5])),
        Array(F.file(F.fmt(), F.data(F.tone))[..<77]),
        F.file(F.fmt(bits: 8), F.data(F.tone)),
        F.file(F.data(F.tone)),
        Array("RIFF".utf8) + F.le32(4) + Array("WAVX".utf8),
    ]

    @Test(arguments: fixtures.indices)
    func splittingTheInputAnywhereGivesTheSameResult(fixture: Int) {
        let problems = ChunkSplit.mismatches(Self.fixtures[fixture]) { WavOutcome.parse($0) }
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    @Test func randomBytesEndInSamplesOrATypedErrorWithinTheLimits() {
        var generator = SeededGenerator(seed: 99)
        let limits = WavParser.Limits(maximumDataBytes: 4_096, maximumChunkCount: 16, maximumSkippedChunkBytes: 1_024)
        let prefix = Array(F.file(F.fmt())), header = WavWriter.header(format: WavFormat(.hz8000), dataByteCount: nil)
        var outcomes = (audio: 0, errors: 0)
        for round in 0..<3_000 {
            let length = Int.random(in: 0...600, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            switch round % 4 {  // random tails behind plausible heads reach the deeper states
            case 1: bytes = prefix + bytes
            case 2: bytes = header + bytes
            case 3:
                var valid = F.file(F.fmt(channels: 2), F.list, F.data(F.tone))
                for _ in 0..<4 { valid[Int.random(in: 0..<valid.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
                bytes = valid
            default: break
            }
            switch WavOutcome.parse([bytes], limits: limits) {
            case .audio(let format, let samples):
                outcomes.audio += 1
                #expect(samples.count * 2 <= limits.maximumDataBytes)
                #expect(samples.count % format.channelCount == 0)
            case .failed(let error, _):
                outcomes.errors += 1
                #expect(error.offset >= 0 && error.offset <= bytes.count)
            }
        }
        #expect(outcomes.audio > 0 && outcomes.errors > 0)
    }
}
