import Foundation

struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Runs `body`, failing with `TimedOut` after `timeout` (a guard against hangs, never a speed check).
func withTimeout<T: Sendable>(_ timeout: Duration = .seconds(10), _ what: String = "operation",
                              _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimedOut(what: what)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Events pushed from loop threads and awaited by a test, with a timeout on every wait.
final class EventLog<Event: Sendable>: Sendable {
    let stream: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream(of: Event.self) }

    func record(_ event: Event) { continuation.yield(event) }

    /// The first event matching `predicate`, skipping others.
    func first(within timeout: Duration = .seconds(10), _ what: String = "event",
               where predicate: @escaping @Sendable (Event) -> Bool = { _ in true }) async throws -> Event {
        let stream = self.stream
        return try await withTimeout(timeout, what) {
            for await event in stream where predicate(event) { return event }
            throw TimedOut(what: what)
        }
    }
}

/// The open descriptors of this process that are TCP sockets with local port `port` (a server's
/// listener and its accepted connections), found through /proc/net/tcp's inode column.
func descriptorsOfTCPPort(_ port: UInt16) -> Int {
    let data = FileHandle(forReadingAtPath: "/proc/net/tcp")?.readDataToEndOfFile() ?? Data()
    let hexPort = String(format: "%04X", port)
    var inodes: Set<String> = []
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
        let columns = line.split(separator: " ", omittingEmptySubsequences: true)
        guard columns.count > 9, columns[1].hasSuffix(":\(hexPort)") else { continue }
        inodes.insert("socket:[\(columns[9])]")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return entries.filter { entry in
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)") else { return false }
        return inodes.contains(target)
    }.count
}
