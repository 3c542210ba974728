import Net
import Speech
import Synchronization
import Wire

/// One streaming completion over HTTP: sends the request, maps an error status, parses the body as
/// server-sent events into a vendor's `CompletionStreamDecoder`, enforces the first-token and stall
/// deadlines, and hands out events one at a time as the consumer pulls them (so a slow consumer holds
/// the transfer back instead of buffering). Ends after exactly one terminal event, or silently when
/// cancelled; either way the HTTP transfer is aborted if still running.
actor CompletionStreamSession<Decoder: CompletionStreamDecoder> {
    /// Longest error body read to quote the provider's message.
    static var maxErrorBodyBytes: Int { 64 * 1024 }
    /// After `done`, how long the rest of the body (normally just the chunked terminator) is awaited so
    /// the connection goes back to the pool instead of being closed, saving the next turn a handshake.
    static var drainAfterDone: Duration { .milliseconds(200) }

    private let http: StreamingHTTPClient
    private let request: HTTPClientRequest
    private let deadlines: LanguageModelDeadlines
    private let errors: ProviderHTTPErrorMapper
    private var decoder: Decoder
    private var parser = SSEParser()
    private var body: HTTPClientBody.AsyncIterator?
    private var pending: [CompletionEvent] = []
    private var started: ContinuousClock.Instant?
    private var lastProgress: ContinuousClock.Instant?
    private var finished = false
    /// Set from any thread by `cancel()`; the response is kept here so `cancel()` can abort it.
    private let abort = Mutex<(cancelled: Bool, response: HTTPClientResponse?)>((false, nil))

    init(http: StreamingHTTPClient, request: HTTPClientRequest, deadlines: LanguageModelDeadlines,
         errors: ProviderHTTPErrorMapper, decoder: Decoder) {
        self.http = http
        var request = request
        request.timeouts = HTTPClientTimeouts(connect: deadlines.connect, firstByte: deadlines.firstToken,
                                              idle: max(deadlines.firstToken, deadlines.stall))
        self.request = request
        self.deadlines = deadlines
        self.errors = errors
        self.decoder = decoder
    }

    /// The stream's events, pulled: cancelling the consumer or dropping the stream aborts the request.
    nonisolated func events() -> AsyncStream<CompletionEvent> {
        StreamOwner.stream(next: { await self.next() }, cancel: { self.cancel() })
    }

    /// Aborts the request; the stream then ends without a terminal event.
    nonisolated func cancel() {
        let response = abort.withLock { state -> HTTPClientResponse? in
            state.cancelled = true
            defer { state.response = nil }
            return state.response
        }
        response?.cancel()
    }

    private var isCancelled: Bool { abort.withLock { $0.cancelled } || Task.isCancelled }

    func next() async -> CompletionEvent? {
        while !finished {
            if !pending.isEmpty {
                let event = pending.removeFirst()
                if case .done = event {
                    finished = true
                    pending = []
                } else if event.isTerminal {
                    end()
                }
                return event
            }
            if isCancelled { end(); return nil }
            await advance()
        }
        await drainForReuse()
        return nil
    }

    private func end() {
        finished = true
        pending = []
        body = nil
        cancel()
    }

    /// Reads what is left of a finished body (briefly, discarding it), then lets the transfer go.
    private func drainForReuse() async {
        guard let iterator = body, !isCancelled else { return end() }
        body = nil
        _ = try? await raceDeadline(.now + Self.drainAfterDone) {
            var reader = iterator
            var drained = 0
            while let chunk = try await reader.next(), drained < Self.maxErrorBodyBytes { drained += chunk.count }
            return true
        }
        end()
    }

    /// Reads until at least one event is pending (or the stream ended).
    private func advance() async {
        do {
            guard let iterator = body else { return try await open() }
            let progressed = lastProgress != nil
            let deadline = lastProgress.map { $0 + deadlines.stall } ?? (started ?? .now) + deadlines.firstToken
            guard let chunk = try await raceDeadline(deadline, { var reader = iterator; return try await reader.next() }) else {
                return fail(.timeout(progressed ? .midStream : .firstResponse))
            }
            guard let chunk else { return pending = decoder.endOfBody() }
            try feed(chunk)
        } catch let failure as HTTPClientError {
            fail(errors.error(client: failure, streamHasBegun: lastProgress != nil))
        } catch let failure as SSEParseError {
            fail(.malformedResponse(detail: failure.description))
        } catch {
            if !isCancelled { fail(.connectionLost) }  // a cancelled transfer ends quietly
        }
    }

    private func open() async throws {
        started = .now
        let response = try await http.stream(request)
        let keep = abort.withLock { state -> Bool in
            if !state.cancelled { state.response = response }
            return !state.cancelled
        }
        guard keep else { return response.cancel() }
        guard response.head.isSuccess else {
            let bytes = (try? await raceDeadline(.now + deadlines.stall, {
                try await response.body.collect(upTo: Self.maxErrorBodyBytes)
            })) ?? nil
            return fail(errors.error(status: response.head.status, headers: response.head.headers, body: bytes ?? []))
        }
        body = response.body.makeAsyncIterator()
    }

    private func feed(_ chunk: [UInt8]) throws(SSEParseError) {
        parser.append(chunk)
        while let event = try parser.nextEvent() {
            let decodedEvents = decoder.decode(event)
            if decoder.hasBegun { lastProgress = .now }
            for decoded in decodedEvents {
                pending.append(decoded)
                if decoded.isTerminal { return }
            }
        }
    }

    private func fail(_ error: ProviderError) {
        pending.append(.failed(error))
    }
}
