import SourceLimits
import Testing

@Suite struct RecencyTableTests {
    @Test func insertingPastCapacityEvictsTheLeastRecentlyUpdatedKey() {
        var table = RecencyTable<String, Int>(capacity: 3)
        for key in ["a", "b", "c"] { table.update(key, default: { 0 }) { $0 += 1 } }
        table.update("a", default: { 0 }) { $0 += 1 }      // a is now the freshest; b the stalest
        #expect(table.stalestKey == "b")
        table.update("d", default: { 0 }) { $0 += 1 }
        #expect(table.count == 3)
        #expect(table.peek("b") == nil)
        #expect(table.peek("a") == 2)
        #expect(table.peek("c") == 1)
        #expect(table.peek("d") == 1)
        #expect(table.stalestKey == "c")
    }

    @Test func peekLeavesTheRecencyOrderAlone() {
        var table = RecencyTable<Int, Int>(capacity: 2)
        table.update(1, default: { 10 }) { _ in }
        table.update(2, default: { 20 }) { _ in }
        #expect(table.peek(1) == 10)
        table.update(3, default: { 30 }) { _ in }
        #expect(table.peek(1) == nil)
        #expect(table.peek(2) == 20)
    }

    @Test func matchesAReferenceModelUnderRandomUpdates() {
        var generator = SplitMix(seed: 7)
        var table = RecencyTable<Int, Int>(capacity: 16)
        var model: [(key: Int, value: Int)] = []        // stalest first
        for step in 0..<5_000 {
            let key = Int(generator.next() % 40)
            table.update(key, default: { 0 }) { $0 += step }
            var value = 0
            if let index = model.firstIndex(where: { $0.key == key }) {
                value = model.remove(at: index).value
            } else if model.count == 16 {
                model.removeFirst()
            }
            model.append((key, value + step))
            #expect(table.count == model.count)
            #expect(table.stalestKey == model.first?.key)
        }
        for entry in model { #expect(table.peek(entry.key) == entry.value) }
    }
}

/// A tiny seeded generator (SplitMix64) so the random test is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
