import Media
import Testing

@Suite struct RTPReceiveStatisticsTests {
    /// Feeds `sequences` 160 units apart in timestamp, arriving `arrivalJitter(i)` units off schedule.
    func feed(_ sequences: [UInt16], into stats: inout RTPReceiveStatistics, arrivalJitter: (Int) -> Int = { _ in 0 }) {
        for (index, sequence) in sequences.enumerated() {
            let timestamp = UInt32(truncatingIfNeeded: Int(sequence) * 160)
            stats.record(sequence: sequence, timestamp: timestamp, ssrc: 77,
                         arrival: timestamp &+ 1000 &+ UInt32(truncatingIfNeeded: arrivalJitter(index)))
        }
    }

    @Test func lossAndFractionLostCountTheGaps() throws {
        var stats = RTPReceiveStatistics()
        let sequences = (UInt16(10)...UInt16(110)).filter { $0 % 10 != 5 }  // 10 of 101 lost
        feed(sequences, into: &stats)
        #expect(stats.isValid)
        // Probation: the first packet is not counted; base is the second.
        #expect(stats.expected == 100)
        #expect(stats.cumulativeLost == 10)
        let first = stats.reportBlock()
        let block = try #require(first)
        #expect(block.fractionLost == UInt8(10 * 256 / 100))
        #expect(block.extendedHighestSequence == 110)
        // A new interval with no loss reports 0.
        feed(Array(111...120), into: &stats)
        let second = stats.reportBlock()
        #expect(second?.fractionLost == 0)
    }

    @Test func sequenceWrapAddsACycle() {
        var stats = RTPReceiveStatistics()
        feed((0..<20).map { UInt16(truncatingIfNeeded: 65_530 + $0) }, into: &stats)
        #expect(stats.extendedHighestSequence == 65_536 + 13)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func jitterIsZeroForSteadyArrivalAndTracksAlternatingDelay() {
        var steady = RTPReceiveStatistics()
        feed(Array(1...200), into: &steady)
        #expect(steady.jitter == 0)
        var bumpy = RTPReceiveStatistics()
        feed(Array(1...400), into: &bumpy) { $0 % 2 == 0 ? 80 : 0 }  // ±10 ms every packet
        // A.8 converges to the mean |D| = 80 units.
        #expect((70...80).contains(bumpy.jitter))
    }

    @Test func aLargeJumpIsAcceptedOnlyWhenTheNextPacketFollowsIt() {
        var stats = RTPReceiveStatistics()
        feed(Array(1...10), into: &stats)
        let jump = stats.record(sequence: 40_000, timestamp: 0, ssrc: 77, arrival: 0)
        #expect(!jump)
        #expect(stats.extendedHighestSequence == 10)
        let confirmed = stats.record(sequence: 40_001, timestamp: 160, ssrc: 77, arrival: 160)
        #expect(confirmed)
        #expect(stats.extendedHighestSequence == 40_001)
    }
}
