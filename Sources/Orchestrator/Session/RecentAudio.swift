import Media

/// The caller's most recent inbound frames since the last final transcript, in a fixed ring, so a new STT
/// session (after the previous one failed) can be sent the words the failed one never finalized.
/// Appending stores a reference to the frame's samples: no allocation on the per-frame path.
struct RecentAudio {
    private var ring: [AudioFrame?]
    private var start = 0
    private(set) var count = 0

    init(capacity: Int) {
        ring = [AudioFrame?](repeating: nil, count: max(1, capacity))
    }

    var capacity: Int { ring.count }

    /// Keeps `frame`, forgetting the oldest one when full.
    mutating func append(_ frame: AudioFrame) {
        let end = (start + count) % ring.count
        ring[end] = frame
        if count == ring.count {
            start = (start + 1) % ring.count
        } else {
            count += 1
        }
    }

    /// Forgets every frame (the audio so far has been transcribed).
    mutating func removeAll() {
        for offset in 0..<count { ring[(start + offset) % ring.count] = nil }
        start = 0
        count = 0
    }

    /// Calls `body` with each kept frame, oldest first, until it throws.
    func forEach<E: Error>(_ body: (AudioFrame) throws(E) -> Void) throws(E) {
        for offset in 0..<count {
            if let frame = ring[(start + offset) % ring.count] { try body(frame) }
        }
    }
}
