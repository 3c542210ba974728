/// How deep a `JitterBuffer` plays and how much it may hold.
public struct JitterBufferConfiguration: Sendable, Equatable {
    /// Frames held before playout starts (and targeted while playing).
    public enum Depth: Sendable, Equatable {
        /// Always this many frames.
        case fixed(frames: Int)
        /// Starts at `minimumFrames`; one more after each late packet or underrun, one less after
        /// `JitterBufferConfiguration.shrinkAfterFrames` smooth frames, never outside the bounds.
        case adaptive(minimumFrames: Int, maximumFrames: Int)
    }

    /// Default capacity: 1 s of 20 ms frames. Anything further ahead is a discontinuity, not jitter.
    public static let defaultCapacity = 50
    /// Default largest payload: a G.711 frame of 60 ms, or any 20 ms Opus packet (RFC 6716 caps a
    /// frame at 1275 bytes).
    public static let defaultMaximumPayloadBytes = 1276
    /// Default depth: 2–8 frames (40–160 ms), adaptive.
    public static let defaultDepth = Depth.adaptive(minimumFrames: 2, maximumFrames: 8)
    /// Smooth frames (no late packet, no underrun) before an adaptive buffer gets one frame shallower: 10 s.
    public static let shrinkAfterFrames = 500
    /// Missing frames in a row, with nothing buffered behind them, after which the source is taken to
    /// have paused (hold, silence suppression) and the buffer goes back to prefetching.
    public static let defaultPauseAfterMissingFrames = 5

    public var capacity: Int
    public var maximumPayloadBytes: Int
    public var depth: Depth
    public var pauseAfterMissingFrames: Int

    public init(capacity: Int = defaultCapacity, maximumPayloadBytes: Int = defaultMaximumPayloadBytes,
                depth: Depth = defaultDepth, pauseAfterMissingFrames: Int = defaultPauseAfterMissingFrames) {
        self.capacity = max(2, capacity)
        self.maximumPayloadBytes = max(1, maximumPayloadBytes)
        switch depth {
        case .fixed(let frames):
            self.depth = .fixed(frames: min(max(1, frames), self.capacity - 1))
        case .adaptive(let low, let high):
            let minimum = min(max(1, low), self.capacity - 1)
            self.depth = .adaptive(minimumFrames: minimum, maximumFrames: min(max(minimum, high), self.capacity - 1))
        }
        self.pauseAfterMissingFrames = max(1, pauseAfterMissingFrames)
    }

    var initialTarget: Int {
        switch depth {
        case .fixed(let frames): frames
        case .adaptive(let minimum, _): minimum
        }
    }
}

/// What `JitterBuffer.insert` did with a packet.
public enum JitterBufferInsertOutcome: Sendable, Equatable {
    case accepted
    /// The same sequence number is already buffered.
    case duplicate
    /// Its frame was already played (or concealed).
    case late
    /// Payload larger than the configured maximum: dropped.
    case tooLarge
    /// A new SSRC, or a sequence jump beyond the capacity: everything buffered was dropped and the
    /// buffer restarted from this packet.
    case restarted
}

/// What `JitterBuffer.pop` yields for one 20 ms playout tick.
public enum JitterBufferOutput: Sendable, Equatable {
    /// The payload of this frame was copied out.
    case frame(sequence: UInt16, timestamp: UInt32)
    /// This frame is missing: conceal it.
    case missing(sequence: UInt16)
    /// Prefetching (or paused): nothing to play yet.
    case buffering
}

/// Counters of a `JitterBuffer`, for metrics and RTCP.
public struct JitterBufferCounters: Sendable, Equatable {
    public var accepted = 0
    public var duplicates = 0
    public var late = 0
    public var tooLarge = 0
    public var restarts = 0
    public var played = 0
    public var concealed = 0
    /// Frames dropped to bring the delay back to the target.
    public var droppedForDelay = 0
    public init() {}
}
