import Media

/// The caller started or stopped speaking, as a voice-activity detector decided (after its own debounce
/// and hangover).
public enum SpeechActivityEdge: Sendable, Hashable {
    case started
    case ended
}

/// Per-frame voice-activity detection for one call: the session feeds it every inbound 20 ms frame, in
/// order, and turns the edges it reports into the turn machine's `vadSpeechStarted`/`vadSpeechEnded`.
///
/// Runs on the call's loop thread once per frame, so conformers must be allocation-free straight-line
/// code (`Media`'s VAD is; a two-line adapter makes it conform). Owned by the session; not shared between
/// calls, so it need not be `Sendable`.
public protocol SpeechActivityDetector {
    /// Classifies the next frame and returns the edge it completes, if any.
    mutating func speechEdge(after frame: AudioFrame) -> SpeechActivityEdge?
}
