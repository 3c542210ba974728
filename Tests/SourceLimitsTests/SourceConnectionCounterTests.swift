import SourceLimits
import Testing

@Suite struct SourceConnectionCounterTests {
    @Test func aSourceAtItsCapIsRefusedUntilOneOfItsConnectionsCloses() {
        var counter = SourceConnectionCounter<String>(maxPerSource: 2)
        #expect(counter.open("a"))
        #expect(counter.open("a"))
        #expect(!counter.open("a"))
        #expect(counter.open("b"))
        #expect(counter.count(of: "a") == 2)
        counter.close("a")
        #expect(counter.open("a"))
    }

    @Test func sourcesWithNothingOpenAreForgotten() {
        var counter = SourceConnectionCounter<Int>(maxPerSource: 5)
        for source in 0..<1_000 { #expect(counter.open(source)) }
        for source in 0..<1_000 { counter.close(source) }
        #expect(counter.trackedSources == 0)
        counter.close(7)   // closing what is not open changes nothing
        #expect(counter.count(of: 7) == 0)
    }
}
