import Synchronization

/// What the call-control API knows about the outbound calls it started, by API call id: the latest
/// status, the SIP status and reason behind it, and the SIP Call-ID once the INVITE went out. Bounded
/// (the oldest entries are forgotten first). Safe from any thread.
public final class OutboundCallBook: Sendable {
    /// One call as `GET /v1/calls/{id}` shows it.
    public struct Entry: Sendable, Hashable, Codable {
        public var callID: String
        public var status: SIPOutboundCallStatus
        public var sipStatus: Int?
        public var sipCallID: String?
        public var reason: String
        public var agent: String
        public var to: String

        enum CodingKeys: String, CodingKey {
            case callID = "call_id", status, sipStatus = "sip_status", sipCallID = "sip_call_id", reason, agent, to
        }
    }

    /// Entries kept (a day of outbound campaigns is well below this; older ones are dropped).
    public static let defaultCapacity = 10_000

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
    }

    private let state = Mutex(State())
    private let capacity: Int

    public init(capacity: Int = OutboundCallBook.defaultCapacity) { self.capacity = max(1, capacity) }

    func insert(_ entry: Entry) {
        state.withLock { state in
            state.entries[entry.callID] = entry
            state.order.append(entry.callID)
            while state.order.count > capacity { state.entries[state.order.removeFirst()] = nil }
        }
    }

    func update(_ id: String, _ change: (inout Entry) -> Void) {
        state.withLock { state in
            guard var entry = state.entries[id] else { return }
            change(&entry)
            state.entries[id] = entry
        }
    }

    public func entry(_ id: String) -> Entry? { state.withLock { $0.entries[id] } }
}
