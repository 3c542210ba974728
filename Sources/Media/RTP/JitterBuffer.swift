/// Reorders the RTP packets of one inbound stream by sequence number and releases one frame per 20 ms
/// playout tick: prefetches `depth` frames, reports a gap (`.missing`) where a packet never came so
/// the caller can conceal it, drops duplicates and packets whose frame was already played, follows
/// sequence wrap-around (16-bit sequences are extended to 64 bits), and restarts on a new SSRC or a
/// jump beyond its capacity. Adaptive depth grows after late packets and underruns and shrinks after a
/// long smooth stretch; when more than twice the target plus two frames are buffered (a burst after a
/// stall), the oldest frame is dropped so the delay comes back down.
///
/// Bounded and allocation-free after `init`: payloads live in `capacity` preallocated slots. Pure; one
/// per stream, owned by its stream.
public struct JitterBuffer: Sendable {
    public let configuration: JitterBufferConfiguration
    public private(set) var counters = JitterBufferCounters()
    /// Frames currently aimed for between arrival and playout.
    public private(set) var targetDepth: Int

    private var storage: [UInt8]
    private var lengths: [Int]          // -1: empty slot
    private var slotSequence: [Int64]
    private var slotTimestamp: [UInt32]
    private var ssrc: UInt32?
    private var highest: Int64?         // highest extended sequence seen
    private var lowestBuffered: Int64?  // while prefetching
    private var next: Int64?            // next frame to play, nil while prefetching
    private var bufferedCount = 0
    private var missingInARow = 0
    private var smoothFrames = 0

    public init(configuration: JitterBufferConfiguration = .init()) {
        self.configuration = configuration
        targetDepth = configuration.initialTarget
        storage = [UInt8](repeating: 0, count: configuration.capacity * configuration.maximumPayloadBytes)
        lengths = [Int](repeating: -1, count: configuration.capacity)
        slotSequence = [Int64](repeating: -1, count: configuration.capacity)
        slotTimestamp = [UInt32](repeating: 0, count: configuration.capacity)
    }

    /// Frames buffered and not yet played.
    public var count: Int { bufferedCount }
    /// True while prefetching (nothing is being played).
    public var isBuffering: Bool { next == nil }

    /// Stores one packet's payload.
    @discardableResult
    public mutating func insert(sequence: UInt16, timestamp: UInt32, ssrc: UInt32, payload: UnsafeRawBufferPointer) -> JitterBufferInsertOutcome {
        guard payload.count <= configuration.maximumPayloadBytes else {
            counters.tooLarge += 1
            return .tooLarge
        }
        var outcome = JitterBufferInsertOutcome.accepted
        if let current = self.ssrc, current != ssrc {
            restart()
            outcome = .restarted
        }
        self.ssrc = ssrc
        var extended = extend(sequence)
        let floor = next ?? lowestBuffered ?? extended
        if let next, extended < next, next - extended < Int64(configuration.capacity) {
            counters.late += 1
            grow()
            return .late
        }
        if extended - min(floor, extended) >= Int64(configuration.capacity) || floor - extended >= Int64(configuration.capacity) {
            restart()
            self.ssrc = ssrc
            outcome = .restarted
            extended = extend(sequence)
        }
        let slot = Int(extended % Int64(configuration.capacity))
        if lengths[slot] >= 0 {
            if slotSequence[slot] == extended {
                counters.duplicates += 1
                return .duplicate
            }
            bufferedCount -= 1  // an older frame never played (cannot happen within capacity, kept safe)
        }
        let base = slot * configuration.maximumPayloadBytes
        storage.withUnsafeMutableBytes { raw in
            if payload.count > 0 { (raw.baseAddress! + base).copyMemory(from: payload.baseAddress!, byteCount: payload.count) }
        }
        lengths[slot] = payload.count
        slotSequence[slot] = extended
        slotTimestamp[slot] = timestamp
        bufferedCount += 1
        highest = max(highest ?? extended, extended)
        if next == nil { lowestBuffered = min(lowestBuffered ?? extended, extended) }
        if outcome == .restarted { counters.restarts += 1 }
        counters.accepted += 1
        return outcome
    }

    /// The frame for this tick: its payload is copied into `payload` (resized, capacity kept).
    public mutating func pop(into payload: inout [UInt8]) -> JitterBufferOutput {
        if next == nil {
            guard let lowest = lowestBuffered, let highest, highest - lowest + 1 >= Int64(targetDepth) else { return .buffering }
            next = lowest
            lowestBuffered = nil
            missingInARow = 0
        }
        guard var position = next else { return .buffering }
        if bufferedCount > 2 * targetDepth + 2, case .frame = peek(position) {
            // Too much delay: skip the oldest buffered frame.
            discard(position)
            counters.droppedForDelay += 1
            position += 1
        }
        next = position + 1
        let slot = Int(position % Int64(configuration.capacity))
        guard lengths[slot] >= 0, slotSequence[slot] == position else {
            counters.concealed += 1
            missingInARow += 1
            smoothFrames = 0
            if missingInARow >= configuration.pauseAfterMissingFrames, bufferedCount == 0 {
                next = nil  // the source paused: prefetch again when it resumes
                grow()
            }
            return .missing(sequence: UInt16(truncatingIfNeeded: position))
        }
        let length = lengths[slot]
        payload.removeAll(keepingCapacity: true)
        storage.withUnsafeBytes { raw in
            let start = slot * configuration.maximumPayloadBytes
            payload.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)]))
        }
        lengths[slot] = -1
        bufferedCount -= 1
        missingInARow = 0
        counters.played += 1
        smoothFrames += 1
        if smoothFrames >= JitterBufferConfiguration.shrinkAfterFrames { shrink() }
        return .frame(sequence: UInt16(truncatingIfNeeded: position), timestamp: slotTimestamp[slot])
    }

    /// Drops everything (the stream was cleared or re-negotiated).
    public mutating func reset() {
        restart()
        targetDepth = configuration.initialTarget
    }

    private func peek(_ position: Int64) -> JitterBufferOutput {
        let slot = Int(position % Int64(configuration.capacity))
        return lengths[slot] >= 0 && slotSequence[slot] == position
            ? .frame(sequence: UInt16(truncatingIfNeeded: position), timestamp: slotTimestamp[slot]) : .buffering
    }

    private mutating func discard(_ position: Int64) {
        let slot = Int(position % Int64(configuration.capacity))
        lengths[slot] = -1
        bufferedCount -= 1
    }

    /// The 64-bit sequence closest to the highest seen (wrap-around aware).
    private mutating func extend(_ sequence: UInt16) -> Int64 {
        guard let highest else {
            // Start far from zero so the extended value never goes negative.
            let start = Int64(1) << 32 + Int64(sequence)
            return start
        }
        let delta = Int16(bitPattern: sequence &- UInt16(truncatingIfNeeded: highest))
        return highest + Int64(delta)
    }

    private mutating func restart() {
        for index in lengths.indices { lengths[index] = -1 }
        ssrc = nil
        highest = nil
        lowestBuffered = nil
        next = nil
        bufferedCount = 0
        missingInARow = 0
        smoothFrames = 0
    }

    private mutating func grow() {
        guard case .adaptive(_, let maximum) = configuration.depth else { return }
        targetDepth = min(maximum, targetDepth + 1)
        smoothFrames = 0
    }

    private mutating func shrink() {
        smoothFrames = 0
        guard case .adaptive(let minimum, _) = configuration.depth else { return }
        targetDepth = max(minimum, targetDepth - 1)
    }
}
