import Net

/// One Twilio call's state, touched only on its loop (inside its `CallerLoop`).
final class CallState {
    let index: Int
    let streamSid: String
    let callSid: String
    let slot: Int
    let connection: WebSocketClientConnection
    /// Frames sent so far; the next frame's position in the cycle is `frame % framesPerCycle`.
    var frame = 0
    /// Twilio numbers every message it sends on a stream.
    var sequence = 1
    /// Monotonic nanoseconds at which the agent audio received so far has finished playing.
    var playEnd: UInt64 = 0
    var pendingMarks: [(name: String, timer: TimerHandle)] = []
    var stopping = false
    var reply = ReplyWindow()

    init(index: Int, slot: Int, connection: WebSocketClientConnection) {
        self.index = index
        self.slot = slot
        self.connection = connection
        streamSid = "MZbench\(index)"
        callSid = "CAbench\(index)"
    }

    func nextSequence() -> Int {
        sequence += 1
        return sequence
    }
}

/// From the end of the caller's words to the start of their next words: the agent's reply, if any.
struct ReplyWindow {
    /// Monotonic nanoseconds at which the caller's words ended; nil before the first turn.
    var speechEnd: UInt64?
    /// Whether the window opened inside the measured window (only those are counted).
    var measured = false
    var firstAudio: UInt64?
    var lastAudio: UInt64?
    var audioBytes = 0
}

/// What one loop's calls measured; summed over loops at the end.
struct CallerTotals: Sendable {
    var opened = 0
    var closedEarly = 0
    /// End of the caller's words → first agent `media` message, milliseconds, measured windows only.
    var firstAudioMilliseconds: [Double] = []
    var turnsMeasured = 0
    var unanswered = 0
    /// Gaps between consecutive agent `media` messages of one reply, and those over the limit.
    var gaps = 0
    var lateGaps = 0
    var largestGapMilliseconds = 0.0
    /// Agent audio that arrived more than a frame after the caller's playback buffer ran dry, and the
    /// silence heard in total.
    var underruns = 0
    var underrunMilliseconds = 0.0
    /// Agent audio per answered reply, milliseconds.
    var replyAudioMilliseconds: [Double] = []
    var mediaSent = 0
    var mediaReceived = 0
    var marksAnswered = 0
    var clears = 0

    mutating func add(_ other: CallerTotals) {
        opened += other.opened
        closedEarly += other.closedEarly
        firstAudioMilliseconds += other.firstAudioMilliseconds
        turnsMeasured += other.turnsMeasured
        unanswered += other.unanswered
        gaps += other.gaps
        lateGaps += other.lateGaps
        largestGapMilliseconds = max(largestGapMilliseconds, other.largestGapMilliseconds)
        underruns += other.underruns
        underrunMilliseconds += other.underrunMilliseconds
        replyAudioMilliseconds += other.replyAudioMilliseconds
        mediaSent += other.mediaSent
        mediaReceived += other.mediaReceived
        marksAnswered += other.marksAnswered
        clears += other.clears
    }

    /// What happened since `earlier` (counters subtracted, samples after its last one).
    func minus(_ earlier: CallerTotals) -> CallerTotals {
        var result = self
        result.opened -= earlier.opened
        result.closedEarly -= earlier.closedEarly
        result.firstAudioMilliseconds = Array(firstAudioMilliseconds.dropFirst(earlier.firstAudioMilliseconds.count))
        result.turnsMeasured -= earlier.turnsMeasured
        result.unanswered -= earlier.unanswered
        result.gaps -= earlier.gaps
        result.lateGaps -= earlier.lateGaps
        result.underruns -= earlier.underruns
        result.underrunMilliseconds -= earlier.underrunMilliseconds
        result.replyAudioMilliseconds = Array(replyAudioMilliseconds.dropFirst(earlier.replyAudioMilliseconds.count))
        result.mediaSent -= earlier.mediaSent
        result.mediaReceived -= earlier.mediaReceived
        result.marksAnswered -= earlier.marksAnswered
        result.clears -= earlier.clears
        return result
    }
}
