import Logging
import Metrics
import Orchestrator

/// Exports the orchestrator's per-turn latencies and call counters through swift-metrics (Prometheus in
/// `serve`). Durations become timers (histograms in seconds); labels are the small fixed sets of
/// `MetricLabels`, never a call id.
struct SwiftMetricsCallSink: CallMetricsSink {
    func record(_ metric: DurationMetric, _ value: Duration, labels: MetricLabels) {
        let (seconds, attoseconds) = value.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        Metrics.Timer(label: metric.rawValue, dimensions: labels.pairs).recordNanoseconds(nanoseconds)
    }

    func increment(_ metric: CounterMetric, labels: MetricLabels) {
        Counter(label: metric.rawValue, dimensions: labels.pairs).increment()
    }
}

/// Logs one line per ended call: who, how long, why it ended, how many turns, the median voice-to-voice
/// latency and any provider failures. The conversation itself is logged at debug level only, and never
/// when the server config asks for transcripts to be redacted.
struct LoggingCallRecordSink: CallRecordSink {
    let logger: Logger
    let redactTranscripts: Bool

    /// Milliseconds with three decimals.
    static func milliseconds(_ duration: Duration) -> Double {
        (duration / .microseconds(1)).rounded() / 1000
    }

    func callEnded(_ record: CallRecord) {
        var metadata: Logger.Metadata = [
            "call": "\(record.callID)", "agent": "\(record.agentName)", "reason": "\(record.endReason.rawValue)",
            "duration_ms": "\(record.duration.components.seconds * 1000 + record.duration.components.attoseconds / 1_000_000_000_000_000)",
            "turns": "\(record.turns.count)",
        ]
        let latencies = record.turns.compactMap(\.voiceToVoice).sorted()
        if !latencies.isEmpty {
            metadata["voice_to_voice_median"] = "\(latencies[latencies.count / 2])"
        }
        let overheads = record.turns.compactMap(\.orchestrationOverhead).sorted()
        if !overheads.isEmpty {
            metadata["overhead_median_ms"] = "\(Self.milliseconds(overheads[overheads.count / 2]))"
            metadata["overhead_p95_ms"] = "\(Self.milliseconds(overheads[min(overheads.count - 1, overheads.count * 95 / 100)]))"
        }
        if !record.providerUsage.isEmpty {
            metadata["cost"] = "\(record.totalCost)"
        }
        if !record.providerFailures.isEmpty {
            metadata["provider_failures"] = "\(record.providerFailures.map { "\($0.layer):\($0.provider):\($0.error)" })"
        }
        if !record.transfers.isEmpty {
            metadata["transfers"] = "\(record.transfers.map(\.summary))"
        }
        logger.info("call ended", metadata: metadata)
        logger.debug("call turn latencies", metadata: [
            "call": "\(record.callID)",
            "overhead_ms": "\(record.turns.compactMap(\.orchestrationOverhead).map(Self.milliseconds))",
            "provider_wait_ms": "\(record.turns.compactMap(\.providerWait).map(Self.milliseconds))",
            "voice_to_voice_ms": "\(record.turns.compactMap(\.voiceToVoice).map(Self.milliseconds))",
        ])
        if !redactTranscripts {
            logger.debug("call history", metadata: ["call": "\(record.callID)", "history": "\(record.history)"])
        }
    }
}
