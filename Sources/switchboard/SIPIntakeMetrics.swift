import Metrics
import Telephony

/// The SIP intake's abuse counters: `switchboard_sip_requests_dropped_total{reason}` (`scanner`,
/// `banned`) and `switchboard_sip_source_bans_total`. Handles are made once (making one takes the
/// backend's lock; a flood sends a drop event per packet).
enum SIPIntakeMetrics {
    static let dropped: [SIPIntakeDropReason: Counter] = Dictionary(uniqueKeysWithValues: [SIPIntakeDropReason.scanner, .banned].map {
        ($0, Counter(label: "switchboard_sip_requests_dropped_total", dimensions: [("reason", $0.rawValue)]))
    })
    static let bans = Counter(label: "switchboard_sip_source_bans_total")

    /// Counts `event` when it is an intake event; true when it was one (the ban itself is logged by
    /// the user agent).
    static func record(_ event: SIPCallEvent) -> Bool {
        switch event {
        case .intakeDropped(_, let reason):
            dropped[reason]?.increment()
            return true
        case .sourceBanned:
            bans.increment()
            return true
        default:
            return false
        }
    }
}
