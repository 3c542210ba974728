import Conversation

/// The provider stages of a turn, the `stage` label of `switchboard_turn_stage_seconds`.
public enum TurnStage: String, Sendable, Hashable, CaseIterable {
    /// Caller's speech end → the STT final the turn waited for.
    case sttFinal = "stt_final"
    /// LLM request → first token.
    case llmFirstToken = "llm_first_token"
    /// LLM request → first complete sentence.
    case llmFirstSentence = "llm_first_sentence"
    /// First TTS request → first audio.
    case ttsFirstAudio = "tts_first_audio"
}

/// One latency observation derived from a turn's timeline.
public struct TurnMeasurement: Sendable, Hashable {
    public var metric: DurationMetric
    public var value: Duration
    public var labels: MetricLabels
}

/// Names of the providers a call uses, for the `provider` label.
struct ProviderNames: Sendable, Hashable {
    var speechToText: String
    var languageModel: String
    var textToSpeech: String

    func name(of layer: ProviderKind) -> String {
        switch layer {
        case .speechToText: speechToText
        case .languageModel: languageModel
        case .textToSpeech: textToSpeech
        }
    }
}

extension TurnTimeline {
    /// The latency observations this turn yields: voice-to-voice and overhead when the turn answered the
    /// caller, and each provider stage that happened. Pure.
    func measurements(agent: String, providers: ProviderNames) -> [TurnMeasurement] {
        var result: [TurnMeasurement] = []
        let agentOnly = MetricLabels(agent: agent)
        if let voiceToVoice { result.append(TurnMeasurement(metric: .voiceToVoice, value: voiceToVoice, labels: agentOnly)) }
        if let orchestrationOverhead {
            result.append(TurnMeasurement(metric: .orchestrationOverhead, value: orchestrationOverhead, labels: agentOnly))
        }
        func stage(_ stage: TurnStage, _ provider: String, from start: CallInstant?, to end: CallInstant?) {
            guard let start, let end, end >= start else { return }
            let labels = MetricLabels(agent: agent, provider: provider, stage: stage.rawValue)
            result.append(TurnMeasurement(metric: .turnStage, value: end - start, labels: labels))
        }
        if let sttFinal, let llmRequested, sttFinal <= llmRequested {
            stage(.sttFinal, providers.speechToText, from: speechEnded, to: sttFinal)
        }
        stage(.llmFirstToken, providers.languageModel, from: llmRequested, to: firstToken)
        stage(.llmFirstSentence, providers.languageModel, from: llmRequested, to: firstSentence)
        stage(.ttsFirstAudio, providers.textToSpeech, from: ttsRequested, to: firstAudio)
        return result
    }
}

extension ProviderKind {
    /// The short layer name used as a `stage` label (`stt`, `llm`, `tts`).
    var stageLabel: String {
        switch self {
        case .speechToText: "stt"
        case .languageModel: "llm"
        case .textToSpeech: "tts"
        }
    }
}

extension TimerKind {
    /// The `stage` label of a budget that was exceeded.
    var budgetLabel: String {
        switch self {
        case .firstToken: "first_token"
        case .firstAudio: "first_audio"
        case .replyDeadline: "reply_deadline"
        case .transcriptResult: "stt_result"
        default: String(describing: self)
        }
    }
}
