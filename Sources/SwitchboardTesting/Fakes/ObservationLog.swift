
/// What a fake observed, in order, with a way to wait until the observations satisfy a condition.
/// Tests wait on events this way instead of sleeping; every wait has a timeout so a broken test fails
/// instead of hanging CI. Safe to use from any thread.
public final class ObservationLog<Element: Sendable>: Sendable {
    private struct Waiter {
        let id: Int
        let condition: @Sendable ([Element]) -> Bool
        let continuation: CheckedContinuation<[Element], any Error>
        let timeout: Task<Void, Never>
    }

    private struct State {
        var items: [Element] = []
        var waiters: [Waiter] = []
        var nextWaiter = 0
    }

    private let state = Guarded(State())

    public init() {}

    /// Everything observed so far.
    public var items: [Element] { state.withLock { $0.items } }

    public var count: Int { state.withLock { $0.items.count } }

    /// Records `item` and wakes every waiter whose condition now holds.
    public func append(_ item: Element) {
        let ready: [(Waiter, [Element])] = state.withLock { state in
            state.items.append(item)
            let items = state.items
            let satisfied = state.waiters.filter { $0.condition(items) }
            state.waiters.removeAll { waiter in satisfied.contains { $0.id == waiter.id } }
            return satisfied.map { ($0, items) }
        }
        for (waiter, items) in ready {
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: items)
        }
    }

    /// Returns the observations once `condition` holds for them (at once if it already does), or throws
    /// `WaitTimedOut` after `timeout` of real time.
    @discardableResult
    public func wait(timeout: Duration = .defaultTestTimeout, for what: String = "a condition",
                     until condition: @escaping @Sendable ([Element]) -> Bool) async throws -> [Element] {
        try await withCheckedThrowingContinuation { continuation in
            let immediate: [Element]? = state.withLock { state in
                if condition(state.items) { return state.items }
                let id = state.nextWaiter
                state.nextWaiter += 1
                let timeout = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    self?.expire(id, what: what)
                }
                state.waiters.append(Waiter(id: id, condition: condition, continuation: continuation, timeout: timeout))
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    /// Waits until at least `count` items were observed and returns the item at `count - 1`.
    public func element(_ index: Int, timeout: Duration = .defaultTestTimeout) async throws -> Element {
        let items = try await wait(timeout: timeout, for: "\(Element.self) #\(index)") { $0.count > index }
        return items[index]
    }

    private func expire(_ id: Int, what: String) {
        let expired: (Waiter, Int)? = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return (state.waiters.remove(at: index), state.items.count)
        }
        if let (waiter, count) = expired {
            waiter.continuation.resume(throwing: WaitTimedOut(what: what, observed: count))
        }
    }
}

/// A test waited longer than its timeout for something that never happened.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public let what: String
    public let observed: Int
    public var description: String { "timed out waiting for \(what) (\(observed) observations so far)" }
}

extension Duration {
    /// How long a test waits for an event before failing: generous, so a busy 2-core machine never
    /// fails a correct test, and still bounded so a broken one cannot hang CI.
    public static let defaultTestTimeout: Duration = .seconds(20)
}
