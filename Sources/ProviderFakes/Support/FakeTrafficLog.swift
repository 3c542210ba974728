import Synchronization

/// What a fake provider server received, for tests to assert on: request heads, audio bytes exactly
/// as they arrived, text messages, uploads and how each stream ended.
public struct FakeTraffic: Sendable {
    /// One request (or WebSocket upgrade) head.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: String
        public var headers: [(name: String, value: String)]

        /// The first value of header `name` (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The values of query parameter `name`, percent-decoding not applied.
        public func queryValues(_ name: String) -> [String] {
            query.split(separator: "&").compactMap { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return parts.first.map(String.init) == name ? (parts.count > 1 ? String(parts[1]) : "") : nil
            }
        }
    }

    public var requests: [Request] = []
    /// Every audio byte received, in order, over all streams.
    public var audio: [UInt8] = []
    public var audioMessages = 0
    /// Text messages from clients, in order.
    public var textMessages: [String] = []
    /// Files uploaded (batch transcription).
    public var uploads: [[UInt8]] = []
    /// Form fields of uploads, by name (the last value wins).
    public var formFields: [String: String] = [:]
    /// Close codes of ended WebSocket streams (1006: the connection was lost without a close frame).
    public var closeCodes: [UInt16] = []
    /// Transcript messages the fake has sent.
    public var resultsSent = 0

    public init() {}
}

/// A fake server's `FakeTraffic`, updated from its loop threads and awaited by tests with a deadline.
public final class FakeTrafficLog: Sendable {
    private struct Waiter {
        var id: Int
        var predicate: @Sendable (FakeTraffic) -> Bool
        var continuation: CheckedContinuation<FakeTraffic?, Never>
    }

    private struct State: ~Copyable {
        var traffic = FakeTraffic()
        var waiters: [Waiter] = []
        var nextID = 0
    }

    private let state = Mutex(State())

    public init() {}

    public var snapshot: FakeTraffic { state.withLock { $0.traffic } }

    func update(_ change: (inout FakeTraffic) -> Void) {
        let ready = state.withLock { state -> [(CheckedContinuation<FakeTraffic?, Never>, FakeTraffic)] in
            change(&state.traffic)
            let traffic = state.traffic
            var ready: [(CheckedContinuation<FakeTraffic?, Never>, FakeTraffic)] = []
            state.waiters.removeAll { waiter in
                guard waiter.predicate(traffic) else { return false }
                ready.append((waiter.continuation, traffic))
                return true
            }
            return ready
        }
        for (continuation, traffic) in ready { continuation.resume(returning: traffic) }
    }

    /// Waits until `predicate` holds (checked at once and after every change); nil after `timeout`.
    public func wait(for timeout: Duration = .seconds(10),
                     until predicate: @escaping @Sendable (FakeTraffic) -> Bool) async -> FakeTraffic? {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        let expiry = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.expire(id)
        }
        defer { expiry.cancel() }
        return await withCheckedContinuation { continuation in
            let now = state.withLock { state -> FakeTraffic? in
                if predicate(state.traffic) { return state.traffic }
                state.waiters.append(Waiter(id: id, predicate: predicate, continuation: continuation))
                return nil
            }
            if let now { continuation.resume(returning: now) }
        }
    }

    private func expire(_ id: Int) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(returning: nil)
    }
}
