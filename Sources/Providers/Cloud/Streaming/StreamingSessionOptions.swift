import Agents

/// Deadlines, limits and keep-alive shared by the WebSocket speech-to-text adapters, read from the
/// common settings keys (`connect_timeout_ms`, `first_result_timeout_ms`, `stall_timeout_ms`,
/// `finish_timeout_ms`, `keepalive_ms`, `max_buffered_ms`).
public struct StreamingSessionOptions: Sendable, Hashable {
    /// TCP, TLS and the upgrade each get this long (`.timeout(.connecting)`).
    public var connectTimeout: Duration = .seconds(5)
    /// Speech sent and no result within this: `.timeout(.firstResponse)` (robustness.md: a silent STT
    /// must be noticed within about 2 s of speech; 3 s leaves room for a slow first result).
    public var firstResultTimeout: Duration = .seconds(3)
    /// After the first result, speech sent and nothing back within this: `.timeout(.midStream)`.
    public var stallTimeout: Duration = .seconds(3)
    /// After `finishAudio()`, the provider's last results and close must come within this.
    public var finishTimeout: Duration = .seconds(5)
    /// How often idle time is checked for a keep-alive message (Deepgram: every 3–5 s, and it closes
    /// after 10 s with neither audio nor KeepAlive).
    public var keepAliveInterval: Duration = .seconds(4)
    /// Audio held while the socket is back-pressured or not yet flushed, in milliseconds of audio;
    /// past it `send` throws `.connectionLost` and the session fails with `.overloaded`.
    public var maxBufferedMilliseconds = 5_000

    public init() {}

    /// Reads the common keys from `settings`, keeping the defaults for keys not given.
    static func read<Kind>(_ reader: ProviderSettingsReader<Kind>) throws(ProviderSetupError) -> StreamingSessionOptions {
        var options = StreamingSessionOptions()
        options.connectTimeout = try reader.milliseconds("connect_timeout_ms", default: 5_000, in: 1...60_000)
        options.firstResultTimeout = try reader.milliseconds("first_result_timeout_ms", default: 3_000, in: 1...60_000)
        options.stallTimeout = try reader.milliseconds("stall_timeout_ms", default: 3_000, in: 1...60_000)
        options.finishTimeout = try reader.milliseconds("finish_timeout_ms", default: 5_000, in: 1...60_000)
        options.keepAliveInterval = try reader.milliseconds("keepalive_ms", default: 4_000, in: 1...60_000)
        options.maxBufferedMilliseconds = try reader.int("max_buffered_ms", default: 5_000, in: 100...60_000)
        return options
    }
}
