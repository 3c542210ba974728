import Testing
import Speech
@testable import Conversation

typealias Event = TurnMachine.Event
typealias Effect = TurnMachine.Effect

/// Drives a `TurnMachine` on a virtual clock: each step names the call time of its event.
struct CallScript {
    var machine: TurnMachine
    private(set) var now = CallInstant.callStart

    init(_ settings: TurnSettings = .testing) {
        machine = TurnMachine(settings: settings)
    }

    /// Handles `event` at `ms` milliseconds into the call.
    @discardableResult
    mutating func at(_ ms: Int64, _ event: Event) -> [Effect] {
        let instant = CallInstant.milliseconds(ms)
        if instant < now { Issue.record("scripted time went backwards: \(instant) after \(now)") }
        now = instant
        return machine.handle(event, at: instant)
    }

    var history: [ConversationHistory.Entry] { machine.history.entries }
}

extension TurnSettings {
    /// Predictable settings for scripts: no greeting, no budgets, no call limit, sentence-only chunking.
    static var testing: TurnSettings {
        TurnSettings(systemPrompt: "You are Ada.",
                     endpointing: EndpointingSettings(minimumDelay: .zero, maximumDelay: .milliseconds(1000)),
                     bargeIn: BargeInSettings(minimumSpeech: .milliseconds(300), minimumWords: 3),
                     noInput: NoInputSettings(timeout: .seconds(8), reprompts: ["Are you still there?"]),
                     budgets: LatencyBudgets(firstToken: nil, firstAudio: nil, replyDeadline: nil, transcriptResult: nil),
                     chunking: ChunkerSettings(firstChunkMinimumLength: nil),
                     maximumCallDuration: nil)
    }

    func with(_ change: (inout TurnSettings) -> Void) -> TurnSettings {
        var copy = self
        change(&copy)
        return copy
    }
}

/// The effects without `record` entries: what the session must do.
func actions(_ effects: [Effect]) -> [Effect] {
    effects.filter { if case .record = $0 { false } else { true } }
}

/// Only the `record` entries.
func records(_ effects: [Effect]) -> [TimelineEntry] {
    effects.compactMap { if case .record(let entry) = $0 { entry } else { nil } }
}

let g1 = GenerationID(1), g2 = GenerationID(2), g3 = GenerationID(3)
let u1 = UtteranceID(1), u2 = UtteranceID(2), u3 = UtteranceID(3), u4 = UtteranceID(4)
let c1 = ChunkID(1), c2 = ChunkID(2), c3 = ChunkID(3)
let m1 = MarkID(1), m2 = MarkID(2), m3 = MarkID(3), m4 = MarkID(4)

func ms(_ value: Int64) -> Duration { .milliseconds(value) }
func t(_ value: Int64) -> CallInstant { .milliseconds(value) }

let system = ChatMessage.system("You are Ada.")

extension CallScript {
    /// Answers without greeting and has the caller say `words` (VAD 1000–2000 ms, final at 2100 ms):
    /// the machine is then waiting on generation g1.
    static func askedQuestion(_ words: String = "Is the bakery open on Saturday?",
                              settings: TurnSettings = .testing) -> CallScript {
        var call = CallScript(settings)
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(2000, .vadSpeechEnded)
        call.at(2100, .sttFinal(words))
        return call
    }
}
