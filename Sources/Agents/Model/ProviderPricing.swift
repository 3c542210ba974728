/// What a provider costs, from the `pricing` mapping of its entry, in whole micro-dollars (10⁻⁶ USD) per
/// unit block so that costs are exact integers. Each layer prices its own unit: LLM tokens (per million
/// input and output), TTS characters (per million), STT audio (per minute). Nil: no price given.
public struct ProviderPricing: Sendable, Hashable {
    /// `input_per_million_tokens`.
    public var inputPerMillionTokensMicros: Int64?
    /// `output_per_million_tokens`.
    public var outputPerMillionTokensMicros: Int64?
    /// `per_million_characters`.
    public var perMillionCharactersMicros: Int64?
    /// `per_audio_minute`.
    public var perAudioMinuteMicros: Int64?

    public init(inputPerMillionTokensMicros: Int64? = nil, outputPerMillionTokensMicros: Int64? = nil,
                perMillionCharactersMicros: Int64? = nil, perAudioMinuteMicros: Int64? = nil) {
        self.inputPerMillionTokensMicros = inputPerMillionTokensMicros
        self.outputPerMillionTokensMicros = outputPerMillionTokensMicros
        self.perMillionCharactersMicros = perMillionCharactersMicros
        self.perAudioMinuteMicros = perAudioMinuteMicros
    }

    /// Whether no price is given.
    public var isEmpty: Bool { self == ProviderPricing() }
}
