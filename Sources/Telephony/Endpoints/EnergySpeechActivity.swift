import Agents
import Media
import Orchestrator

/// Media's energy VAD as the session's `SpeechActivityDetector`, with the agent's hangover
/// (`min_endpointing_ms`).
struct EnergySpeechActivity: SpeechActivityDetector {
    private var detector: VoiceActivityDetector<EnergySpeechClassifier>

    init(agent: AgentConfig) {
        detector = VoiceActivityDetector(energy: .init(),
                                         timing: VoiceActivityTiming(hangoverMilliseconds: max(20, agent.turnTaking.minEndpointingMs)))
    }

    mutating func speechEdge(after frame: AudioFrame) -> SpeechActivityEdge? {
        detector.process(frame).map { $0.kind == .speechStarted ? .started : .ended }
    }
}
