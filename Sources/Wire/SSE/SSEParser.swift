/// Incremental `text/event-stream` parser following the WHATWG EventSource rules: a leading UTF-8 BOM
/// is skipped, lines end in CRLF, LF or CR (a CRLF split across two reads counts once), `:` lines are
/// comments, `data:` lines are joined with "\n", `event:`, `id:` (ignored if it holds NUL) and `retry:`
/// (digits only) are applied, and a blank line dispatches the event (none if no data arrived). Any
/// chunking of the input gives the same events. Lines of one event beyond `maxEventBytes` fail.
public struct SSEParser: Sendable {
    /// Generous for LLM streams, where one event is a JSON chunk of a few hundred bytes.
    public static let defaultMaxEventBytes = 1024 * 1024
    /// WHATWG: a UTF-8 byte order mark at the start of the stream is dropped.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public let maxEventBytes: Int
    /// The last event ID, updated on every dispatch (send it as `Last-Event-ID` when reconnecting).
    public var lastEventID: String { builder.lastEventID }
    /// The reconnection time the server asked for with `retry:`, in milliseconds.
    public var retryMilliseconds: Int? { builder.retryMilliseconds }

    private var input = ByteQueue()
    private var checkedForBOM = false
    /// The last line ended with a CR at the end of the input; a LF arriving next belongs to it.
    private var skipLineFeed = false
    private var scanned = 0
    private var builder = SSEEventBuilder()
    private var failure: SSEParseError?

    public init(maxEventBytes: Int = defaultMaxEventBytes) {
        self.maxEventBytes = max(0, maxEventBytes)
    }

    public var bufferedByteCount: Int { input.count + builder.bufferedByteCount }

    public mutating func append(_ bytes: [UInt8]) { input.append(bytes[...]) }
    public mutating func append(_ bytes: ArraySlice<UInt8>) { input.append(bytes) }
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { input.append(bytes) }

    /// The next dispatched event, or nil when more bytes are needed.
    public mutating func nextEvent() throws(SSEParseError) -> SSEEvent? {
        if let failure { throw failure }
        do throws(SSEParseError) {
            return try parse()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func parse() throws(SSEParseError) -> SSEEvent? {
        guard skipByteOrderMark() else { return nil }
        while true {
            if skipLineFeed {
                guard !input.isEmpty else { return nil }
                if input[0] == ASCII.lf { input.consume(1) }
                skipLineFeed = false
            }
            guard let (length, terminator) = try scanLine() else { return nil }
            if length == 0 {
                input.consume(terminator)
                if let event = builder.dispatch() { return event }
                continue
            }
            input.withBytes(from: 0, length: length) { builder.apply(line: $0) }
            input.consume(length + terminator)
        }
    }

    /// True once the start of the stream is known to have no BOM left (skipping it if present).
    private mutating func skipByteOrderMark() -> Bool {
        if checkedForBOM { return true }
        let available = min(input.count, Self.byteOrderMark.count)
        for i in 0..<available where input[i] != Self.byteOrderMark[i] {
            checkedForBOM = true
            return true
        }
        guard available == Self.byteOrderMark.count else { return false }
        input.consume(available)
        checkedForBOM = true
        return true
    }

    /// Finds the end of the line at the front: (content length, terminator length), nil if incomplete.
    private mutating func scanLine() throws(SSEParseError) -> (Int, Int)? {
        enum Scan { case line(Int, Int, skipLineFeed: Bool), needMore(Int), tooLong(Int) }
        let limit = maxEventBytes - builder.eventBytes
        let start = scanned
        let scan: Scan = input.withBytes(from: 0, length: input.count) { bytes in
            var i = start
            while i < bytes.count {
                let b = bytes[i]
                if b == ASCII.lf { return .line(i, 1, skipLineFeed: false) }
                if b == ASCII.cr {
                    // A CR ending this read may be the first half of a CRLF: skip a LF that comes next.
                    guard i + 1 < bytes.count else { return .line(i, 1, skipLineFeed: true) }
                    return .line(i, bytes[i + 1] == ASCII.lf ? 2 : 1, skipLineFeed: false)
                }
                if i >= limit { return .tooLong(i) }
                i += 1
            }
            return .needMore(i)
        }
        switch scan {
        case .line(let length, let terminator, let skip):
            scanned = 0
            skipLineFeed = skip
            return (length, terminator)
        case .needMore(let position):
            scanned = position
            return nil
        case .tooLong(let position):
            throw SSEParseError(.eventTooLarge, at: input.offset + position)
        }
    }
}
