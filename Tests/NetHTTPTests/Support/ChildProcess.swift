import SwitchboardTesting
import Foundation
import Synchronization

/// A real third-party peer (curl, python3) run by a test: stdout and stderr lines are collected (stderr
/// separately too), and a test awaits a line matching a predicate or the exit, never sleeping for it.
/// Killed (SIGKILL to its own pid) when dropped.
final class ChildProcess: Sendable {
    private let output = LineCollector()
    private let errorOutput = LineCollector()
    private let input: FileHandle
    let pid: Int32

    init(_ executable: String, _ arguments: [String], stdin data: [UInt8]? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        input = inputPipe.fileHandleForWriting
        try process.run()
        pid = process.processIdentifier
        for (pipe, collector) in [(outputPipe, output), (errorPipe, errorOutput)] {
            let reader = pipe.fileHandleForReading
            Thread.detachNewThread {
                while true {
                    let data = reader.availableData
                    if data.isEmpty { break }
                    collector.append(Array(data))
                }
                collector.endOutput()
            }
        }
        let output = output
        let errorOutput = errorOutput
        Thread.detachNewThread {
            process.waitUntilExit()
            output.exited(process.terminationStatus)
            errorOutput.exited(process.terminationStatus)
        }
        if let data {
            let input = input
            Thread.detachNewThread {
                try? input.write(contentsOf: Data(data))
                try? input.close()
            }
        }
    }

    deinit { if !output.hasExited { kill(pid, SIGKILL) } }

    var lines: [String] { output.lines }
    var errorLines: [String] { errorOutput.lines }

    func line(containing text: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await output.line(timeout: timeout, "a line containing \"\(text)\"") { $0.contains(text) }
    }

    func writeLine(_ text: String) { try? input.write(contentsOf: Data((text + "\n").utf8)) }

    /// Waits for the exit (and all output), failing after `timeout`.
    func finish(timeout: Duration = .seconds(30)) async throws -> ProcessResult {
        let status = try await withTimeout(timeout, "process \(pid) to exit") { [output] in await output.exitStatus() }
        _ = await errorOutput.exitStatus()
        return ProcessResult(status: status, stdout: output.lines, stderr: errorOutput.lines)
    }
}

/// What a finished child printed.
struct ProcessResult: Sendable {
    let status: Int32
    let stdout: [String]
    let stderr: [String]

    var output: String { stdout.joined(separator: "\n") }
    var errors: String { stderr.joined(separator: "\n") }
}

/// Runs `python3 -c script args…` to completion (Debian's python3, which has `websockets` 10.4).
func runPython(_ script: String, _ arguments: [String] = [], timeout: Duration = .seconds(30)) async throws -> ProcessResult {
    try await ChildProcess("/usr/bin/python3", ["-c", script] + arguments).finish(timeout: timeout)
}

/// Runs curl to completion.
func runCurl(_ arguments: [String], stdin: [UInt8]? = nil, timeout: Duration = .seconds(30)) async throws -> ProcessResult {
    try await ChildProcess("/usr/bin/curl", ["--max-time", "20"] + arguments, stdin: stdin).finish(timeout: timeout)
}
