import Net

/// The network every cloud adapter of a server shares: the event loops that carry provider WebSockets
/// (Deepgram, AssemblyAI, Cartesia, ElevenLabs) and one libcurl streaming client for provider HTTP
/// (chat completions, speech, batch transcription). Built once by the executable (or a test) and passed
/// to each adapter's initializer; adapters keep no call state, so one adapter value serves every call.
public struct ProviderNetwork: Sendable {
    /// Loops for provider WebSocket connections (normally the server's own loops, so a call's STT socket
    /// lives on the same thread as its media).
    public let loops: EventLoopGroup
    /// The shared HTTP client (one curl thread, one connection cache).
    public let http: StreamingHTTPClient
    /// Whom `wss://` connections trust; nil is the system store. Tests pass their own CA.
    public let webSocketTrust: TLSClientContext?

    public init(loops: EventLoopGroup, http: StreamingHTTPClient, webSocketTrust: TLSClientContext? = nil) {
        self.loops = loops
        self.http = http
        self.webSocketTrust = webSocketTrust
    }
}
