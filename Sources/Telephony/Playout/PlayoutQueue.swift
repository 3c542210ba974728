import Conversation

/// The agent audio and marks of one call waiting to be sent, paced against real time: audio is released
/// only while what was already sent ends less than `lead` ahead of now, so the far end's buffer stays
/// small and `clear` loses little; a mark is released as soon as every byte before it was sent. Pure:
/// the caller passes `now` as a duration since any fixed origin.
struct PlayoutQueue {
    enum Item: Equatable {
        case audio(ArraySlice<UInt8>)
        case mark(MarkID)
    }

    /// Bytes of one 20 ms message in the stream's wire format.
    let frameBytes: Int
    /// Bytes per second of the wire format.
    let bytesPerSecond: Int
    let lead: Duration
    private var items: [Item] = []
    private var head = 0
    /// When the far end will have played everything sent so far.
    private var playedUntil: Duration?

    init(frameBytes: Int, bytesPerSecond: Int, lead: Duration) {
        self.frameBytes = frameBytes
        self.bytesPerSecond = bytesPerSecond
        self.lead = lead
    }

    var isEmpty: Bool { head == items.count }

    /// Queues audio, cut into messages of at most `frameBytes` (the last may be shorter).
    mutating func append(audio bytes: [UInt8]) {
        var start = 0
        while start < bytes.count {
            let end = min(start + frameBytes, bytes.count)
            items.append(.audio(bytes[start..<end]))
            start = end
        }
    }

    mutating func append(mark: MarkID) { items.append(.mark(mark)) }

    /// Drops everything queued; the far end's buffer is cleared too, so pacing restarts from now.
    mutating func clear() {
        items.removeAll(keepingCapacity: true)
        head = 0
        playedUntil = nil
    }

    /// The next item that may be sent at `now`, or nil (nothing queued, or audio must wait).
    mutating func next(at now: Duration) -> Item? {
        guard head < items.count else { return nil }
        let item = items[head]
        if case .audio(let bytes) = item {
            let playing = max(playedUntil ?? now, now)
            guard playing - now < lead else { return nil }
            playedUntil = playing + .microseconds(Int64(bytes.count) * 1_000_000 / Int64(bytesPerSecond))
        }
        head += 1
        if head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
        return item
    }
}
