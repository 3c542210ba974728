/// A point in time for the SIP state machines and the digest challenger, measured from an origin the
/// owner picks (for example when the process started). The shell passes the current instant with
/// every event; nothing in `SIP` reads a clock, so tests run on a virtual one.
public struct SIPInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var sinceOrigin: Duration

    public init(sinceOrigin: Duration) { self.sinceOrigin = sinceOrigin }

    public static let origin = SIPInstant(sinceOrigin: .zero)
    public static func milliseconds(_ ms: Int64) -> SIPInstant { SIPInstant(sinceOrigin: .milliseconds(ms)) }

    public func advanced(by duration: Duration) -> SIPInstant { SIPInstant(sinceOrigin: sinceOrigin + duration) }
    public func duration(since other: SIPInstant) -> Duration { sinceOrigin - other.sinceOrigin }

    /// Whole milliseconds since the origin, clamped at 0.
    public var milliseconds: UInt64 {
        let (seconds, attoseconds) = sinceOrigin.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1000 &+ UInt64(attoseconds / 1_000_000_000_000_000)
    }

    public static func < (lhs: SIPInstant, rhs: SIPInstant) -> Bool { lhs.sinceOrigin < rhs.sinceOrigin }
    public var description: String { "t+\(sinceOrigin)" }
}
