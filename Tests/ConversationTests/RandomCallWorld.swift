import Speech
@testable import Conversation

/// A simulated world around a `TurnMachine` for random event-sequence tests: it performs the machine's
/// effects the way a session and transport would (streams, playout queue, marks, timers, tools), picks a
/// random next event that such a world could produce — including late events of cancelled streams — and
/// reports any broken invariant.
struct RandomCallWorld {
    var machine: TurnMachine
    var generator: SeededGenerator
    var now = CallInstant.callStart
    var violations: [String] = []
    /// The last events and their effects, to explain a violation.
    private var recent: [(CallInstant, TurnMachine.Event, [TurnMachine.Effect])] = []
    var trace: [String] { recent.map { "\($0.0) \($0.1) → \($0.2)" } }

    private(set) var ended = false
    /// How the call ended: the machine's hang-up reason, or the caller leaving.
    private(set) var endReason: CallEndReason?
    private var answered = false
    private var vadSpeaking = false
    private var liveLLM: Set<GenerationID> = []
    private var everStartedLLM: [GenerationID] = []
    private var liveTTS: Set<UtteranceID> = []
    private var everSynthesized: [UtteranceID] = []
    private var texts: [UtteranceID: String] = [:]
    /// Audio each live utterance still has to deliver (65 ms per character unless TTS ends it sooner).
    private var remainingAudio: [UtteranceID: Duration] = [:]
    /// Each sentence's real audio length: 65 ms per character, or what was delivered when TTS said done.
    private var totalAudio: [UtteranceID: Duration] = [:]
    private var delivered: [UtteranceID: [ChunkID: Duration]] = [:]
    private var nextChunk: [UtteranceID: Int] = [:]
    private var enqueued: Set<String> = []
    /// What sits in the playout queue: marks with the audio queued just before each.
    private var queue: [(mark: MarkID, audio: QueuedAudio?)] = []
    private var lastQueued: QueuedAudio?
    private var playedDuration: [UtteranceID: Duration] = [:]
    private var playedPhrases: [(order: Int, text: String)] = []
    private var clearedMarks: [MarkID] = []
    private var timers: [TimerKind: CallInstant] = [:]
    private var pendingTools: Set<String> = []
    /// Per call, how often the caller does anything (0: a silent caller, who reaches the no-input ending).
    private let callerActivity: Int
    private var wordCounter = 0
    private var toolCounter = 0

    enum QueuedAudio { case chunk(UtteranceID, Duration), phrase(String) }

    init(seed: UInt64, settings: TurnSettings) {
        machine = TurnMachine(settings: settings)
        generator = SeededGenerator(seed: seed)
        callerActivity = [0, 30, 100, 100].randomElement(using: &generator)!
    }

    /// Runs up to `steps` random events, then the caller hangs up if the call is still going.
    mutating func run(steps: Int) {
        send(.callAnswered)
        for _ in 0..<steps where !ended { send(randomEvent()) }
        if !ended { send(.callerHungUp) }
        checkAfterEnd()
    }

    // MARK: performing effects

    mutating func send(_ event: TurnMachine.Event) {
        switch event {
        case .llmDone(let id, _), .llmFailed(let id, _): liveLLM.remove(id)
        case .ttsDone(let id):
            if liveTTS.remove(id) != nil { totalAudio[id] = delivered[id, default: [:]].values.reduce(.zero, +) }
            remainingAudio[id] = nil
        case .ttsFailed(let id, _): liveTTS.remove(id); remainingAudio[id] = nil
        case .vadSpeechStarted: vadSpeaking = true
        case .vadSpeechEnded: vadSpeaking = false
        case .timerFired(let kind): if let due = timers[kind], due <= now { timers[kind] = nil }
        case .toolResult(let id, _): pendingTools.remove(id)
        case .callAnswered: answered = true
        default: break
        }
        let wasEnded = ended || machine.hasEnded
        let effects = machine.handle(event, at: now)
        recent.append((now, event, effects))
        if recent.count > 60 { recent.removeFirst() }
        if wasEnded, !effects.isEmpty { violations.append("effects after hang-up: \(event) → \(effects)") }
        for effect in effects { perform(effect, after: event) }
        if event == .callerHungUp, !ended {
            ended = true
            endReason = .callerHungUp
        }
        if liveLLM.count > 1 { violations.append("two live generations \(liveLLM.sorted()) after \(event)") }
        if machine.liveGeneration != liveLLM.first, !ended {
            violations.append("machine's live generation \(String(describing: machine.liveGeneration)) ≠ world's \(liveLLM)")
        }
    }

