import Media
import Testing

@Suite struct JitterBufferTests {
    /// A payload that names its sequence number.
    static func payload(_ sequence: UInt16) -> [UInt8] { [UInt8(sequence >> 8), UInt8(sequence & 0xFF)] }

    @discardableResult
    static func insert(_ buffer: inout JitterBuffer, _ sequence: UInt16, ssrc: UInt32 = 1) -> JitterBufferInsertOutcome {
        payload(sequence).withUnsafeBytes {
            buffer.insert(sequence: sequence, timestamp: UInt32(sequence) &* 160, ssrc: ssrc, payload: $0)
        }
    }

    /// Pops `count` ticks: the sequence of each frame, or nil for a gap; buffering ticks are skipped.
    static func play(_ buffer: inout JitterBuffer, ticks count: Int) -> [UInt16?] {
        var out: [UInt16?] = []
        var payload: [UInt8] = []
        for _ in 0..<count {
            switch buffer.pop(into: &payload) {
            case .frame(let sequence, _):
                #expect(payload == Self.payload(sequence))
                out.append(sequence)
            case .missing: out.append(nil)
            case .buffering: break
            }
        }
        return out
    }

    @Test func reordersWithinTheDepthAndWaitsForThePrefetch() {
        var buffer = JitterBuffer(configuration: .init(depth: .fixed(frames: 3)))
        Self.insert(&buffer, 101)
        Self.insert(&buffer, 100)
        #expect(Self.play(&buffer, ticks: 1).isEmpty)  // 2 of 3 frames: still prefetching
        Self.insert(&buffer, 103)
        Self.insert(&buffer, 102)
        #expect(Self.play(&buffer, ticks: 4) == [100, 101, 102, 103])
    }

    @Test func aLostPacketIsReportedAsAGapAndALateOneIsDropped() {
        var buffer = JitterBuffer(configuration: .init(depth: .fixed(frames: 2)))
        for sequence: UInt16 in [10, 11, 13, 14] { Self.insert(&buffer, sequence) }
        #expect(Self.play(&buffer, ticks: 5) == [10, 11, nil, 13, 14])
        #expect(Self.insert(&buffer, 12) == .late)
        #expect(buffer.counters.late == 1)
        #expect(buffer.counters.concealed == 1)
    }

    @Test func duplicatesAreDropped() {
        var buffer = JitterBuffer(configuration: .init(depth: .fixed(frames: 2)))
        #expect(Self.insert(&buffer, 5) == .accepted)
        #expect(Self.insert(&buffer, 5) == .duplicate)
        Self.insert(&buffer, 6)
        #expect(Self.play(&buffer, ticks: 2) == [5, 6])
        #expect(buffer.counters.duplicates == 1)
    }

    @Test func sequenceWrapIsSeamless() {
        var buffer = JitterBuffer(configuration: .init(depth: .fixed(frames: 2)))
        let sequences: [UInt16] = [65_533, 65_534, 0, 65_535, 1, 2]
        for sequence in sequences { Self.insert(&buffer, sequence) }
        #expect(Self.play(&buffer, ticks: 6) == [65_533, 65_534, 65_535, 0, 1, 2])
    }

    @Test func aNewSSRCRestartsTheBuffer() {
        var buffer = JitterBuffer(configuration: .init(depth: .fixed(frames: 1)))
        Self.insert(&buffer, 100)
        Self.insert(&buffer, 101)
        #expect(Self.play(&buffer, ticks: 1) == [100])
        #expect(Self.insert(&buffer, 7, ssrc: 2) == .restarted)
        #expect(Self.play(&buffer, ticks: 1) == [7])
        #expect(buffer.counters.restarts == 1)
    }

    @Test func aJumpBeyondTheCapacityRestartsInsteadOfConcealingForever() {
        var buffer = JitterBuffer(configuration: .init(capacity: 10, depth: .fixed(frames: 1)))
        Self.insert(&buffer, 1)
        #expect(Self.play(&buffer, ticks: 1) == [1])
        #expect(Self.insert(&buffer, 30_000) == .restarted)
        #expect(Self.play(&buffer, ticks: 1) == [30_000])
    }

    @Test func staysBoundedAndDropsOldFramesWhenTooMuchIsBuffered() {
        var buffer = JitterBuffer(configuration: .init(capacity: 20, depth: .fixed(frames: 2)))
        for sequence: UInt16 in 0..<12 { Self.insert(&buffer, sequence) }
        let played = Self.play(&buffer, ticks: 12).compactMap { $0 }
        #expect(buffer.counters.droppedForDelay > 0)
        #expect(played.last == 11)
        #expect(played == played.sorted())
        #expect(buffer.count == 0)
    }

    @Test func adaptiveDepthGrowsAfterLatePacketsWithinItsBound() {
        var buffer = JitterBuffer(configuration: .init(depth: .adaptive(minimumFrames: 2, maximumFrames: 4)))
        #expect(buffer.targetDepth == 2)
        for sequence: UInt16 in [0, 1, 3] { Self.insert(&buffer, sequence) }
        _ = Self.play(&buffer, ticks: 3)
        for _ in 0..<5 { Self.insert(&buffer, 2) }
        #expect(buffer.targetDepth == 4)
    }

    @Test func tooLargePayloadIsRefused() {
        var buffer = JitterBuffer(configuration: .init(maximumPayloadBytes: 4))
        let outcome = [UInt8](repeating: 0, count: 5).withUnsafeBytes { buffer.insert(sequence: 1, timestamp: 0, ssrc: 1, payload: $0) }
        #expect(outcome == .tooLarge)
    }

    @Test func aPausedSourcePrefetchesAgainInsteadOfConcealingForever() {
        var buffer = JitterBuffer(configuration: .init(depth: .fixed(frames: 1), pauseAfterMissingFrames: 3))
        Self.insert(&buffer, 1)
        #expect(Self.play(&buffer, ticks: 10) == [1, nil, nil, nil])
        #expect(buffer.isBuffering)
        Self.insert(&buffer, 200)
        #expect(Self.play(&buffer, ticks: 1) == [200])
    }
}
