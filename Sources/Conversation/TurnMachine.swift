import Speech

/// The pure core of one call: takes each event with the instant it happened and answers with the effects
/// the session must perform — greeting, endpointing, streaming the reply sentence by sentence into speech,
/// barge-in, stale-context restarts, keypad input, reprompts, budgets, recovery and the end of the call.
///
/// Owned by the call's `CallSession` actor, which feeds it every event of the call and performs the effects
/// in order. It reads no clock, does no I/O and keeps only per-call state, so tests drive it with scripted
/// events on a virtual clock. `Docs/turn-taking.md` describes the rules as built.
public struct TurnMachine: Sendable {
    public let settings: TurnSettings
    /// The conversation as the caller heard it.
    public internal(set) var history: ConversationHistory

    enum Phase: Sendable, Equatable {
        case waitingForAnswer, conversing
        /// Saying goodbye; hangs up when it has been played.
        case closing(CallEndReason)
        /// The transfer reply was played; waiting for the transport to say how the transfer went.
        case transferring(TransferRequest)
        case ended
    }

    var phase: Phase = .waitingForAnswer
    var input = UserInput()
    var reply: AgentReply?
    var timers = ArmedTimers()
    var keypadDigits: [Character] = []
    var repromptsSpoken = 0
    var agentTurns = 0
    var nextGeneration = 1
    var nextUtterance = 1
    var nextMark = 1
    /// The unfinalized partial the last committed turn ended with; its STT final revises it.
    var unfinalizedCommit: String?
    /// Speech-to-text went down while the line was busy: the recovery phrase is said when it is next idle,
    /// unless a transcript arrives first (speech-to-text is back).
    var owesRecoveryPhrase = false
    /// The session holds the greeting's audio (`CannedPhrase.greeting`): at answer the greeting plays as
    /// that phrase, with no TTS request. Set before `callAnswered`; otherwise it goes through TTS.
    public var greetingAudioReady = false
    /// The call's length ran out while a transfer was pending: if the transfer fails, say that goodbye.
    var closeAfterTransfer: CallEndReason?

    /// A machine for a new call. `history` continues an earlier conversation (a hand-off); by default the
    /// conversation starts empty under `settings.systemPrompt`.
    public init(settings: TurnSettings, history: ConversationHistory? = nil) {
        self.settings = settings
        self.history = history ?? ConversationHistory(systemPrompt: settings.systemPrompt)
    }

    /// Handles one event that happened at `now` (instants never go backwards) and returns what to do.
    public mutating func handle(_ event: Event, at now: CallInstant) -> [Effect] {
        var effects: [Effect] = []
        switch phase {
        case .ended:
            return effects
        case .waitingForAnswer:
            if event == .callAnswered { answer(at: now, into: &effects) }
            if event == .callerHungUp { endCall(.callerHungUp, at: now, into: &effects) }
            return effects
        case .transferring(let request):
            handleWhileTransferring(event, request: request, at: now, into: &effects)
            return effects
        case .conversing, .closing:
            break
        }
        switch event {
        case .callAnswered: break
        case .vadSpeechStarted: speechStarted(at: now, into: &effects)
        case .vadSpeechEnded: speechEnded(at: now, into: &effects)
        case .sttPartial(let text):
            owesRecoveryPhrase = false
            transcriptResultArrived(into: &effects)
            partialTranscript(text, at: now, into: &effects)
        case .sttFinal(let text):
            owesRecoveryPhrase = false
            transcriptResultArrived(into: &effects)
            finalTranscript(text, at: now, into: &effects)
        case .sttUtteranceEnd:
            transcriptResultArrived(into: &effects)
            utteranceEnded(at: now, into: &effects)
        case .sttUnavailable: transcriptionUnavailable(at: now, into: &effects)
        case .llmToken(let id, let text): tokenArrived(text, of: id, at: now, into: &effects)
        case .llmToolCall(let id, let call): toolCallRequested(call, by: id, at: now, into: &effects)
        case .llmDone(let id, let usage): generationDone(id, usage: usage, at: now, into: &effects)
        case .llmFailed(let id, let error): generationFailed(id, error: error, at: now, into: &effects)
        case .toolResult(let callID, let content): toolFinished(callID, content: content, at: now, into: &effects)
        case .ttsAudio(let id, let chunk, let duration): audioArrived(chunk, duration, for: id, at: now, into: &effects)
        case .ttsDone(let id): synthesisDone(id, at: now, into: &effects)
        case .ttsFailed(let id, let error): synthesisFailed(id, error: error, at: now, into: &effects)
        case .playoutMark(let mark): markPlayed(mark, at: now, into: &effects)
        case .dtmf(let key): keyPressed(key, at: now, into: &effects)
        case .timerFired(let kind): timerFired(kind, at: now, into: &effects)
        case .callerHungUp: endCall(.callerHungUp, at: now, into: &effects)
        case .transferCompleted, .transferFailed: break  // no transfer is pending: a stale report
        }
        watchForSilentReply(after: event, at: now, into: &effects)
        return effects
    }

    /// The call is over: every later event is ignored and answered with no effects.
    public var hasEnded: Bool { phase == .ended }

    /// The language-model generation currently live, if any (never more than one).
    public var liveGeneration: GenerationID? { reply?.generation }

    /// The timers currently armed.
    public var armedTimers: [TimerKind] { timers.armedKinds }

    private mutating func answer(at now: CallInstant, into effects: inout [Effect]) {
        phase = .conversing
        effects.append(.record(.callAnswered(at: now)))
        if let limit = settings.maximumCallDuration {
            timers.arm(.maximumCallDuration, at: now.advanced(by: limit), now: now, into: &effects)
        }
        if let greeting = settings.greeting, !greeting.trimmingWhitespace.isEmpty, greetingAudioReady {
            speakGreetingPhrase(greeting, at: now, into: &effects)
        } else if let greeting = settings.greeting, !greeting.trimmingWhitespace.isEmpty {
            speakFixedText(greeting, kind: .greeting, at: now, into: &effects)
        } else {
            armNoInputIfIdle(at: now, into: &effects)
        }
    }
}
