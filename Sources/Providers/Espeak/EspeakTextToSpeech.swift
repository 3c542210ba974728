import Agents
import Media
import Speech

/// The offline `espeak` text-to-speech provider: runs Debian's `espeak-ng` once per sentence and
/// streams its audio as it is produced, converted to the requested rate.
///
/// - **Format.** espeak-ng writes 16-bit PCM at 22 050 Hz; the adapter resamples (speexdsp) to the
///   request's rate and yields `linear16` chunks of `chunkDuration`. Other encodings are refused with
///   `badRequest` (encode G.711 after the fact).
/// - **Process.** One `espeak-ng` child per request, on its own reader thread; its output is read as it
///   arrives and handed on with backpressure (a few chunks ahead of the consumer), so a long text never
///   sits in memory. Cancelling or dropping the stream kills the child with SIGKILL at once and reaps it.
/// - **Errors.** espeak-ng missing or unstartable, an unknown voice, a non-zero exit, output that is not
///   16-bit PCM WAV, or silence from the child past the deadlines become `failed(ProviderError)`.
public struct EspeakTextToSpeech: TextToSpeech {
    /// Settings from the agent's `tts` entry and `voice` section.
    public struct Configuration: Sendable, Hashable {
        /// Program to run, searched on PATH. YAML: `settings.executable`. Default `espeak-ng`.
        public var executable: String
        /// Voice used when a request names none. YAML: `settings.voice`. Default `en-us`.
        public var defaultVoice: String
        /// Speed. YAML: `settings.words_per_minute`, else 175 × the agent's `voice.speaking_rate`.
        public var wordsPerMinute: Int
        /// Pitch 0…99, nil for espeak-ng's default (50). YAML: `settings.pitch`.
        public var pitch: Int?
        /// Length of each yielded chunk. YAML: `settings.chunk_ms` (20…1000). Default 100 ms.
        public var chunkDuration: Duration
        /// Longest wait for the first audio, and between reads after it. YAML: `settings.timeout_ms`.
        /// Default 5 s: espeak-ng starts in a few milliseconds, so this only catches a wedged child.
        public var stallTimeout: Duration
        /// Longest text accepted in one request (characters); more is a `badRequest`.
        public var maximumTextLength: Int

        public static let defaultChunkDuration = Duration.milliseconds(100)
        public static let chunkMillisecondsRange = 20...1000

        public init(executable: String = "espeak-ng", defaultVoice: String = "en-us", wordsPerMinute: Int = 175,
                    pitch: Int? = nil, chunkDuration: Duration = Configuration.defaultChunkDuration,
                    stallTimeout: Duration = .seconds(5), maximumTextLength: Int = 20_000) {
            self.executable = executable
            self.defaultVoice = defaultVoice
            self.wordsPerMinute = wordsPerMinute
            self.pitch = pitch
            self.chunkDuration = chunkDuration
            self.stallTimeout = stallTimeout
            self.maximumTextLength = maximumTextLength
        }

        /// Reads the entry's settings and the agent's voice (values out of range are clamped).
        public init(settings: TTSProviderConfig, voice: VoiceConfig = VoiceConfig()) {
            let rate = settings.int("words_per_minute")
                ?? Int((EspeakCommand.normalWordsPerMinute * voice.speakingRate).rounded())
            let chunk = (settings.int("chunk_ms") ?? 100).clamped(to: Self.chunkMillisecondsRange)
            self.init(executable: settings.string("executable") ?? "espeak-ng",
                      defaultVoice: settings.string("voice") ?? voice.name ?? "en-us",
                      wordsPerMinute: rate.clamped(to: EspeakCommand.wordsPerMinuteRange),
                      pitch: settings.int("pitch"), chunkDuration: .milliseconds(chunk),
                      stallTimeout: .milliseconds(max(100, settings.int("timeout_ms") ?? 5000)))
        }
    }

    /// Chunks the reader may run ahead of the consumer before it stops reading (and espeak-ng blocks).
    static let chunksAhead = 4

    public let name = "espeak"
    public let configuration: Configuration
    let hooks: ProcessHooks

    public init(configuration: Configuration = Configuration()) {
        self.init(configuration: configuration, hooks: ProcessHooks())
    }

    /// With observers of the child's life (tests check that cancelling kills and reaps it).
    init(configuration: Configuration, hooks: ProcessHooks) {
        self.configuration = configuration
        self.hooks = hooks
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        let command: EspeakCommand
        switch validate(request) {
        case .failure(let error): return Self.single(.failed(error))
        case .success(let made): command = made
        }
        let job = EspeakSynthesis(command: command, format: request.format, configuration: configuration,
                                  mailbox: BoundedMailbox(capacity: Self.chunksAhead), hooks: hooks)
        guard job.start() else { return Self.single(.failed(.overloaded)) }
        return StreamOwner.stream(next: { await job.mailbox.next() }, cancel: { job.cancel() })
    }

    private func validate(_ request: SynthesisRequest) -> Result<EspeakCommand, ProviderError> {
        guard request.format.encoding == .linear16 else {
            return .failure(.badRequest(detail: "espeak delivers linear16 audio, not \(request.format.encoding.rawValue); "
                                        + "request linear16 and encode it afterwards"))
        }
        guard request.text.count <= configuration.maximumTextLength else {
            return .failure(.badRequest(detail: "text of \(request.text.count) characters is longer than the "
                                        + "\(configuration.maximumTextLength) one espeak request takes"))
        }
        let voice = request.voice.isEmpty ? configuration.defaultVoice : request.voice
        return EspeakCommand.make(text: request.text, voice: voice, wordsPerMinute: configuration.wordsPerMinute,
                                  pitch: configuration.pitch, executable: configuration.executable)
    }

    private static func single(_ event: SynthesisEvent) -> AsyncStream<SynthesisEvent> {
        AsyncStream { continuation in
            continuation.yield(event)
            continuation.finish()
        }
    }
}
