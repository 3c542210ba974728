/// Where a call's measurements go: latency histograms and counters, named as an operator reads them.
/// The executable wires it to swift-metrics (a histogram or timer per `DurationMetric`, a counter per
/// `CounterMetric`); the orchestrator never imports a metrics backend. Called on the call's loop thread,
/// a few times per turn: implementations must not block.
public protocol CallMetricsSink: Sendable {
    /// One observation of a duration (exported in seconds).
    func record(_ metric: DurationMetric, _ value: Duration, labels: MetricLabels)
    /// One occurrence.
    func increment(_ metric: CounterMetric, labels: MetricLabels)
}

/// The latency histograms. Names follow Prometheus conventions (`_seconds`); see "Measurement words" in
/// `Docs/architecture.md`.
public enum DurationMetric: String, Sendable, Hashable, CaseIterable {
    /// Caller's speech end → first agent audio frame sent. Labels: agent.
    case voiceToVoice = "switchboard_turn_voice_to_voice_seconds"
    /// Voice-to-voice latency minus the time spent waiting on providers. Labels: agent.
    case orchestrationOverhead = "switchboard_turn_orchestration_overhead_seconds"
    /// One provider stage of a turn (`TurnStage`). Labels: agent, provider, stage.
    case turnStage = "switchboard_turn_stage_seconds"
    /// Answer → end of a call. Labels: agent, reason.
    case callDuration = "switchboard_call_duration_seconds"
}

/// The counters.
public enum CounterMetric: String, Sendable, Hashable, CaseIterable {
    /// A provider stream failed. Labels: agent, provider, stage (the layer: `stt`, `llm`, `tts`).
    case providerFailures = "switchboard_provider_failures_total"
    /// The caller interrupted the agent. Labels: agent.
    case bargeIns = "switchboard_barge_ins_total"
    /// A latency budget was exceeded. Labels: agent, stage (`first_token`, `first_audio`, `reply_deadline`).
    case budgetsExceeded = "switchboard_budgets_exceeded_total"
    /// A canned phrase had no audio when it was due. Labels: agent.
    case silentPhrases = "switchboard_silent_phrases_total"
    /// A call ended. Labels: agent, reason.
    case callsEnded = "switchboard_calls_ended_total"
}

/// The labels of one observation. Every value comes from a small fixed set (agent names, provider names,
/// stage and reason names): a call id is never a label.
public struct MetricLabels: Sendable, Hashable {
    public var agent: String
    public var provider: String?
    public var stage: String?
    public var reason: String?

    public init(agent: String, provider: String? = nil, stage: String? = nil, reason: String? = nil) {
        self.agent = agent
        self.provider = provider
        self.stage = stage
        self.reason = reason
    }

    /// The labels as name/value pairs, in a fixed order, leaving out unset ones.
    public var pairs: [(String, String)] {
        var pairs = [("agent", agent)]
        if let provider { pairs.append(("provider", provider)) }
        if let stage { pairs.append(("stage", stage)) }
        if let reason { pairs.append(("reason", reason)) }
        return pairs
    }
}

/// A sink that drops everything.
public struct DiscardingMetricsSink: CallMetricsSink {
    public init() {}
    public func record(_ metric: DurationMetric, _ value: Duration, labels: MetricLabels) {}
    public func increment(_ metric: CounterMetric, labels: MetricLabels) {}
}
