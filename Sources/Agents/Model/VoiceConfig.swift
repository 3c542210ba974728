/// How the agent sounds: a voice name understood by the TTS providers (each provider entry may
/// override it with its own `settings.voice`) and a speaking rate.
public struct VoiceConfig: Sendable, Hashable {
    /// `speaking_rate` bounds: slower than half speed or faster than double is unintelligible.
    public static let speakingRateRange: ClosedRange<Double> = 0.5...2.0

    /// The voice name; nil lets each provider use its default.
    public var name: String?
    /// 1.0 is the provider's normal rate. Default 1.0.
    public var speakingRate: Double

    /// Creates a voice; the defaults are the provider's default voice at normal speed.
    public init(name: String? = nil, speakingRate: Double = 1.0) {
        self.name = name
        self.speakingRate = speakingRate
    }
}
