import Agents

/// The three deadlines of a cloud TTS request (robustness.md: a silent provider must be noticed within
/// about 2 s, not after 20). Read from a provider entry's settings, in milliseconds.
public struct TTSDeadlines: Sendable, Hashable {
    /// TCP + TLS + HTTP request or WebSocket upgrade. YAML `settings.connect_timeout_ms`.
    public var connect: Duration
    /// Request sent → first audio byte. YAML `settings.first_audio_timeout_ms`.
    public var firstAudio: Duration
    /// Longest silence between two pieces of audio. YAML `settings.stall_timeout_ms`.
    public var stall: Duration

    /// Connect default: 3 s, a loaded TLS handshake across an ocean takes well under one.
    public static let defaultConnect = Duration.milliseconds(3000)
    /// First audio default: 4 s; streaming TTS vendors answer in 0.1–0.6 s.
    public static let defaultFirstAudio = Duration.milliseconds(4000)
    /// Stall default: 2 s, the detection budget of robustness.md.
    public static let defaultStall = Duration.milliseconds(2000)
    /// Smallest deadline a setting may give, so a typo cannot fail every request.
    static let minimumMilliseconds = 10

    public init(connect: Duration = defaultConnect, firstAudio: Duration = defaultFirstAudio, stall: Duration = defaultStall) {
        self.connect = connect
        self.firstAudio = firstAudio
        self.stall = stall
    }

    /// Reads the three settings; a value that is not a positive integer is a setup error.
    init(settings: TTSProviderConfig, provider: String) throws(ProviderSetupError) {
        func read(_ key: String, _ fallback: Duration) throws(ProviderSetupError) -> Duration {
            guard let raw = settings.settings[key] else { return fallback }
            guard let value = raw.intValue, value >= Self.minimumMilliseconds else {
                throw ProviderSetupError(provider: provider,
                                         problem: "settings.\(key) must be an integer of at least \(Self.minimumMilliseconds) (milliseconds)")
            }
            return .milliseconds(value)
        }
        self.init(connect: try read("connect_timeout_ms", Self.defaultConnect),
                  firstAudio: try read("first_audio_timeout_ms", Self.defaultFirstAudio),
                  stall: try read("stall_timeout_ms", Self.defaultStall))
    }
}
