import Synchronization

/// What the scripted caller (on its loop) shares with the bench driver (on the main task): counters and
/// latencies it publishes, and the driver's requests. Updated once per event or tick, never per byte.
final class CallerReport: Sendable {
    struct Values: Sendable {
        var answered = 0
        var ended = 0
        var failed = 0
        var established = 0
        /// INVITE sent → 200 OK received, and INVITE sent → 200 OK for the BYE (nanoseconds).
        var answerLatencies: [Double] = []
        var cycleLatencies: [Double] = []
        var rtpSent = 0
        var rtpReceived = 0
        var rtpGaps = 0
        /// Driver → caller.
        var keepDialing = true
        var hangUpAll = false
    }

    let values = Mutex(Values())

    var snapshot: Values { values.withLock { $0 } }
    func update(_ body: (inout Values) -> Void) { values.withLock { body(&$0) } }
}
