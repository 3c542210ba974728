import Net
import Speech
import Wire

/// What one vendor's streaming speech-to-text WebSocket contributes to a `WebSocketTranscriptionSession`:
/// how its messages read, which control messages it takes, and how its close codes map to failures.
/// Everything else (sending, deadlines, keep-alive, cancellation) is shared.
protocol StreamingTranscriptionDialect: Sendable {
    /// Reads one text message from the provider. Pure.
    func decode(_ text: [UInt8]) -> StreamingDialectOutcome
    /// Sent as a text message when no audio went out for a keep-alive interval; nil: none.
    var keepAliveMessage: String? { get }
    /// Sent as a text message on `finishAudio()`, after the remaining audio.
    var finishMessage: String { get }
    /// Audio goes out in messages of a whole number of these bytes (1 for any size); the last piece
    /// before `finishMessage` is padded with silence to this size.
    func chunkBytes(for format: AudioFormat) -> Int
    /// The failure the provider's close frame means (nil: a normal close).
    func failure(closeCode: WebSocketCloseCode?, reason: String) -> ProviderError?
}

/// What one provider message means to the session.
enum StreamingDialectOutcome: Sendable, Equatable {
    /// Events to yield (possibly none: metadata, a session id, an empty interim). `countsAsResult`: a
    /// transcript result (even an empty one), which meets the result deadline; voice-activity events do not.
    case events([TranscriptEvent], countsAsResult: Bool)
    /// The provider confirmed the end of the stream (after our finish message): end cleanly now.
    case ended
    /// The provider reported an error in a message (it will close next).
    case failed(ProviderError)
}
