/// When the caller is considered done speaking. Two signals say so: the VAD's speech end (after the VAD's
/// own hangover) and an STT final that leaves no unfinalized words. Whichever comes first starts the clock:
/// - both signals present: respond `minimumDelay` after the speech end (at once when that has passed);
/// - speech ended but the transcript is not final: respond `maximumDelay` after the speech end with the
///   latest final and partial text;
/// - a final arrived but the VAD still hears sound (a noisy line): respond `maximumDelay` after the final.
public struct EndpointingSettings: Sendable, Hashable {
    public var minimumDelay: Duration
    public var maximumDelay: Duration

    public init(minimumDelay: Duration = .zero, maximumDelay: Duration = .milliseconds(1000)) {
        precondition(minimumDelay <= maximumDelay, "endpointing minimumDelay must not exceed maximumDelay")
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
    }
}

/// When caller speech over the agent interrupts it.
public struct BargeInSettings: Sendable, Hashable {
    /// Whether the caller can interrupt at all.
    public var enabled: Bool
    /// VAD speech must last this long to interrupt; shorter blips (a cough, "mm") are recorded and ignored.
    public var minimumSpeech: Duration
    /// A transcript (partial or final) with at least this many words interrupts at once; nil to rely on
    /// the VAD alone.
    public var minimumWords: Int?
    /// Whether the greeting can be interrupted.
    public var greetingInterruptible: Bool

    public init(enabled: Bool = true, minimumSpeech: Duration = .milliseconds(300), minimumWords: Int? = 3,
                greetingInterruptible: Bool = true) {
        self.enabled = enabled
        self.minimumSpeech = minimumSpeech
        self.minimumWords = minimumWords
        self.greetingInterruptible = greetingInterruptible
    }
}

/// What happens when the caller says nothing after the agent finished speaking.
public struct NoInputSettings: Sendable, Hashable {
    /// Silence this long after the agent finished triggers the next reprompt (or the goodbye).
    public var timeout: Duration
    /// Said in order, one per timeout; after the last one, the next timeout says goodbye and hangs up.
    public var reprompts: [String]

    public init(timeout: Duration = .seconds(8), reprompts: [String] = ["Are you still there?"]) {
        self.timeout = timeout
        self.reprompts = reprompts
    }
}

/// How keypad (DTMF) digits become a caller turn.
public struct KeypadSettings: Sendable, Hashable {
    /// The key that ends the digits at once; nil to rely on the inter-digit timeout alone.
    public var terminator: Character?
    /// Digits end after this long without another key.
    public var interDigitTimeout: Duration
    /// More digits than this in one turn are dropped (a stuck key cannot grow the buffer).
    public var maximumDigits: Int
    /// Put before the digits in the user message, so the model knows they were typed.
    public var messagePrefix: String

    public init(terminator: Character? = "#", interDigitTimeout: Duration = .seconds(3), maximumDigits: Int = 32,
                messagePrefix: String = "[keypad] ") {
        self.terminator = terminator
        self.interDigitTimeout = interDigitTimeout
        self.maximumDigits = maximumDigits
        self.messagePrefix = messagePrefix
    }
}
