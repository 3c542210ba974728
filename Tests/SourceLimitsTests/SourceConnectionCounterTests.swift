import SourceLimits
import Testing

@Suite struct SourceConnectionCounterTests {
    @Test func aSourceAtItsCapIsRefusedUntilOneOfItsConnectionsCloses() {
        var counter = SourceConnectionCounter<String>(maxPerSource: 2)
        do { let verdict = counter.open("a"); #expect(verdict) }
        do { let verdict = counter.open("a"); #expect(verdict) }
        do { let verdict = counter.open("a"); #expect(!verdict) }
        do { let verdict = counter.open("b"); #expect(verdict) }
        #expect(counter.count(of: "a") == 2)
        counter.close("a")
        do { let verdict = counter.open("a"); #expect(verdict) }
    }

    @Test func sourcesWithNothingOpenAreForgotten() {
        var counter = SourceConnectionCounter<Int>(maxPerSource: 5)
        for source in 0..<1_000 { let opened = counter.open(source); #expect(opened) }
        for source in 0..<1_000 { counter.close(source) }
        #expect(counter.trackedSources == 0)
        counter.close(7)   // closing what is not open changes nothing
        #expect(counter.count(of: 7) == 0)
    }
}
