import Metrics
import Telephony

/// The `switchboard_sip_registered{aor}` gauge: 1 while a registration is bound, 0 otherwise.
enum SIPRegistrationMetrics {
    static func record(_ event: SIPCallEvent) {
        guard case .registration(let aor, let state) = event else { return }
        let bound = if case .registered = state { 1.0 } else { 0.0 }
        Gauge(label: "switchboard_sip_registered", dimensions: [("aor", aor)]).record(bound)
    }
}
