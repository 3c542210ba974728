import Foundation
import Synchronization

/// Where `switchboard chat` writes: whole lines to stdout, unbuffered (the output is often a
/// pipe read line by line), from any thread.
final class ChatOutput: Sendable {
    private let lock = Mutex(())

    func line(_ text: String) {
        write(text + "\n")
    }

    private func write(_ text: String) {
        lock.withLock { _ in FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    /// Text with no newline (the interactive prompt).
    func prompt(_ text: String) {
        write(text)
    }
}

/// Standard input's lines, read on a thread of their own (a blocking `readLine` must not hold a
/// thread of Swift's cooperative pool). The stream ends at end of input.
enum StandardInputLines {
    static func stream() -> AsyncStream<String> {
        let (lines, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
        Thread.detachNewThread {
            while let line = readLine(strippingNewline: true) { continuation.yield(line) }
            continuation.finish()
        }
        return lines
    }

    /// Whether a person types (a terminal) rather than a pipe or file.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }
}
