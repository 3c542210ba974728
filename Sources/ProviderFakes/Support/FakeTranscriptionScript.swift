/// What a fake streaming speech-to-text server "hears": utterances it reports once enough audio has
/// arrived, so tests get the same results on every run.
public struct FakeUtterance: Sendable, Hashable {
    /// The words reported.
    public var text: String
    /// Reported once this many audio bytes (counted from the start of the stream) have arrived.
    public var afterAudioBytes: Int

    public init(_ text: String, afterAudioBytes: Int) {
        self.text = text
        self.afterAudioBytes = afterAudioBytes
    }
}

/// A scripted failure of a fake streaming speech-to-text server.
public enum FakeStreamingFault: Sendable, Hashable {
    /// Refuse the upgrade with this status, headers and body (401, 429 with retry-after, 500, 400).
    case rejectUpgrade(status: Int, headers: [String: String], body: String)
    /// Report the first utterance, then keep reading audio and never answer again.
    case stallAfterFirstResult
    /// Answer the first utterance's audio with bytes that are not JSON.
    case malformedJSON
    /// Report the first utterance, then drop the TCP connection without a close frame.
    case disconnectAfterFirstResult
    /// Report the first utterance only after this delay.
    case slowFirstResult(Duration)
    /// Close with this code and reason once the first audio arrives.
    case closeOnAudio(code: UInt16, reason: String)
}
