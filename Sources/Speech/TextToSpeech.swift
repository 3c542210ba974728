/// A streaming text-to-speech provider: turns one piece of text (a whole sentence, as the reply's
/// sentences become ready) into audio in a stated format.
///
/// Contract for every adapter:
/// - **Input.** Callers send whole sentences as they complete, one `synthesize` per sentence, in speaking
///   order, possibly before the previous sentence's audio has finished; the caller (not the adapter)
///   plays results in request order. Adapters may reuse one connection or context for a call's sentences
///   (and use `previousText` for prosody) but must keep each sentence's audio in its own stream.
/// - **What the stream yields.** `audio` chunks in playback order, exactly in `request.format` and made
///   of whole samples, then exactly one terminal event: `done` or `failed`. Nothing follows it.
/// - **Who cancels.** The owner cancels the task iterating the stream, or drops it (barge-in does this).
///   Either must stop the work: `onTermination` aborts the request or closes the provider context, and
///   no more audio is produced or billed for it.
/// - **Deadlines.** No first chunk, or a stall between chunks, within the adapter's deadlines is
///   `failed(.timeout(...))`, never an open stream that stays silent.
public protocol TextToSpeech: Sendable {
    /// A short stable name for logs, metrics labels and call records (`"cartesia"`, `"espeak"`).
    var name: String { get }

    /// Starts synthesizing. Returns at once; the request runs while the stream is iterated.
    func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent>
}

/// What a text-to-speech stream is asked to say.
public struct SynthesisRequest: Sendable, Hashable {
    /// The text to speak: normally one whole sentence.
    public var text: String
    /// The provider's voice identifier, from the agent's configuration.
    public var voice: String
    /// The exact format the audio must come back in.
    public var format: AudioFormat
    /// BCP 47 language tag, such as `en-US`.
    public var language: String
    /// The reply's text spoken just before this one, for providers that use it to keep prosody.
    public var previousText: String?

    public init(text: String, voice: String, format: AudioFormat, language: String = "en-US",
                previousText: String? = nil) {
        self.text = text
        self.voice = voice
        self.format = format
        self.language = language
        self.previousText = previousText
    }
}

/// What a text-to-speech stream reports.
public enum SynthesisEvent: Sendable, Hashable {
    /// The next piece of audio, in playback order.
    case audio(AudioChunk)
    /// All audio for the request was delivered.
    case done
    /// The stream failed; the last event.
    case failed(ProviderError)
}
