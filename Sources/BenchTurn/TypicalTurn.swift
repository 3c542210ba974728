import Conversation
import Speech

/// Plays typical caller turns against one `TurnMachine`, the way a session would feed it, and times each
/// `handle` call. A turn: the caller speaks (speech start, 8 partials, speech end, final), the model
/// streams a three-sentence reply in 4-character tokens, TTS delivers 100 ms chunks per sentence, and the
/// far end reports a mark per chunk.
struct TypicalTurnDriver {
    static let reply = "Sure, we are open on Saturday from nine to five. The bakery is on Main Street, next to "
        + "the station. Would you like me to reserve a loaf of rye bread for you?"
    static let chunk = Duration.milliseconds(100)

    private(set) var machine: TurnMachine
    private var now = CallInstant.callStart
    private var pendingUtterances: [(UtteranceID, String)] = []
    private var pendingMarks: [MarkID] = []
    private var generation: GenerationID?
    /// Nanoseconds of each `handle` call, by event kind.
    private(set) var samples: [String: [Int64]] = [:]
    private let clock = ContinuousClock()

    init(settings: TurnSettings) {
        machine = TurnMachine(settings: settings)
        _ = send(.callAnswered, kind: "callAnswered")
    }

    /// Runs one whole caller turn and its reply; returns the nanoseconds spent in `handle` for it.
    mutating func runTurn(question: String) -> Int64 {
        var total: Int64 = 0
        total += send(.vadSpeechStarted, kind: "vad")
        let words = question.split(separator: " ")
        for count in 1...8 {
            total += send(.sttPartial(words.prefix(count * words.count / 8).joined(separator: " ")), kind: "sttPartial")
        }
        total += send(.vadSpeechEnded, kind: "vad")
        total += send(.sttFinal(question), kind: "sttFinal (commit, startLLM)")
        let tokens = Self.tokens(of: Self.reply)
        for token in tokens { total += send(.llmToken(generation!, token), kind: "llmToken") }
        total += send(.llmDone(generation!, TokenUsage(promptTokens: 300, completionTokens: tokens.count)),
                      kind: "llmDone")
        for (id, text) in pendingUtterances {
            let chunks = max(1, Int((TurnSettings.typicalSpeechPerCharacter * text.count) / Self.chunk))
            for index in 0..<chunks {
                total += send(.ttsAudio(id, ChunkID(index), duration: Self.chunk), kind: "ttsAudio")
            }
            total += send(.ttsDone(id), kind: "ttsDone")
        }
        pendingUtterances.removeAll()
        for mark in pendingMarks { total += send(.playoutMark(mark), kind: "playoutMark") }
        pendingMarks.removeAll()
        return total
    }

    private mutating func send(_ event: TurnMachine.Event, kind: String) -> Int64 {
        now = now.advanced(by: .milliseconds(20))
        let start = clock.now
        let effects = machine.handle(event, at: now)
        let elapsed = start.duration(to: clock.now)
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        samples[kind, default: []].append(nanoseconds)
        for effect in effects {
            switch effect {
            case .startLLM(let id, _): generation = id
            case .synthesize(let id, let text): pendingUtterances.append((id, text))
            case .sendMark(let mark): pendingMarks.append(mark)
            default: break
            }
        }
        return nanoseconds
    }

    private static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            tokens.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return tokens
    }
}
