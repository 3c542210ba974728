/// When the caller's turn ends, when the caller may interrupt, and what happens on silence and on
/// long calls. All durations in milliseconds unless named otherwise.
public struct TurnTakingConfig: Sendable, Hashable {
    /// Silence (from VAD) that ends the caller's turn. Default 600.
    public var endpointingSilenceMs: Int
    /// An STT final transcript ends the turn, but never before this much silence. Default 200.
    public var minEndpointingMs: Int
    /// Once the turn has ended on silence, the longest wait for the STT final before answering from
    /// the latest partial transcript. Default 2500.
    public var maxEndpointingMs: Int
    /// Whether the caller can interrupt the agent. Default true.
    public var bargeIn: Bool
    /// Caller speech (VAD) that must last this long before it interrupts the agent. Default 300.
    public var bargeInMinSpeechMs: Int
    /// Silence after the agent finished speaking before a reprompt. Default 8000.
    public var noInputTimeoutMs: Int
    /// Reprompts before the polite hang-up (`recovery.no_input_goodbye`). Default 2.
    public var noInputReprompts: Int
    /// Said in turn on each reprompt (cycling). Default `["Are you still there?"]`.
    public var repromptPhrases: [TextTemplate]
    /// The longest a call may last, in seconds, before `recovery.max_duration_goodbye`. Default 1800.
    public var maxCallSeconds: Int

    /// Allowed ranges, checked when loading (named so messages and docs quote the same numbers).
    public enum Limits {
        public static let endpointingSilenceMs = 100...5_000
        public static let minEndpointingMs = 0...5_000
        public static let maxEndpointingMs = 100...10_000
        public static let bargeInMinSpeechMs = 0...5_000
        public static let noInputTimeoutMs = 1_000...120_000
        public static let noInputReprompts = 0...10
        /// Ten seconds to a day.
        public static let maxCallSeconds = 10...86_400
    }

    /// Creates settings; every argument defaults to the documented default.
    public init(endpointingSilenceMs: Int = 600, minEndpointingMs: Int = 200, maxEndpointingMs: Int = 2_500,
                bargeIn: Bool = true, bargeInMinSpeechMs: Int = 300, noInputTimeoutMs: Int = 8_000,
                noInputReprompts: Int = 2,
                repromptPhrases: [TextTemplate] = [TextTemplate("Are you still there?")],
                maxCallSeconds: Int = 1_800) {
        self.endpointingSilenceMs = endpointingSilenceMs
        self.minEndpointingMs = minEndpointingMs
        self.maxEndpointingMs = maxEndpointingMs
        self.bargeIn = bargeIn
        self.bargeInMinSpeechMs = bargeInMinSpeechMs
        self.noInputTimeoutMs = noInputTimeoutMs
        self.noInputReprompts = noInputReprompts
        self.repromptPhrases = repromptPhrases
        self.maxCallSeconds = maxCallSeconds
    }
}
