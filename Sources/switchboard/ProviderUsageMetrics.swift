import Metrics
import Orchestrator
import Speech

/// Exports each ended call's provider usage, cost and shadow comparisons as swift-metrics counters
/// (Prometheus in `serve`), then passes the record on. Labels: agent, provider (the configuration's
/// label, e.g. `openai/gpt-4o`), layer (`stt`, `llm`, `tts`): small fixed sets, never a call id.
struct ProviderUsageMetricsSink: CallRecordSink {
    /// The sink the record goes to afterwards (logging).
    let next: any CallRecordSink

    /// Counter names, in Prometheus style.
    enum Name {
        static let costUSD = "switchboard_provider_cost_usd_total"
        static let requests = "switchboard_provider_requests_total"
        static let inputTokens = "switchboard_provider_input_tokens_total"
        static let outputTokens = "switchboard_provider_output_tokens_total"
        static let characters = "switchboard_provider_characters_total"
        static let audioSeconds = "switchboard_provider_audio_seconds_total"
        static let shadowWordErrorRate = "switchboard_shadow_word_error_rate"
        static let shadowFailures = "switchboard_shadow_failures_total"
    }

    func callEnded(_ record: CallRecord) {
        for entry in record.providerUsage {
            let labels = [("agent", record.agentName), ("provider", entry.provider), ("layer", entry.layer.rawValue)]
            let usage = entry.usage
            if let cost = entry.cost { FloatingPointCounter(label: Name.costUSD, dimensions: labels).increment(by: cost.dollars) }
            Counter(label: Name.requests, dimensions: labels).increment(by: Int64(usage.requests))
            if usage.inputTokens > 0 { Counter(label: Name.inputTokens, dimensions: labels).increment(by: Int64(usage.inputTokens)) }
            if usage.outputTokens > 0 { Counter(label: Name.outputTokens, dimensions: labels).increment(by: Int64(usage.outputTokens)) }
            if usage.characters > 0 { Counter(label: Name.characters, dimensions: labels).increment(by: Int64(usage.characters)) }
            if usage.audioMicroseconds > 0 {
                FloatingPointCounter(label: Name.audioSeconds, dimensions: labels).increment(by: Double(usage.audioMicroseconds) / 1e6)
            }
        }
        for report in record.shadowReports {
            let labels = [("agent", record.agentName), ("provider", report.shadow.provider), ("layer", report.layer.rawValue)]
            if let rate = report.wordErrorRate?.rate {
                Recorder(label: Name.shadowWordErrorRate, dimensions: labels, aggregate: true).record(rate)
            }
            if case .failed = report.shadow.outcome { Counter(label: Name.shadowFailures, dimensions: labels).increment() }
        }
        next.callEnded(record)
    }
}
