import Glibc
import Speech

/// Reads a running espeak-ng child's stdout and stderr until stdout ends, decoding audio as it
/// arrives and handing each chunk on (which may block: that is the backpressure). Runs on the
/// synthesis's reader thread; `poll` bounds every wait by the stall timeout.
struct EspeakPump: ~Copyable {
    /// How reading ended.
    enum Outcome: Equatable {
        /// stdout closed; the child is exiting.
        case endOfOutput
        /// The consumer went away.
        case cancelled
        case failed(ProviderError)
    }

    /// The start of what the child wrote on stderr (espeak-ng's error messages), trimmed.
    var errorText: String {
        String(decoding: errorBytes, as: UTF8.self).trimmed(of: " \n\r\t")
    }

    private let child: ChildProcess
    private let stallTimeout: Duration
    private var decoder: EspeakOutputDecoder
    private var errorBytes: [UInt8] = []
    private var errorOpen = true

    init(child: ChildProcess, outputRate: Int, samplesPerChunk: Int, stallTimeout: Duration) {
        self.child = child
        self.stallTimeout = stallTimeout
        self.decoder = EspeakOutputDecoder(outputRate: outputRate, samplesPerChunk: samplesPerChunk)
    }

    /// Pumps until stdout ends; `deliver` returns false when the consumer is gone.
    mutating func run(deliver: ([Int16]) -> Bool) -> Outcome {
        var buffer = [UInt8](repeating: 0, count: EspeakSynthesis.readSize)
        while true {
            var fds = [pollfd(fd: child.standardOutput, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: errorOpen ? child.standardError : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, Int32(stallTimeout.milliseconds))
            if ready < 0 {
                if errno == EINTR { continue }
                return .failed(.connectionLost)
            }
            if ready == 0 { return .failed(.timeout(decoder.hasHeader ? .midStream : .firstResponse)) }
            if fds[1].revents != 0 { readError() }
            guard fds[0].revents != 0 else { continue }
            let count = read(child.standardOutput, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(.connectionLost)
            }
            if count == 0 {
                drainError()
                return .endOfOutput
            }
            do {
                for chunk in try decoder.consume(Array(buffer[..<count])) where !deliver(chunk) {
                    return .cancelled
                }
            } catch {
                return .failed(error)
            }
        }
    }

    /// After a clean exit: the audio still inside the decoder.
    mutating func finishDecoding() throws(ProviderError) -> [[Int16]] {
        try decoder.finish()
    }

    /// Reads what stderr has now (keeping at most `maximumErrorText` bytes).
    private mutating func readError() {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = read(child.standardError, &buffer, buffer.count)
        if count <= 0 {
            if count == 0 || errno != EINTR { errorOpen = false }
            return
        }
        let room = EspeakSynthesis.maximumErrorText - errorBytes.count
        if room > 0 { errorBytes += buffer[..<min(count, room)] }
    }

    /// Reads stderr to its end once stdout has closed (the child is exiting), within the stall timeout.
    private mutating func drainError() {
        while errorOpen {
            var fds = [pollfd(fd: child.standardError, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, Int32(stallTimeout.milliseconds)) > 0 else { return }
            readError()
        }
    }
}

extension Duration {
    /// Whole milliseconds (rounded down), for `poll` timeouts and sample counts.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmed(of set: String) -> String {
        let set = Set(set)
        guard let first = firstIndex(where: { !set.contains($0) }),
              let last = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
