/// A negotiated session timer (RFC 4028): the session interval, which side refreshes, and which side we
/// are. The refresher sends a re-INVITE or UPDATE at half the interval (§10); the other side ends the
/// session (BYE) if no refresh came by `interval − min(32 s, interval/3)`.
public struct SessionTimer: Hashable, Sendable {
    /// RFC 4028 §4: Min-SE may not be lower than 90 seconds.
    public static let absoluteMinimum: UInt32 = 90
    /// RFC 4028 §4: the recommended session interval, 30 minutes.
    public static let recommendedInterval: UInt32 = 1800
    /// RFC 4028 §10: the non-refresher ends the session this long (at most) before expiry.
    public static let maximumExpiryMargin: UInt32 = 32

    public var interval: UInt32
    public var refresher: SessionExpires.Refresher
    public var localRole: Dialog.Role

    public init(interval: UInt32, refresher: SessionExpires.Refresher, localRole: Dialog.Role) {
        self.interval = interval
        self.refresher = refresher
        self.localRole = localRole
    }

    /// True when we must send the refreshes.
    public var weRefresh: Bool { (refresher == .uas) == (localRole == .uas) }

    /// When the refresher refreshes, counted from the last refresh (§10: half the interval).
    public var refreshDelay: Duration { .seconds(Int64(interval) / 2) }

    /// When the non-refresher gives up, counted from the last refresh (§10).
    public var expiryDelay: Duration {
        .seconds(Int64(interval) - Int64(min(Self.maximumExpiryMargin, interval / 3)))
    }

    /// The Session-Expires header to put in responses and refreshes.
    public var header: SessionExpires { SessionExpires(seconds: interval, refresher: refresher) }

    /// Our next refresh after a 422 answered with `minSE` (§7.4: retry with an interval at least Min-SE).
    public func raised(toAtLeast minSE: UInt32) -> SessionTimer {
        var copy = self
        copy.interval = max(interval, minSE, Self.absoluteMinimum)
        return copy
    }
}

/// How we answer a request's session-timer ask as UAS (RFC 4028 §9), per our settings.
public struct SessionTimerPolicy: Hashable, Sendable {
    /// The smallest interval we accept (our Min-SE); requests below it get 422.
    public var minimumInterval: UInt32
    /// The largest interval we agree to; a larger request is lowered to it (never below the request's Min-SE).
    public var maximumInterval: UInt32

    public init(minimumInterval: UInt32 = SessionTimer.absoluteMinimum, maximumInterval: UInt32 = SessionTimer.recommendedInterval) {
        self.minimumInterval = max(SessionTimer.absoluteMinimum, minimumInterval)
        self.maximumInterval = max(self.minimumInterval, maximumInterval)
    }

    /// The outcome of answering one INVITE or UPDATE.
    public enum Outcome: Hashable, Sendable {
        /// The peer did not ask (no Session-Expires): no timer.
        case notUsed
        /// Session-Expires below our Min-SE: answer 422 with `Min-SE: minSE` (§6).
        case tooSmall(minSE: UInt32)
        /// Put `timer.header` in the 2xx, with `Require: timer` when `requireTimer` (the UAC supports it, §9).
        case agreed(SessionTimer, requireTimer: Bool)
    }

    /// RFC 4028 §9: a request with Session-Expires below our minimum is refused with 422; otherwise the
    /// interval is the request's, lowered to our maximum but never below the request's Min-SE; the
    /// refresher is the request's choice, else the UAC when it supports `timer`, else us.
    public func answer(_ request: SIPRequest) -> Outcome {
        guard let asked = request.headers.sessionExpires else { return .notUsed }
        guard asked.seconds >= minimumInterval else { return .tooSmall(minSE: minimumInterval) }
        let peerMinimum = max(request.headers.minSE ?? SessionTimer.absoluteMinimum, minimumInterval)
        let interval = max(min(asked.seconds, maximumInterval), peerMinimum)
        let uacSupports = request.headers.supported.contains { $0.sipCaseInsensitiveEquals("timer") }
            || request.headers.require.contains { $0.sipCaseInsensitiveEquals("timer") }
        let refresher = asked.refresher ?? (uacSupports ? .uac : .uas)
        return .agreed(SessionTimer(interval: interval, refresher: uacSupports ? refresher : .uas, localRole: .uas),
                       requireTimer: uacSupports)
    }
}
