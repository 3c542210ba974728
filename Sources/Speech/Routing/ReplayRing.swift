import Media

/// The caller's frames since the last final transcript, in a fixed ring, so a speech-to-text session that
/// takes over after a failure is sent the words the failed one never finalized. Appending stores a
/// reference to the frame's samples (no copy).
struct ReplayRing: Sendable {
    private var ring: [AudioFrame?]
    private var start = 0
    private(set) var count = 0

    init(capacity: Int) {
        ring = [AudioFrame?](repeating: nil, count: max(1, capacity))
    }

    /// Keeps `frame`, forgetting the oldest one when full.
    mutating func append(_ frame: AudioFrame) {
        ring[(start + count) % ring.count] = frame
        if count == ring.count {
            start = (start + 1) % ring.count
        } else {
            count += 1
        }
    }

    /// Forgets every frame (a final transcript covered them).
    mutating func removeAll() {
        for offset in 0..<count { ring[(start + offset) % ring.count] = nil }
        start = 0
        count = 0
    }

    /// The kept frames, oldest first.
    var frames: [AudioFrame] { (0..<count).compactMap { ring[(start + $0) % ring.count] } }
}
