import SwitchboardTesting
import Foundation
import Synchronization

/// A process run by a test (the `switchboard` binary, curl, python3): stdout and stderr lines are
/// collected together, a test awaits a line or the exit (never sleeping for it). Killed with SIGKILL
/// (by its own pid) if still running when dropped.
final class ChildProcess: Sendable {
    private let output = LineCollector()
    private let input: FileHandle
    let pid: Int32

    /// Runs `executable`; `environment` is added to this process's environment.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
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

    deinit { if !output.hasExited { kill(pid, SIGKILL) } }

    var lines: [String] { output.lines }

    func line(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        try await output.line(timeout: timeout, "a line containing \"\(text)\"") { $0.contains(text) }
    }

    func writeLine(_ text: String) { try? input.write(contentsOf: Data((text + "\n").utf8)) }

    /// Closes the child's standard input (it reads end of input).
    func closeInput() { try? input.close() }

    func signal(_ signal: Int32) { kill(pid, signal) }

    /// The exit status once the process exited and its output is collected; fails after `timeout`.
    /// On timeout the process is killed (SIGKILL) before the error is thrown: the exit waiter cannot be
    /// cancelled, so the group would otherwise wait for it forever.
    func exitStatus(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let output = output
        let pid = pid
        return try await withThrowingTaskGroup(of: Int32.self) { group in
            group.addTask { await output.exitStatus() }
            group.addTask {
                try await Task.sleep(for: timeout)
                let lines = output.lines
                kill(pid, SIGKILL)
                throw LineCollector.TimedOut(what: "process exit", output: lines)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}

/// Where the `switchboard` binary under test is: `$SWITCHBOARD_BINARY`, else next to this test
/// bundle (SwiftPM puts every product of a build in one folder), else `<package>/.build/debug`.
enum SwitchboardBinary {
    struct NotBuilt: Error, CustomStringConvertible {
        let looked: [String]
        var description: String { "switchboard binary not found (build it: swift build --product switchboard); looked at \(looked)" }
    }

    /// The package root, from this file's path (Tests/EndToEndTests/Support/ChildProcess.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path() throws -> String {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["SWITCHBOARD_BINARY"] { candidates.append(configured) }
        if let testBinary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("switchboard").path)
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/switchboard").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw NotBuilt(looked: candidates)
        }
        return found
    }
}
