import Foundation
import Synchronization

/// A real third-party peer (openssl, curl, python3) run by a test: its stdout and stderr lines are
/// collected, and a test awaits a line matching a predicate (never sleeps for it).
final class ChildProcess: Sendable {
    struct TimedOut: Error, CustomStringConvertible {
        let what: String
        let output: [String]
        var description: String { "timed out waiting for \(what); output so far:\n" + output.joined(separator: "\n") }
    }

    private struct Waiter {
        let id: Int
        let predicate: @Sendable (String) -> Bool
        let continuation: CheckedContinuation<String, any Error>
    }

    private struct State {
        var lines: [String] = []
        var partial: [UInt8] = []
        var waiters: [Waiter] = []
        var outputEnded = false
        var exitStatus: Int32?
        var exitWaiters: [CheckedContinuation<Int32, Never>] = []
        var nextID = 0
    }

    private let state = Mutex(State())
    private let input: FileHandle
    let pid: Int32

    /// Starts `executable` with `arguments`; stdin is a pipe the test can write to.
    init(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = inputPipe
        input = inputPipe.fileHandleForWriting
        let reader = output.fileHandleForReading
        try process.run()
        pid = process.processIdentifier
        Thread.detachNewThread { [self] in
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                append(Array(data))
            }
            endOutput()
        }
        Thread.detachNewThread { [self] in
            process.waitUntilExit()
            let status = process.terminationStatus
            let waiters = state.withLock { state in
                state.exitStatus = status
                defer { state.exitWaiters = [] }
                return state.exitWaiters
            }
            waiters.forEach { $0.resume(returning: status) }
        }
    }

    /// Every line printed so far.
    var lines: [String] { state.withLock { $0.lines } }

    /// The first line (already printed or still to come) for which `predicate` holds.
    func line(timeout: Duration = .seconds(20), _ what: String, where predicate: @escaping @Sendable (String) -> Bool) async throws -> String {
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

    /// The line containing `text`.
    func line(containing text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await line(timeout: timeout, "a line containing \"\(text)\"") { $0.contains(text) }
    }

    /// The exit status, once the process has ended.
    func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if let status = state.exitStatus { continuation.resume(returning: status) } else { state.exitWaiters.append(continuation) }
            }
        }
    }

    func writeInput(_ text: String) { try? input.write(contentsOf: Data(text.utf8)) }
    func closeInput() { try? input.close() }

    /// Ends the process (SIGTERM to its own pid) if it is still running.
    func terminate() {
        if state.withLock({ $0.exitStatus == nil }) { kill(pid, SIGTERM) }
    }

    private func append(_ bytes: [UInt8]) {
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

    private func endOutput() {
        let waiters = state.withLock { state in
            if !state.partial.isEmpty { state.lines.append(String(decoding: state.partial, as: UTF8.self)) }
            state.outputEnded = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters {
            waiter.continuation.resume(throwing: TimedOut(what: "a line (process output ended)", output: lines))
        }
    }

    private func failWaiter(_ id: Int, _ error: any Error) {
        let waiter = state.withLock { state in
            state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0) }
        }
        waiter?.continuation.resume(throwing: error)
    }

    deinit { terminate() }
}
