import Synchronization

/// The server's live calls: admits new calls up to a limit, finds a call by id, counts calls per agent,
/// and drains on shutdown (stop admitting, wait for calls to end, end the rest at a deadline). A call
/// leaves the registry by itself when its session ends. Safe from any thread.
public final class CallRegistry: Sendable {
    private struct State {
        var sessions: [String: CallSession] = [:]
        var accepting = true
        var emptyWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    /// Calls admitted at once at most (`limits.max_calls`).
    public let maximumCalls: Int
    private let state = Mutex(State())

    public init(maximumCalls: Int) {
        precondition(maximumCalls > 0, "a registry must admit at least one call")
        self.maximumCalls = maximumCalls
    }

    /// Admits `session`; it leaves the registry when it ends.
    public func register(_ session: CallSession) throws(CallRegistryError) {
        try state.withLock { (state) throws(CallRegistryError) in
            guard state.accepting else { throw .draining }
            guard state.sessions.count < maximumCalls else { throw .full(limit: maximumCalls) }
            guard state.sessions[session.callID] == nil else { throw .duplicateCallID(session.callID) }
            state.sessions[session.callID] = session
        }
        let callID = session.callID
        session.ending.whenEnded { [weak self] _ in self?.remove(callID) }
    }

    /// The live call with this id.
    public func session(callID: String) -> CallSession? {
        state.withLock { $0.sessions[callID] }
    }

    /// Live calls.
    public var count: Int { state.withLock { $0.sessions.count } }

    /// Live calls per agent.
    public var countsByAgent: [String: Int] {
        state.withLock { state in
            state.sessions.values.reduce(into: [:]) { counts, session in counts[session.agentName, default: 0] += 1 }
        }
    }

    /// Whether new calls are admitted (false once draining started).
    public var isAccepting: Bool { state.withLock { $0.accepting } }

    /// Stops admitting calls, waits up to `deadline` on `clock` for the live ones to end, then ends the
    /// rest with `terminate(.serverShutdown)`. Returns how many ended by themselves and how many were ended.
    public func drain<C: Clock>(deadline: Duration, clock: C) async -> DrainReport where C.Duration == Duration {
        let before = state.withLock { state in
            state.accepting = false
            return state.sessions.count
        }
        let emptied = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.waitUntilEmpty(); return true }
            group.addTask {
                try? await clock.sleep(until: clock.now.advanced(by: deadline), tolerance: nil)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard !emptied else { return DrainReport(endedByThemselves: before, terminated: 0) }
        let remaining = state.withLock { Array($0.sessions.values) }
        for session in remaining { await session.terminate(.serverShutdown) }
        return DrainReport(endedByThemselves: before - remaining.count, terminated: remaining.count)
    }

    /// Stops admitting calls and waits with no deadline.
    public func drain() async -> DrainReport {
        let before = state.withLock { state in
            state.accepting = false
            return state.sessions.count
        }
        await waitUntilEmpty()
        return DrainReport(endedByThemselves: before, terminated: 0)
    }

    private func remove(_ callID: String) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.sessions[callID] = nil
            guard state.sessions.isEmpty else { return [] }
            defer { state.emptyWaiters.removeAll() }
            return Array(state.emptyWaiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when no call is live, or when the task is cancelled.
    private func waitUntilEmpty() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.sessions.isEmpty || Task.isCancelled { return true }
                    state.emptyWaiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.emptyWaiters.removeValue(forKey: id) }?.resume()
        }
    }
}

/// Why a call was not admitted.
public enum CallRegistryError: Error, Sendable, Hashable {
    /// The server is shutting down.
    case draining
    /// `limit` calls are already live.
    case full(limit: Int)
    /// A live call already has this id.
    case duplicateCallID(String)
}

/// What a drain did.
public struct DrainReport: Sendable, Hashable {
    /// Calls that ended on their own before the deadline.
    public var endedByThemselves: Int
    /// Calls ended with `terminate(.serverShutdown)` at the deadline.
    public var terminated: Int
}
