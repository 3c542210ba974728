import Synchronization

/// The lines a child process printed, and the tests waiting for some of them: a test awaits a line or
/// the exit, never sleeping for it. Shared by every test target that runs real peers.
public final class LineCollector: Sendable {
    /// A wait that ran out of time (or whose process ended first), with the output so far.
    public struct TimedOut: Error, CustomStringConvertible {
        public let what: String
        public let output: [String]
        public init(what: String, output: [String]) { self.what = what; self.output = output }
        public var description: String { "timed out waiting for \(what); output so far:\n" + output.joined(separator: "\n") }
    }

    private struct Waiter {
        let id: Int
        let predicate: @Sendable (String) -> Bool
        let continuation: CheckedContinuation<String, any Error>
    }

    private struct State {
        public var lines: [String] = []
        var partial: [UInt8] = []
        var waiters: [Waiter] = []
        var outputEnded = false
        var exitStatus: Int32?
        var exitWaiters: [CheckedContinuation<Int32, Never>] = []
        var nextID = 0
    }

    private let state = Mutex(State())

    public init() {}

    public var lines: [String] { state.withLock { $0.lines } }
    public var hasExited: Bool { state.withLock { $0.exitStatus != nil } }

    public func line(timeout: Duration, _ what: String, where predicate: @escaping @Sendable (String) -> Bool) async throws -> String {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let timer = Task { [self] in
            try await Task.sleep(for: timeout)
            failWaiter(id, TimedOut(what: what, output: lines))
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            state.withLock { state in
                if let line = state.lines.first(where: predicate) {
                    continuation.resume(returning: line)
                } else if state.outputEnded {
                    continuation.resume(throwing: TimedOut(what: what + " (process output ended)", output: state.lines))
                } else {
                    state.waiters.append(Waiter(id: id, predicate: predicate, continuation: continuation))
                }
            }
        }
    }

    /// The exit status, once the process has exited and all its output has been collected.
    public func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if let status = state.exitStatus, state.outputEnded {
                    continuation.resume(returning: status)
                } else {
                    state.exitWaiters.append(continuation)
                }
            }
        }
    }

    public func exited(_ status: Int32) {
        state.withLock { $0.exitStatus = status }
        releaseExitWaiters()
    }

    private func releaseExitWaiters() {
        let (status, waiters) = state.withLock { state -> (Int32, [CheckedContinuation<Int32, Never>]) in
            guard let status = state.exitStatus, state.outputEnded else { return (0, []) }
            defer { state.exitWaiters = [] }
            return (status, state.exitWaiters)
        }
        waiters.forEach { $0.resume(returning: status) }
    }

    public func append(_ bytes: [UInt8]) {
        let ready: [(CheckedContinuation<String, any Error>, String)] = state.withLock { state in
            state.partial += bytes
            var ready: [(CheckedContinuation<String, any Error>, String)] = []
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: state.partial[..<newline], as: UTF8.self)
                state.partial.removeSubrange(...newline)
                state.lines.append(line)
                state.waiters.removeAll { waiter in
                    guard waiter.predicate(line) else { return false }
                    ready.append((waiter.continuation, line))
                    return true
                }
            }
            return ready
        }
        ready.forEach { $0.0.resume(returning: $0.1) }
    }

    public func endOutput() {
        let waiters = state.withLock { state in
            if !state.partial.isEmpty { state.lines.append(String(decoding: state.partial, as: UTF8.self)) }
            state.outputEnded = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: TimedOut(what: "a line (process output ended)", output: lines))
        }
        releaseExitWaiters()
    }

    private func failWaiter(_ id: Int, _ error: any Error) {
        let waiter = state.withLock { state in
            state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0) }
        }
        waiter?.continuation.resume(throwing: error)
    }
}