    private mutating func perform(_ effect: TurnMachine.Effect, after event: TurnMachine.Event) {
        switch effect {
        case .startLLM(let id, _):
            liveLLM.insert(id)
            everStartedLLM.append(id)
        case .cancelLLM(let id):
            if liveLLM.remove(id) == nil { violations.append("cancelLLM(\(id)) of a stream that is not live") }
        case .synthesize(let id, let text):
            liveTTS.insert(id)
            everSynthesized.append(id)
            texts[id] = text
            remainingAudio[id] = TurnSettings.typicalSpeechPerCharacter * text.count
            totalAudio[id] = TurnSettings.typicalSpeechPerCharacter * text.count
        case .cancelTTS:
            for id in liveTTS { remainingAudio[id] = nil }
            liveTTS.removeAll()
        case .enqueuePlayout(let id, let chunk):
            let key = "\(id)/\(chunk)"
            guard let duration = delivered[id]?[chunk], !enqueued.contains(key) else {
                violations.append("enqueued \(key) that was not delivered or was already enqueued")
                return
            }
            enqueued.insert(key)
            lastQueued = .chunk(id, duration)
        case .playPhrase(let phrase):
            lastQueued = .phrase(machine.settings.phrases.text(of: phrase))
        case .sendMark(let mark):
            queue.append((mark, lastQueued))
            lastQueued = nil
        case .clearPlayout:
            clearedMarks += queue.map(\.mark)
            queue.removeAll()
        case .startTimer(let kind, let after):
            timers[kind] = now.advanced(by: after)
        case .cancelTimer(let kind):
            timers[kind] = nil
        case .runTool(let call):
            pendingTools.insert(call.id)
        case .cancelTool(let id):
            pendingTools.remove(id)
        case .hangUp(let reason):
            ended = true
            endReason = reason
        case .transfer:
            if ended { violations.append("transfer after the call ended") }
        case .failTranscription:
            if ended { violations.append("transcription failed after the call ended") }
        case .hedgeLLM, .hedgeTTS, .record:
            break
        }
    }

    // MARK: invariants at the end

    private mutating func checkAfterEnd() {
        if !liveLLM.isEmpty { violations.append("LLM streams left open at the end: \(liveLLM)") }
        if !liveTTS.isEmpty { violations.append("TTS streams left open at the end: \(liveTTS)") }
        if !pendingTools.isEmpty { violations.append("tool runs left open at the end: \(pendingTools)") }
        if !machine.armedTimers.isEmpty { violations.append("timers left armed: \(machine.armedTimers)") }
        checkHistoryWasPlayed()
    }

    /// Every agent word in the history, in order, must appear in the stream of words actually played, in
    /// order: each sentence contributes the whole words inside its played share, each phrase its words
    /// when its mark came back.
    private mutating func checkHistoryWasPlayed() {
        var played: [String] = []
        var phrases = playedPhrases[...]
        for id in everSynthesized {
            while let next = phrases.first, next.order < id.rawValue {
                played += words(next.text)
                phrases = phrases.dropFirst()
            }
            let text = texts[id]!
            let fraction = HeardText.fraction(played: playedDuration[id] ?? .zero, of: totalAudio[id]!)
            played += words(HeardText.prefix(of: text, fraction: fraction))
        }
        for phrase in phrases { played += words(phrase.text) }
        var cursor = played[...]
        for text in machine.history.agentTexts {
            for word in words(text) {
                guard let found = cursor.firstIndex(of: word) else {
                    violations.append("history has \"\(word)\" (in \"\(text)\") which was never played")
                    return
                }
                cursor = cursor[(found + 1)...]
            }
        }
    }

    private func words(_ text: String) -> [String] { text.split(whereSeparator: \.isWhitespace).map(String.init) }
}

extension RandomCallWorld {
    // MARK: choosing the next event

    private mutating func randomEvent() -> TurnMachine.Event {
        now = now.advanced(by: .milliseconds(Int64.random(in: 0...250, using: &generator)))
        var roll = Int.random(in: 0..<100, using: &generator)
        let callerActs = Int.random(in: 0..<100, using: &generator) < callerActivity
        if !callerActs, roll < 19 || (76..<78).contains(roll) || roll == 83 { roll = 60 }
        switch roll {
        case 0..<10: return vadSpeaking ? .vadSpeechEnded : .vadSpeechStarted
        case 10..<14: return .sttPartial(randomWords())
        case 14..<18: return .sttFinal(randomWords())
        case 18..<19: return .sttUtteranceEnd
        case 19..<34: if let event = languageModelEvent() { return event }
        case 34..<52: if let event = speechEvent() { return event }
        case 52..<66: if let event = markEvent() { return event }
        case 66..<76: if let event = dueTimer(jumpingAhead: false) { return event }
        case 76..<78: return .dtmf(["1", "5", "#", "*"].randomElement(using: &generator)!)
        case 78..<80: if let id = pendingTools.randomElement(using: &generator) { return .toolResult(callID: id, content: "ok") }
        case 80..<83: return staleEvent()
        case 83..<84: return .callerHungUp
        default: break
        }
        // Nothing of the chosen kind can happen now: let the providers and the far end go on, or else
        // time pass until the next timer.
        return speechEvent() ?? languageModelEvent() ?? markEvent() ?? dueTimer(jumpingAhead: true)
            ?? (vadSpeaking ? .vadSpeechEnded : .sttFinal(randomWords()))
    }

