import Agents
import Glibc
import Media
import Speech

/// The offline `pocketsphinx` speech-to-text provider: CMU PocketSphinx (Debian's libpocketsphinx with
/// the pocketsphinx-en-us model) decoding 16 kHz audio against a JSGF grammar built from the agent's
/// scripted intent phrases (`SpeechGrammar`), one decoder and worker thread per session.
///
/// **16 kHz only.** Measured here: with a grammar of the expected phrases pocketsphinx recognizes
/// espeak-ng sentences at 16 kHz word for word, and at 8 kHz (even upsampled to 16 kHz) almost
/// nothing. So a session for any other rate is refused with `badRequest` saying that 8 kHz telephony
/// needs a cloud STT. It suits the raw PCM endpoint and browsers, which deliver 16 kHz.
///
/// **Only the expected phrases.** The grammar allows exactly one known phrase per utterance; anything
/// else is heard as the nearest phrase or not at all. That is the price of recognizing anything offline.
public struct PocketSphinxSpeechToText: SpeechToText {
    /// Settings from the agent's `stt` entry.
    public struct Configuration: Sendable, Hashable {
        /// Debian's pocketsphinx-en-us acoustic model folder.
        public static let defaultModel = "/usr/share/pocketsphinx/model/en-us/en-us"
        /// Debian's pocketsphinx-en-us pronunciation dictionary (CMUdict).
        public static let defaultDictionary = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
        /// pocketsphinx's front end works on 10 ms frames (its `-frate 100`); 20 of them make 200 ms.
        public static let defaultPartialIntervalFrames = 20
        /// 500 frames of 20 ms: 10 s of audio waiting to be decoded means the machine cannot keep up.
        public static let defaultQueueCapacity = 500

        /// Acoustic model folder. YAML: `settings.model`.
        public var model: String
        /// Pronunciation dictionary. YAML: `settings.dictionary`.
        public var dictionary: String
        /// Words a capture may take. YAML: `settings.capture_words` (list, or map by capture name).
        public var captureVocabulary: CaptureVocabulary
        /// Most words one capture takes in the grammar (1…6). YAML: `settings.capture_max_words`. Default 2.
        public var maximumCaptureWords: Int
        /// More phrases to recognize, in intent-pattern syntax. YAML: `settings.phrases`.
        public var extraPhrases: [String]
        /// How often (in pocketsphinx's 10 ms frames) a changed partial hypothesis is reported.
        public var partialIntervalFrames: Int
        /// Frames a session may queue before it fails (see `FrameInbox`).
        public var queueCapacity: Int

        public init(model: String = Configuration.defaultModel, dictionary: String = Configuration.defaultDictionary,
                    captureVocabulary: CaptureVocabulary = CaptureVocabulary(), maximumCaptureWords: Int = 2,
                    extraPhrases: [String] = [], partialIntervalFrames: Int = Configuration.defaultPartialIntervalFrames,
                    queueCapacity: Int = Configuration.defaultQueueCapacity) {
            self.model = model
            self.dictionary = dictionary
            self.captureVocabulary = captureVocabulary
            self.maximumCaptureWords = maximumCaptureWords.clamped(to: 1...IntentPattern.maxCaptureWords)
            self.extraPhrases = extraPhrases
            self.partialIntervalFrames = partialIntervalFrames
            self.queueCapacity = queueCapacity
        }

        /// Reads the entry's settings.
        public init(settings: STTProviderConfig) {
            self.init(model: settings.string("model") ?? Self.defaultModel,
                      dictionary: settings.string("dictionary") ?? Self.defaultDictionary,
                      captureVocabulary: CaptureVocabulary(setting: settings.settings["capture_words"]),
                      maximumCaptureWords: settings.int("capture_max_words") ?? 2,
                      extraPhrases: settings.settings["phrases"]?.listValue?.compactMap(\.stringValue) ?? [])
        }
    }

    public let name = "pocketsphinx"
    public let configuration: Configuration
    /// The agent's intent phrases, in declaration order.
    public let phrases: [IntentPattern]
    let hooks: SessionHooks

    /// An adapter recognizing `dialogue`'s phrases (and the configured extra ones). Throws `badRequest`
    /// when the model or dictionary is missing (the pocketsphinx-en-us package is not installed).
    public init(dialogue: ScriptedDialogue?, configuration: Configuration = Configuration()) throws(ProviderError) {
        try self.init(dialogue: dialogue, configuration: configuration, hooks: SessionHooks())
    }

    init(dialogue: ScriptedDialogue?, configuration: Configuration, hooks: SessionHooks) throws(ProviderError) {
        for path in [configuration.model, configuration.dictionary] where access(path, R_OK) != 0 {
            throw .badRequest(detail: "pocketsphinx cannot read \(path); install Debian's pocketsphinx-en-us package "
                              + "or set settings.model and settings.dictionary")
        }
        self.configuration = configuration
        self.phrases = (dialogue?.intents ?? []).flatMap(\.patterns)
        self.hooks = hooks
    }

    /// What a session for a rate other than 16 kHz is refused with.
    public static func unsupportedRateMessage(_ rate: SampleRate) -> String {
        "pocketsphinx needs 16 kHz audio, and this stream is \(rate.hertz) Hz. 8 kHz telephony audio needs a cloud "
            + "speech-to-text provider (deepgram, assemblyai, speechmatics or openai): measured here, pocketsphinx "
            + "recognizes almost nothing at 8 kHz, even upsampled. Use pocketsphinx with the 16 kHz /pcm endpoint."
    }

    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        try await open(request)
    }

    /// `openSession` with the concrete session type (its `grammar` says what was left out).
    public func open(_ request: TranscriptionRequest) async throws(ProviderError) -> PocketSphinxSession {
        guard request.format.sampleRate == .hz16000 else {
            throw .badRequest(detail: Self.unsupportedRateMessage(request.format.sampleRate))
        }
        if configuration.model == Configuration.defaultModel, !request.language.lowercased().hasPrefix("en") {
            throw .badRequest(detail: "the installed pocketsphinx model is US English; language \(request.language) "
                              + "needs another model (settings.model) or a cloud STT")
        }
        var phrases = phrases
        for text in configuration.extraPhrases + request.hints {
            if let pattern = try? IntentPattern(parsing: text) { phrases.append(pattern) }
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<PocketSphinxSession, ProviderError>, Never>) in
            let started = PocketSphinxSession.start(configuration: configuration, phrases: phrases, hooks: hooks) {
                continuation.resume(returning: $0)
            }
            if !started { continuation.resume(returning: .failure(.overloaded)) }
        }
        return try result.get()
    }

    /// The grammar for `phrases`, or `badRequest` when none of them can be recognized.
    static func grammar(phrases: [IntentPattern], configuration: Configuration,
                        isKnownWord: (String) -> Bool) throws(ProviderError) -> SpeechGrammar {
        guard !phrases.isEmpty else {
            throw .badRequest(detail: "pocketsphinx has no phrases to listen for: give the agent scripted intents "
                              + "or settings.phrases")
        }
        guard let grammar = SpeechGrammar.build(phrases: phrases, vocabulary: configuration.captureVocabulary,
                                                maximumCaptureWords: configuration.maximumCaptureWords,
                                                isKnownWord: isKnownWord) else {
            throw .badRequest(detail: "none of the agent's phrases can be recognized: their words are not in "
                              + "the pocketsphinx dictionary \(configuration.dictionary)")
        }
        return grammar
    }
}
