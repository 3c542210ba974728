/// Head completion, body framing and end-of-input handling for `HTTPMessageParser`.
extension HTTPMessageParser {
    /// Builds the head event and picks the body state once the empty line after the fields arrives.
    mutating func finishHead(endOffset: Int) throws(HTTPParseError) -> Event {
        let (event, framing, switches) = try headEvent(endOffset: endOffset)
        head.switchesProtocol = switches
        switch framing {
        case .empty: state = .endPending(HTTPHeaders())
        case .length(let length): state = .body(remaining: length, chunked: false)
        case .chunked: state = .chunkSizeLine
        case .untilClose: state = .bodyUntilClose
        }
        return event
    }

    /// Emits the end of the current message and gets ready for the next one (pipelining), or pauses
    /// when the message switched protocols, or finishes after a body delimited by the connection close.
    mutating func finishMessage(trailers: HTTPHeaders) -> Event {
        if head.switchesProtocol {
            state = .paused
        } else if case .bodyUntilClose = state {
            state = .finished
        } else {
            state = .startLine
        }
        head = PendingHead()
        return .end(trailers: trailers)
    }

    private func headEvent(endOffset: Int) throws(HTTPParseError) -> (Event, HTTPFraming, Bool) {
        let fields = head.fields, framing = head.framing
        if let request = head.request {
            // RFC 9112 §3.2: a server responds 400 to an HTTP/1.1 request without Host, or with several.
            if framing.hostCount > 1 { throw HTTPParseError(.duplicateHost, at: framing.secondHostOffset) }
            if framing.hostCount == 0 && request.version.isAtLeastHTTP11 { throw HTTPParseError(.missingHost, at: endOffset) }
            let head = HTTPRequestHead(method: request.method, target: request.target, version: request.version, headers: fields)
            let bodyFraming = try framing.decideRequest(version: request.version, maxBodyBytes: limits.maxBodyBytes)
            let switches = head.isUpgradeRequest || request.method == "CONNECT"
            return (.requestHead(head), bodyFraming, switches)
        }
        let status = head.status ?? HTTPStartLine.Status(version: .http1_1, status: 500, reason: "")
        let head = HTTPResponseHead(status: status.status, reason: status.reason, version: status.version, headers: fields)
        let code = status.status
        // RFC 9112 §6.3 rules 1 and 2: 101 and a 2xx answer to CONNECT switch the connection over.
        if code == 101 || (requestMethod == "CONNECT" && (200..<300).contains(code)) {
            return (.responseHead(head), .empty, true)
        }
        if requestMethod == "HEAD" || (100..<200).contains(code) || code == 204 || code == 304 {
            return (.responseHead(head), .empty, false)
        }
        return (.responseHead(head), try framing.decideResponse(version: status.version, maxBodyBytes: limits.maxBodyBytes), false)
    }

    /// Reads one chunk-size line (RFC 9112 §7.1): hex digits, optional BWS and chunk extensions.
    func chunkSize(_ line: HTTPLine) throws(HTTPParseError) -> Int {
        let base = input.offset
        let size = try input.withBytes(from: 0, length: line.length) { bytes throws(HTTPParseError) -> Int in
            var value = 0
            var i = 0
            while i < bytes.count, let digit = ASCII.hexValue(bytes[i]) {
                guard value <= Int.max >> 4 else { throw HTTPParseError(.chunkSizeOverflow, at: base + i) }
                value = value << 4 | digit
                i += 1
            }
            guard i > 0 else { throw HTTPParseError(.invalidChunkSize, at: base) }
            while i < bytes.count, ASCII.isWhitespace(bytes[i]) { i += 1 }
            guard i == bytes.count || bytes[i] == ASCII.semicolon else { throw HTTPParseError(.invalidChunkSize, at: base + i) }
            while i < bytes.count {
                guard ASCII.isFieldValueByte(bytes[i]) else { throw HTTPParseError(.invalidChunkSize, at: base + i) }
                i += 1
            }
            return value
        }
        guard size <= limits.maxBodyBytes - head.bodyBytes else { throw HTTPParseError(.bodyTooLarge, at: base) }
        return size
    }

    /// Consumes the CRLF (or LF) after chunk data; false when it has not fully arrived.
    mutating func consumeChunkTerminator() throws(HTTPParseError) -> Bool {
        guard input.count >= 1 else { return false }
        if input[0] == ASCII.lf { input.consume(1); return true }
        guard input[0] == ASCII.cr else { throw HTTPParseError(.invalidChunkTerminator, at: input.offset) }
        guard input.count >= 2 else { return false }
        guard input[1] == ASCII.lf else { throw HTTPParseError(.invalidChunkTerminator, at: input.offset + 1) }
        input.consume(2)
        return true
    }

    /// No complete start line: nil between messages, or the end of input.
    mutating func waitForStart() throws(HTTPParseError) -> Event? {
        guard inputEnded else { return nil }
        guard input.isEmpty else { throw HTTPParseError(.truncatedMessage, at: input.offset + input.count) }
        state = .finished
        return nil
    }

    /// Inside a message with no bytes to go on: nil, or an error when the input has ended.
    func waitInsideMessage() throws(HTTPParseError) -> Event? {
        guard inputEnded else { return nil }
        throw HTTPParseError(.truncatedMessage, at: input.offset + input.count)
    }
}
