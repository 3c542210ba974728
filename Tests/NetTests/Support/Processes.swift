import Foundation

/// The open descriptors of this process and what each points at (`socket:[inode]`, `anon_inode:[eventpoll]`).
func openDescriptors() -> [Int32: String] {
    var result: [Int32: String] = [:]
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for entry in entries {
        guard let fd = Int32(entry), let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)") else { continue }
        result[fd] = target
    }
    return result
}

/// Entries of /proc/self/fd that are TCP sockets with local port `port` (a server's listener and its
/// accepted connections), found through /proc/net/tcp's inode column. Other tests' sockets never match.
func descriptorsOfTCPPort(_ port: UInt16) -> Int {
    // Read to EOF: /proc files report size 0, and one page holds only the first few dozen sockets.
    let data = FileHandle(forReadingAtPath: "/proc/net/tcp")?.readDataToEndOfFile() ?? Data()
    let table = String(decoding: data, as: UTF8.self)
    let hexPort = String(format: "%04X", port)
    var inodes: Set<String> = []
    for line in table.split(separator: "\n").dropFirst() {
        let columns = line.split(separator: " ", omittingEmptySubsequences: true)
        guard columns.count > 9, columns[1].hasSuffix(":\(hexPort)") else { continue }
        inodes.insert("socket:[\(columns[9])]")
    }
    return openDescriptors().values.filter { inodes.contains($0) }.count
}

/// Names of this process's threads (from /proc/self/task/*/comm).
func threadNames() -> [String] {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
}

struct ProcessOutput: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs `/usr/bin/python3 -c script args...` and returns its output once it exits.
func runPython(_ script: String, _ arguments: [String] = []) async throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", script] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    return try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { finished in
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            continuation.resume(returning: ProcessOutput(status: finished.terminationStatus, stdout: stdout, stderr: stderr))
        }
        do { try process.run() } catch { continuation.resume(throwing: error) }
    }
}
