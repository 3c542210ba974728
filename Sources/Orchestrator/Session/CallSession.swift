import Conversation
import Media
import Speech

/// One call's owner: the only holder of that call's state — its `TurnMachine` (turn state, history as
/// heard, timers' deadlines), its variables, the tasks consuming its provider streams, its armed timers,
/// the synthesized audio waiting for playout, and its record. Transports and providers talk to it only by
/// calling its intake methods; it answers each event by running the machine and performing the effects
/// (`CallSession+Effects.swift`), in order, before the next event.
///
/// **Threading.** The session runs on the executor it is given, which in production is the event loop
/// that owns the call's sockets: the transport calls `receive(frame:)` on that thread with no hop
/// (`assumeIsolated` from a socket handler, or `await` from code already on the loop), and provider stream
/// consumers resume there once per token or chunk. Nothing on the per-frame path creates a task or an
/// async stream or allocates.
///
/// **Ending.** Every way a call can end (`hangUp()`, the agent's goodbye, `terminate(_:)`) cancels every
/// stream, tool and timer of the call exactly once, delivers one `CallRecord`, and fires `ending`.
public actor CallSession {
    enum Lifecycle: Equatable { case waitingForAnswer, answered, ended }

    /// The call's id.
    public nonisolated let callID: String
    /// The agent answering the call.
    public nonisolated let agentName: String
    /// Fires once the call has ended and its record was delivered.
    public nonisolated let ending = CallEndSignal()
    nonisolated let executor: any SerialExecutor
    /// The same executor when it can also run tasks (`Net`'s event loop can): stream consumers prefer it,
    /// so the nonisolated part of reading a provider stream stays on the loop thread too.
    nonisolated let taskExecutor: (any TaskExecutor)?

    let configuration: CallSessionConfiguration
    let providers: CallProviders
    let providerNames: ProviderNames
    let observers: CallObservers
    let transport: any CallTransport
    var voiceActivity: (any SpeechActivityDetector)?
    let clock: CallClock

    var machine: TurnMachine
    var lifecycle = Lifecycle.waitingForAnswer
    var phrases: CannedPhraseAudio
    var tasks = ProviderTasks()
    var timers = SessionTimers()
    /// Synthesized audio the machine has not enqueued yet, under the chunk ids the session gave it.
    var pendingAudio: [ChunkID: AudioChunk] = [:]
    var nextChunk = 1
    /// The text of the sentence synthesized last (prosody hint for the next one).
    var previousSentence: String?
    var transcription = TranscriptionState()
    var recentAudio: RecentAudio
    var recorder = CallRecorder()
    /// Set by the effect or request that ends the call; read when the machine has ended.
    var endReason: SessionEndReason?
    /// Events that arrived while effects were being performed (a transport reporting a mark from inside
    /// `send`): handled in order once the current event's effects are done.
    var queuedEvents: [TurnMachine.Event] = []
    var isHandlingEvent = false

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// A session for one call, not yet answered.
    /// - Parameters:
    ///   - history: an earlier conversation to continue (a hand-off); empty by default.
    ///   - voiceActivity: turns inbound frames into speech edges; nil when the transport reports edges
    ///     itself through `speechActivity(_:)`.
    ///   - phrases: pre-synthesized canned phrases (from a `CannedPhraseCache`); the ones missing are
    ///     synthesized when the call is answered.
    ///   - clock: the call's clock; its origin is the call's start.
    ///   - executor: the serial executor every method of the session runs on.
    public init(configuration: CallSessionConfiguration, providers: CallProviders,
                transport: sending any CallTransport, voiceActivity: sending (any SpeechActivityDetector)?,
                phrases: CannedPhraseAudio? = nil, history: ConversationHistory? = nil,
                observers: CallObservers = CallObservers(), clock: CallClock = .continuous(),
                executor: any SerialExecutor) {
        self.callID = configuration.callID
        self.agentName = configuration.agentName
        self.executor = executor
        self.taskExecutor = executor as? any TaskExecutor
        self.configuration = configuration
        self.providers = providers
        self.providerNames = ProviderNames(speechToText: providers.speechToText.name,
                                           languageModel: providers.languageModel.name,
                                           textToSpeech: providers.textToSpeech.name)
        self.observers = observers
        self.transport = transport
        self.voiceActivity = voiceActivity
        self.clock = clock
        self.machine = TurnMachine(settings: configuration.turn, history: history)
        self.phrases = phrases?.usable(in: configuration.outputFormat) ?? CannedPhraseAudio(format: configuration.outputFormat)
        self.recentAudio = RecentAudio(capacity: configuration.recentAudioFrames)
        queuedEvents.reserveCapacity(8)
    }

    /// Starts a task for a stream consumer, timer or tool run, preferring the session's executor for its
    /// nonisolated parts. Its isolated steps are `await`s on the session (same thread: no hop).
    nonisolated func spawn(_ operation: sending @escaping () async -> Void) -> Task<Void, Never> {
        Task(executorPreference: taskExecutor, operation: operation)
    }

    /// The conversation as the caller heard it so far.
    public var history: ConversationHistory { machine.history }

    /// Whether the call has ended.
    public var hasEnded: Bool { lifecycle == .ended }
}

/// Where a call's record, measurements and live timeline go.
public struct CallObservers: Sendable {
    public var records: any CallRecordSink
    public var metrics: any CallMetricsSink
    public var timeline: (any CallTimelineObserver)?

    public init(records: any CallRecordSink = DiscardingRecordSink(),
                metrics: any CallMetricsSink = DiscardingMetricsSink(), timeline: (any CallTimelineObserver)? = nil) {
        self.records = records
        self.metrics = metrics
        self.timeline = timeline
    }
}

/// Sees each fact of a call as the turn machine records it: live transcripts and agent text for a PCM
/// client, log lines. Called on the call's loop thread; must return at once.
public protocol CallTimelineObserver: Sendable {
    func call(_ callID: String, recorded entry: TimelineEntry)
}
