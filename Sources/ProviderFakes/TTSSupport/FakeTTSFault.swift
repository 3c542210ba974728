/// A fault a fake TTS server plays instead of (or in the middle of) a normal answer. Scripted per
/// request: each request (or Cartesia context) takes the next scripted fault, then faults run out and
/// requests succeed.
public enum FakeTTSFault: Sendable, Equatable {
    /// Answer with this HTTP status (or, on a WebSocket, an in-band error with this `status_code`),
    /// the vendor's error body carrying `message`, and `Retry-After` seconds when given.
    case status(Int, message: String, retryAfterSeconds: Int? = nil)
    /// Send the first audio piece, then nothing more while keeping the connection open.
    case stallAfterFirstChunk
    /// Send a message the vendor's format does not allow: bad base64 in the audio field.
    case malformedAudio
    /// Send text that is not JSON at all.
    case malformedJSON
    /// Send the first audio piece, then drop the connection without ending the stream properly.
    case disconnectMidStream
    /// Wait this long before the first byte of the answer.
    case slowFirstBytes(Duration)
}

/// How a fake cuts its audio into pieces on the wire.
public struct FakeAudioPacing: Sendable, Equatable {
    /// Bytes per piece (odd sizes split samples across pieces on purpose).
    public var pieceBytes: Int
    /// Pause between pieces, so the client really receives them apart.
    public var interval: Duration
    /// Wait before the answer starts (a real provider's time to first audio); a `slowFirstBytes`
    /// fault replaces it.
    public var firstAudioDelay: Duration

    public init(pieceBytes: Int = 1601, interval: Duration = .milliseconds(2), firstAudioDelay: Duration = .zero) {
        self.pieceBytes = max(1, pieceBytes)
        self.interval = interval
        self.firstAudioDelay = firstAudioDelay
    }

    /// Splits `audio` into pieces of `pieceBytes`.
    public func pieces(of audio: [UInt8]) -> [[UInt8]] {
        stride(from: 0, to: audio.count, by: pieceBytes).map { Array(audio[$0..<min(audio.count, $0 + pieceBytes)]) }
    }
}
