/// One server message of Deepgram's live `/v1/listen` WebSocket, as `DeepgramMessageDecoder` reads it.
/// Field names follow Deepgram's "Live Audio" AsyncAPI (protocols.md §3).
public enum DeepgramMessage: Sendable, Hashable {
    /// `Results`: the first alternative of a time slice.
    case results(DeepgramResult)
    /// `SpeechStarted` (with `vad_events=true`): seconds since the stream began.
    case speechStarted(timestamp: Double?)
    /// `UtteranceEnd` (with `utterance_end_ms`): the end of the last word, in stream seconds.
    case utteranceEnd(lastWordEnd: Double?)
    /// `Metadata`: sent last, after `CloseStream`.
    case metadata(requestID: String?)
    /// `Error` (sent by some deployments before closing): Deepgram's description.
    case error(String)
    /// A message type this adapter does not use (`Warning`, newer additions); ignored.
    case other(type: String)
}

/// The part of a `Results` message a transcription needs.
public struct DeepgramResult: Sendable, Hashable {
    public var transcript: String
    public var confidence: Double?
    /// This time slice will not be revised.
    public var isFinal: Bool
    /// Deepgram's endpointing detected the end of speech.
    public var speechFinal: Bool
    /// Start and length of the slice, in seconds of audio since the stream began.
    public var start: Double?
    public var duration: Double?

    public init(transcript: String, confidence: Double?, isFinal: Bool, speechFinal: Bool, start: Double? = nil,
                duration: Double? = nil) {
        self.transcript = transcript
        self.confidence = confidence
        self.isFinal = isFinal
        self.speechFinal = speechFinal
        self.start = start
        self.duration = duration
    }
}
