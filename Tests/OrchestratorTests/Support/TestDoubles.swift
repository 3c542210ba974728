import Conversation
import Media
import Orchestrator
import Speech
import SwitchboardTesting

/// A VAD for tests: a frame whose first sample is not zero is speech; edges come at once (no debounce).
struct LoudFrameDetector: SpeechActivityDetector {
    private var speaking = false

    mutating func speechEdge(after frame: AudioFrame) -> SpeechActivityEdge? {
        let loud = frame.samples.first != 0
        guard loud != speaking else { return nil }
        speaking = loud
        return loud ? .started : .ended
    }
}

extension AudioFrame {
    static let loud = AudioFrame(sampleRate: .hz8000, samples: [Int16](repeating: 3000, count: 160))
    static let quiet = AudioFrame.silence(.hz8000)
}

/// Records every call record delivered, and the thread it came on.
final class RecordingRecordSink: CallRecordSink {
    let records = ObservationLog<CallRecord>()
    let threads = ObservationLog<UInt>()

    func callEnded(_ record: CallRecord) {
        threads.append(CurrentThread.id)
        records.append(record)
    }
}

/// Records every metric observation.
final class RecordingMetricsSink: CallMetricsSink {
    struct Observation: Sendable, Hashable {
        var metric: String
        var value: Duration?
        var labels: MetricLabels
    }

    let observations = ObservationLog<Observation>()

    func record(_ metric: DurationMetric, _ value: Duration, labels: MetricLabels) {
        observations.append(Observation(metric: metric.rawValue, value: value, labels: labels))
    }

    func increment(_ metric: CounterMetric, labels: MetricLabels) {
        observations.append(Observation(metric: metric.rawValue, value: nil, labels: labels))
    }

    func values(of metric: DurationMetric) -> [Duration] {
        observations.items.filter { $0.metric == metric.rawValue }.compactMap(\.value)
    }

    func count(of metric: CounterMetric) -> [MetricLabels] {
        observations.items.filter { $0.metric == metric.rawValue }.map(\.labels)
    }
}

/// A tool runner whose runs never finish on their own: they wait until cancelled, and say so.
final class HangingToolRunner: ToolRunner {
    let started = ObservationLog<ToolCall>()
    let cancelled = ObservationLog<String>()

    func run(_ call: ToolCall, for context: ToolCallContext) async -> String {
        started.append(call)
        let (stream, continuation) = AsyncStream.makeStream(of: Never.self)
        await withTaskCancellationHandler {
            for await _ in stream {}
        } onCancel: {
            continuation.finish()
        }
        cancelled.append(call.id)
        return "cancelled"
    }
}

/// Records the live timeline of a call.
final class RecordingTimeline: CallTimelineObserver {
    let entries = ObservationLog<TimelineEntry>()

    func call(_ callID: String, recorded entry: TimelineEntry) {
        entries.append(entry)
    }
}
