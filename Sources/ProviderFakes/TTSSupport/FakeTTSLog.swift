import Synchronization

/// What a fake TTS server saw, in order: requests (with headers and body), early client closes, context
/// cancellations. Tests await an event with `waitFor` instead of sleeping.
public final class FakeTTSLog: Sendable {
    /// One observation.
    public enum Event: Sendable, Equatable {
        /// A request arrived (HTTP request, or a WebSocket generation/text message).
        case request(FakeTTSRequest)
        /// The client closed the connection before the answer was complete (HTTP cancellation).
        case clientClosedEarly(path: String)
        /// A Cartesia `cancel` message for this context arrived.
        case contextCancelled(String)
        /// A WebSocket connection was accepted.
        case socketOpened
        /// A WebSocket connection ended.
        case socketClosed
    }

    private struct Waiter {
        let predicate: @Sendable (Event) -> Bool
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var events: [Event] = []
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func record(_ event: Event) {
        let woken = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.events.append(event)
            let matching = state.waiters.filter { $0.value.predicate(event) }
            for key in matching.keys { state.waiters[key] = nil }
            return matching.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume(returning: true) }
    }

    public var events: [Event] { state.withLock { $0.events } }

    /// Every request seen, in order.
    public var requests: [FakeTTSRequest] {
        events.compactMap { if case .request(let request) = $0 { request } else { nil } }
    }

    /// True as soon as an event matching `predicate` was (or is) recorded; false after `timeout`.
    public func waitFor(timeout: Duration = .seconds(10), _ predicate: @escaping @Sendable (Event) -> Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            let key = state.withLock { state -> Int? in
                if state.events.contains(where: predicate) { return nil }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = Waiter(predicate: predicate, continuation: continuation)
                return state.nextWaiter
            }
            guard let key else {
                continuation.resume(returning: true)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                let expired = self.state.withLock { $0.waiters.removeValue(forKey: key) }
                expired?.continuation.resume(returning: false)
            }
        }
    }
}

/// A request as a fake saw it.
public struct FakeTTSRequest: Sendable, Equatable {
    public var method: String
    /// Path without the query.
    public var path: String
    public var query: [String: String]
    /// Header names lower-cased.
    public var headers: [String: String]
    /// The body (HTTP) or the message text (WebSocket).
    public var body: String

    public init(method: String, path: String, query: [String: String], headers: [String: String], body: String) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// `a=1&b=2` → `["a": "1", "b": "2"]` (percent-escapes decoded).
    public static func parseQuery(_ query: Substring?) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[percentDecoded(String(parts[0]))] = parts.count > 1 ? percentDecoded(String(parts[1])) : ""
        }
        return result
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
