/// The HTTP/1.1 message state machine shared by `HTTPRequestParser` and `HTTPResponseParser`:
/// start line, field lines, body framing (content-length, chunked with trailers, until close) and
/// pipelining. It buffers only what it has not yet turned into events.
struct HTTPMessageParser {
    enum Role { case request, response }

    enum Event {
        case requestHead(HTTPRequestHead)
        case responseHead(HTTPResponseHead)
        case body([UInt8])
        case end(trailers: HTTPHeaders)
    }

    enum State {
        case startLine
        case fields
        case body(remaining: Int, chunked: Bool)
        case chunkSizeLine
        case chunkDataEnd
        case trailers
        case bodyUntilClose
        case endPending(HTTPHeaders)
        /// After a message that switches protocols; the rest of the input belongs to the new protocol.
        case paused
        /// The input ended between messages.
        case finished
        case failed(HTTPParseError)
    }

    let role: Role
    let limits: HTTPParserLimits
    var input = ByteQueue()
    var state = State.startLine
    var inputEnded = false
    /// Method of the request the next response answers (response role; decides HEAD/CONNECT framing).
    var requestMethod = "GET"

    private var lines = HTTPLineScanner()
    var head = PendingHead()

    /// The message being read: start line parts, fields so far and their size.
    struct PendingHead {
        var request: HTTPStartLine.Request?
        var status: HTTPStartLine.Status?
        var fields = HTTPHeaders(reservingCapacity: 16)
        var fieldBytes = 0
        var framing = HTTPFramingFields()
        var bodyBytes = 0
        var switchesProtocol = false
    }

    init(role: Role, limits: HTTPParserLimits) {
        self.role = role
        self.limits = limits
    }

    mutating func next() throws(HTTPParseError) -> Event? {
        if case .failed(let error) = state { throw error }
        do throws(HTTPParseError) {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .startLine:
                guard let line = try lines.nextLine(in: input, limit: limits.maxStartLineBytes, tooLong: .startLineTooLong) else {
                    return try waitForStart()
                }
                // RFC 9112 §2.2: ignore empty lines received before a start line.
                if line.length > 0 { try parseStartLine(line) }
                input.consume(line.totalLength)
            case .fields, .trailers:
                let isTrailer = if case .trailers = state { true } else { false }
                let remaining = limits.maxHeaderBytes - head.fieldBytes
                let limit = min(limits.maxFieldLineBytes, remaining)
                let kind: HTTPParseError.Kind = remaining < limits.maxFieldLineBytes ? .headerSectionTooLarge : .fieldLineTooLong
                guard let line = try lines.nextLine(in: input, limit: limit, tooLong: kind) else { return try waitInsideMessage() }
                if line.length == 0 {
                    let endOffset = input.offset
                    input.consume(line.totalLength)
                    if isTrailer { return finishMessage(trailers: head.fields) }
                    return try finishHead(endOffset: endOffset)
                }
                try parseFieldLine(line, isTrailer: isTrailer)
                input.consume(line.totalLength)
            case .body(let remaining, let chunked):
                guard !input.isEmpty else { return try waitInsideMessage() }
                let count = min(remaining, input.count)
                let bytes = input.take(count)
                if count == remaining {
                    state = chunked ? .chunkDataEnd : .endPending(HTTPHeaders())
                } else {
                    state = .body(remaining: remaining - count, chunked: chunked)
                }
                return .body(bytes)
            case .chunkSizeLine:
                guard let line = try lines.nextLine(in: input, limit: limits.maxChunkLineBytes, tooLong: .chunkLineTooLong) else {
                    return try waitInsideMessage()
                }
                let size = try chunkSize(line)
                head.bodyBytes += size
                input.consume(line.totalLength)
                state = size == 0 ? .trailers : .body(remaining: size, chunked: true)
                if size == 0 { head.fields = HTTPHeaders(); head.fieldBytes = 0 }
            case .chunkDataEnd:
                guard try consumeChunkTerminator() else { return try waitInsideMessage() }
                state = .chunkSizeLine
            case .bodyUntilClose:
                if !input.isEmpty {
                    let allowed = limits.maxBodyBytes - head.bodyBytes
                    guard allowed > 0 else { throw HTTPParseError(.bodyTooLarge, at: input.offset) }
                    let count = min(allowed, input.count)
                    head.bodyBytes += count
                    return .body(input.take(count))
                }
                guard inputEnded else { return nil }
                return finishMessage(trailers: HTTPHeaders())
            case .endPending(let trailers):
                return finishMessage(trailers: trailers)
            case .paused, .finished:
                return nil
            case .failed(let error):
                throw error
            }
        }
    }

    // MARK: Start line and fields

    private mutating func parseStartLine(_ line: HTTPLine) throws(HTTPParseError) {
        let base = input.offset
        switch role {
        case .request:
            let limits = limits
            head.request = try input.withBytes(from: 0, length: line.length) { bytes throws(HTTPParseError) in
                try HTTPStartLine.parseRequest(bytes, base: base, limits: limits)
            }
        case .response:
            head.status = try input.withBytes(from: 0, length: line.length) { bytes throws(HTTPParseError) in
                try HTTPStartLine.parseStatus(bytes, base: base)
            }
        }
        state = .fields
    }

    private mutating func parseFieldLine(_ line: HTTPLine, isTrailer: Bool) throws(HTTPParseError) {
        let base = input.offset
        let allowFolding = role == .response && !head.fields.isEmpty
        let parsed = try input.withBytes(from: 0, length: line.length) { bytes throws(HTTPParseError) in
            try HTTPFieldLine.parse(bytes, base: base, allowFolding: allowFolding)
        }
        head.fieldBytes += line.length
        switch parsed {
        case .continuation(let text):
            // Folding onto a framing field would change it after `HTTPFramingFields` decided on it.
            if let last = head.fields.fields.last?.name, HTTPFramingFields.isFramingField(last) {
                throw HTTPParseError(.obsoleteLineFolding, at: base)
            }
            head.fields.appendToLastValue(" " + text)
        case .field(let name, let value):
            guard head.fields.count < limits.maxHeaderCount else { throw HTTPParseError(.tooManyFields, at: base) }
            if !isTrailer { try head.framing.observe(name: name, value: value, lineOffset: base) }
            head.fields.add(name: name, value: value)
        }
    }
}
