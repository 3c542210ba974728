import SIP

/// When a registration is refreshed or retried (RFC 3261 §10.2.4, protocols.md §7.8): refresh at 85 % of
/// the granted lifetime (and at least `minimumRefresh` before it ends), retry failures with exponential
/// backoff capped at `maximumBackoff`. Pure.
public struct RegistrationSchedule: Sendable, Hashable {
    /// Refresh at this fraction of the granted expiry (protocols.md §7.8: 50–80 %; 85 % still leaves
    /// 90 s of a 600 s binding for retries).
    public static let refreshFraction = 0.85
    public var initialBackoff: Duration
    public var maximumBackoff: Duration

    public init(initialBackoff: Duration = .seconds(5), maximumBackoff: Duration = .seconds(300)) {
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// How long after a 2xx granting `grantedSeconds` to send the refresh.
    public func refreshDelay(grantedSeconds: Int) -> Duration {
        .milliseconds(max(500, Int(Double(grantedSeconds * 1000) * Self.refreshFraction)))
    }

    /// The delay before retry number `failures` (1 = the first failure): doubling, capped.
    public func backoff(failures: Int) -> Duration {
        var delay = initialBackoff
        for _ in 1..<max(1, min(failures, 32)) where delay < maximumBackoff { delay = delay * 2 }
        return min(delay, maximumBackoff)
    }

    /// The lifetime the registrar granted our contact: the `expires` parameter of the Contact in the 2xx
    /// that matches ours (by user and host), else the response's Expires header, else what we asked for.
    public static func grantedSeconds(_ response: SIPResponse, contactUser: String, requested: Int) -> Int {
        for contact in response.headers.contact?.addresses ?? [] {
            guard let uri = contact.address.uri.sipURI, uri.unescapedUser == contactUser else { continue }
            if let text = contact.parameters.first(named: "expires")?.value, let seconds = Int(text) { return seconds }
        }
        if let expires = response.headers.expires { return Int(expires) }
        return requested
    }
}

/// Where a registration stands, as logs, metrics and tests see it.
public enum SIPRegistrationState: Sendable, Hashable {
    case registering
    /// Bound for `expires` seconds.
    case registered(expires: Int)
    /// The last attempt failed with `status` (nil: no answer); retried after a backoff.
    case failed(status: Int?)
    /// Removed (expires=0 answered) or never sent.
    case unregistered
}