    private mutating func languageModelEvent() -> TurnMachine.Event? {
        guard let id = liveLLM.first else { return nil }
        switch Int.random(in: 0..<100, using: &generator) {
        case 0..<70: return .llmToken(id, randomReplyText())
        case 70..<75:
            toolCounter += 1
            return .llmToolCall(id, ToolCall(id: "tool\(toolCounter)", name: "lookup", argumentsJSON: "{}"))
        case 75..<95: return .llmDone(id, nil)
        default: return .llmFailed(id, .overloaded)
        }
    }

    private mutating func speechEvent() -> TurnMachine.Event? {
        guard let id = liveTTS.min() else { return nil }
        let remaining = remainingAudio[id] ?? .zero
        if remaining <= .zero { return .ttsDone(id) }
        if Int.random(in: 0..<100, using: &generator) < 3 { return .ttsFailed(id, .connectionLost) }
        let piece = min(remaining, .milliseconds(Int64.random(in: 40...600, using: &generator)))
        remainingAudio[id] = remaining - piece
        let chunk = ChunkID(nextChunk[id, default: 0])
        nextChunk[id, default: 0] += 1
        delivered[id, default: [:]][chunk] = piece
        return .ttsAudio(id, chunk, duration: piece)
    }

    /// The far end reports the oldest queued mark: its audio is now played.
    private mutating func markEvent() -> TurnMachine.Event? {
        if !clearedMarks.isEmpty, Bool.random(using: &generator) {
            return .playoutMark(clearedMarks.removeFirst())  // some carriers echo cleared marks: not played
        }
        guard !queue.isEmpty else { return nil }
        let (mark, audio) = queue.removeFirst()
        switch audio {
        case .chunk(let id, let duration)?: playedDuration[id, default: .zero] += duration
        case .phrase(let text)?: playedPhrases.append((order: nextUtteranceOrder(), text: text))
        case nil: break
        }
        return .playoutMark(mark)
    }

    /// Phrases are ordered among sentences by the utterance ids handed out so far.
    private func nextUtteranceOrder() -> Int { (everSynthesized.last?.rawValue ?? 0) + 1 }

    private mutating func dueTimer(jumpingAhead: Bool) -> TurnMachine.Event? {
        guard let (kind, due) = timers.min(by: { $0.value < $1.value }), due <= now || jumpingAhead else { return nil }
        if due > now { now = due }
        return .timerFired(kind)
    }

    /// Events of streams and timers picked among all the call ever had, mostly no longer live: a real
    /// session delivers such events when they race a cancellation.
    private mutating func staleEvent() -> TurnMachine.Event {
        let oldGeneration = everStartedLLM.randomElement(using: &generator) ?? GenerationID(1)
        let oldUtterance = everSynthesized.randomElement(using: &generator) ?? UtteranceID(1)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: return .llmToken(oldGeneration, " stale.")
        case 1: return .llmDone(oldGeneration, nil)
        case 2:
            let chunk = ChunkID(nextChunk[oldUtterance, default: 0] + 5000)
            nextChunk[oldUtterance, default: 0] += 1
            delivered[oldUtterance, default: [:]][chunk] = .milliseconds(100)
            return .ttsAudio(oldUtterance, chunk, duration: .milliseconds(100))
        case 3: return .timerFired(TimerKind.allCases.randomElement(using: &generator)!)
        default: return .ttsDone(oldUtterance)
        }
    }

    private mutating func randomWords() -> String {
        let vocabulary = ["yes", "no", "maybe", "table", "for", "two", "please", "wait", ""]
        return (0..<Int.random(in: 0...4, using: &generator)).map { _ in
            vocabulary.randomElement(using: &generator)!
        }.joined(separator: " ")
    }

    /// Reply text made of unique words ("w17"), with punctuation, so the history check can tell words apart.
    private mutating func randomReplyText() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            wordCounter += 1
            text += " w\(wordCounter)" + ["", "", ",", ".", "?", "!"].randomElement(using: &generator)!
        }
        return text
    }
}
