import Foundation
import Synchronization

/// A real third-party peer (openssl, curl, python3) run by a test: its stdout and stderr lines are
/// collected, and a test awaits a line matching a predicate (never sleeps for it). Killed (by its own
/// pid) when the test drops it.
public final class PeerProcess: Sendable {
    private let output = LineCollector()
    private let input: FileHandle
    public let pid: Int32

    /// Starts `executable` with `arguments`; stdin is a pipe the test can write to.
    public init(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outputPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = outputPipe
        process.standardInput = inputPipe
        input = inputPipe.fileHandleForWriting
        let reader = outputPipe.fileHandleForReading
        try process.run()
        pid = process.processIdentifier
        let output = output
        Thread.detachNewThread {
            while true {
                let data = reader.availableData
                if data.isEmpty { break }
                output.append(Array(data))
            }
            output.endOutput()
        }
        Thread.detachNewThread {
            process.waitUntilExit()
            output.exited(process.terminationStatus)
        }
    }

    deinit { terminate() }

    /// Every line printed so far.
    public var lines: [String] { output.lines }

    /// The first line (already printed or still to come) for which `predicate` holds.
    public func line(timeout: Duration = .seconds(20), _ what: String, where predicate: @escaping @Sendable (String) -> Bool) async throws -> String {
        try await output.line(timeout: timeout, what, where: predicate)
    }

    /// The line containing `text`.
    public func line(containing text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await line(timeout: timeout, "a line containing \"\(text)\"") { $0.contains(text) }
    }

    /// The exit status, once the process has ended.
    public func exitStatus() async -> Int32 { await output.exitStatus() }

    public func writeInput(_ text: String) { try? input.write(contentsOf: Data(text.utf8)) }

    /// Ends the process (SIGKILL to its own pid) if it is still running. Not SIGTERM: children inherit
    /// the test runner's blocked signal mask, in which SIGTERM stays pending forever.
    public func terminate() {
        if !output.hasExited { kill(pid, SIGKILL) }
    }
}
