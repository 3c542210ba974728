import Media

/// A streaming speech-to-text provider: opens one transcription session per caller stream.
///
/// Contract for every adapter:
/// - `openSession` connects (and authenticates) before it returns, or throws the `ProviderError` that
///   stopped it, within the adapter's connect deadline (`.timeout(.connecting)`). It never hangs.
/// - Adapters hold no call state beyond the sessions they return; one adapter value serves many calls.
/// - Conformance: every adapter passes the STT conformance suite, cancellation mid-utterance included.
public protocol SpeechToText: Sendable {
    /// A short stable name for logs, metrics labels and call records (`"deepgram"`, `"pocketsphinx"`).
    var name: String { get }

    /// Opens a session that will receive `request.format` audio frames.
    func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession

    /// The most buffered audio a fallback router may replay into a new session of this provider at once
    /// (the caller's words since the last final, sent faster than real time). Nil: no limit. A provider
    /// that refuses audio faster than real time (AssemblyAI closes with 3007) sets a small limit.
    var replayLimit: Duration? { get }
}

extension SpeechToText {
    /// No limit by default.
    public var replayLimit: Duration? { nil }
}

/// One live transcription stream: audio frames go in, `TranscriptEvent`s come out.
///
/// - **Who cancels.** The owner (the call's session) calls `cancel()`, or cancels the task iterating
///   `events`, or drops the stream. Any of the three must stop the work: the adapter closes the socket /
///   aborts the request before the stream's `onTermination` returns, and sends nothing afterwards.
/// - **What the stream yields.** Zero or more `speechStarted`, `partial`, `final` and `utteranceEnd`
///   events in the order the provider produced them, then either ends (after `finishAudio()` and the
///   provider's last result) or yields exactly one `failed` and ends. Nothing follows `failed`.
/// - **Deadlines.** Speech sent with no result within the adapter's deadline is a failure
///   (`.timeout(.firstResponse)` / `.timeout(.midStream)`), never silence: an open socket that stopped
///   answering is the failure callers suffer most.
/// - **Backpressure.** `send` never blocks; the adapter keeps a bounded buffer and throws
///   `.connectionLost` when it is closed or full.
public protocol TranscriptionSession: Sendable {
    /// The session's results. Single consumer.
    var events: AsyncStream<TranscriptEvent> { get }

    /// Queues one frame (at `TranscriptionRequest.format.sampleRate`) for sending. Cheap enough to call
    /// once per 20 ms frame on the call's loop thread.
    func send(_ frame: AudioFrame) throws(ProviderError)

    /// No more audio: the provider flushes what it heard (final results arrive), then the stream ends.
    func finishAudio()

    /// Stops the session now: socket closed, pending results dropped, `events` ends.
    func cancel()

    /// The consumer judged the provider failed although its stream looks alive (speech was heard and it
    /// gave no result within the consumer's deadline). A session that can replace its provider (a
    /// router's) does so, replaying the recent audio into the next provider, and returns true; every
    /// other session returns false (the default) and the consumer reopens it.
    func replaceProvider(after error: ProviderError) -> Bool
}

extension TranscriptionSession {
    public func replaceProvider(after error: ProviderError) -> Bool { false }
}

/// What a transcription session is opened with.
public struct TranscriptionRequest: Sendable, Hashable {
    /// The audio the session receives: frames at `format.sampleRate`; `format.encoding` is what the
    /// adapter sends on the wire (it encodes the PCM frames itself).
    public var format: AudioFormat
    /// BCP 47 language tag, such as `en-US`.
    public var language: String
    /// Words and phrases to favour (names, product terms), when the provider supports hints.
    public var hints: [String]

    public init(format: AudioFormat, language: String = "en-US", hints: [String] = []) {
        self.format = format
        self.language = language
        self.hints = hints
    }
}

/// What a transcription session reports.
public enum TranscriptEvent: Sendable, Hashable {
    /// The provider heard speech begin (its own voice-activity detection).
    case speechStarted
    /// An interim hypothesis of the words since the last `final`; later partials and the next `final`
    /// replace it. Never committed to history on its own except at an endpoint timeout.
    case partial(String)
    /// A finalized transcript segment: the provider will not revise these words. Consecutive finals are
    /// consecutive pieces of the caller's speech (join them with a space). `confidence` is in 0…1 when the
    /// provider reports one.
    case final(String, confidence: Double?)
    /// The provider detected the end of an utterance (a gap after the last word).
    case utteranceEnd
    /// The session failed; the last event of the stream.
    case failed(ProviderError)
}
