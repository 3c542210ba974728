/// A moment in a call, as time since the call started. The turn machine never reads a clock: its owner
/// passes the current `CallInstant` with every event, so tests run on a virtual clock.
public struct CallInstant: InstantProtocol, Sendable, Hashable, CustomStringConvertible {
    /// Time elapsed since the call started (answer or stream start).
    public var sinceCallStart: Duration

    public init(sinceCallStart: Duration) {
        self.sinceCallStart = sinceCallStart
    }

    /// The instant the call started.
    public static let callStart = CallInstant(sinceCallStart: .zero)

    /// `ms` milliseconds into the call.
    public static func milliseconds(_ ms: Int64) -> CallInstant { CallInstant(sinceCallStart: .milliseconds(ms)) }

    public func advanced(by duration: Duration) -> CallInstant {
        CallInstant(sinceCallStart: sinceCallStart + duration)
    }

    public func duration(to other: CallInstant) -> Duration { other.sinceCallStart - sinceCallStart }

    public static func < (lhs: CallInstant, rhs: CallInstant) -> Bool { lhs.sinceCallStart < rhs.sinceCallStart }

    public static func - (lhs: CallInstant, rhs: CallInstant) -> Duration { lhs.sinceCallStart - rhs.sinceCallStart }

    public var description: String {
        let ms = sinceCallStart.components.seconds * 1000 + sinceCallStart.components.attoseconds / 1_000_000_000_000_000
        return "t+\(ms)ms"
    }
}
