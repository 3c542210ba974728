import Conversation
import Orchestrator
import Synchronization

/// Follows one chat call: counts the agent's finished replies and sees the end, so the chat waits for
/// each reply before reading the next line; keeps the call record. Both sinks are called on the
/// call's loop thread.
final class ChatTimeline: CallTimelineObserver, CallRecordSink {
    private struct Waiter {
        let afterReplies: Int
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var replies = 0
        var ended = false
        var callerTurns = 0
        var record: CallRecord?
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())

    /// Finished agent replies so far.
    var replies: Int { state.withLock { $0.replies } }
    var hasEnded: Bool { state.withLock { $0.ended } }
    var callerTurns: Int { state.withLock { $0.callerTurns } }
    var record: CallRecord? { state.withLock { $0.record } }

    func call(_ callID: String, recorded entry: TimelineEntry) {
        let ready: [Waiter] = state.withLock { state in
            switch entry {
            case .agentTurn: state.replies += 1
            case .callEnded: state.ended = true
            case .userTurn: state.callerTurns += 1
            default: return []
            }
            let ready = state.waiters.filter { state.ended || state.replies > $0.afterReplies }
            state.waiters.removeAll { state.ended || state.replies > $0.afterReplies }
            return ready
        }
        ready.forEach { $0.continuation.resume() }
    }

    func callEnded(_ record: CallRecord) {
        state.withLock { $0.record = record }
    }

    /// Returns once more than `count` replies have finished, or the call has ended.
    func waitForReply(after count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.ended || state.replies > count { return true }
                state.waiters.append(Waiter(afterReplies: count, continuation: continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }
}
