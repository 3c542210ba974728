import SwitchboardTesting
import Testing

/// The verifier itself must catch a parser that depends on read boundaries, or every chunk-split test
/// above would pass vacuously.
@Suite struct ChunkSplitVerifierTests {
    @Test func reportsAParserThatEmitsOneOutputPerRead() {
        let report = ChunkSplitVerifier().verify(Array("abcdef".utf8)) { chunks in chunks.count }
        #expect(!report.passed)
        #expect(report.mismatches.first?.expected == 1)
    }

    @Test func acceptsAParserThatOnlyDependsOnTheBytes() {
        let report = ChunkSplitVerifier().verify(Array("abcdef".utf8)) { chunks in chunks.flatMap { $0 } }
        #expect(report.passed)
        // 5 single splits + byte-at-a-time + 10 split pairs + the whole input, plus random chunkings.
        #expect(report.runs >= 17)
    }

    @Test func chunkingsCoverEveryBoundary() {
        let cuts = ChunkSplitVerifier(randomChunkings: 0).chunkings(forCount: 4)
        #expect(cuts.contains([1]) && cuts.contains([2]) && cuts.contains([3]) && cuts.contains([1, 2, 3]) && cuts.contains([1, 3]))
        #expect(ChunkSplitVerifier.split([1, 2, 3, 4], at: [1, 3]) == [[1], [2, 3], [4]])
    }
}
