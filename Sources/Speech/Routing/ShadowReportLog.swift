import Synchronization

/// One call's shadow comparisons, kept for its record: the observer a call's shadow wrappers report
/// to. Bounded, so a long call with a shadow on every layer cannot grow it without limit.
public final class ShadowReportLog: Sendable {
    /// A long call's turns on three layers; beyond it reports are counted, not kept.
    public static let maximumReports = 1_000

    private struct State {
        var reports: [ShadowReport] = []
        var dropped = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Keeps `report` (pass `log.record` as a `ShadowObserver`).
    public func record(_ report: ShadowReport) {
        state.withLock { state in
            if state.reports.count < Self.maximumReports { state.reports.append(report) } else { state.dropped += 1 }
        }
    }

    /// The reports kept, in the order they arrived.
    public var reports: [ShadowReport] { state.withLock { $0.reports } }

    /// Reports beyond `maximumReports`.
    public var dropped: Int { state.withLock { $0.dropped } }
}
