import Agents
import Net
import Speech
import Synchronization
import Wire

/// The one Cartesia WebSocket an adapter keeps on one event loop, shared by every call's sentences
/// there: opened on first use, one `context_id` per sentence, messages routed to their context by id.
/// When the connection is lost, only the contexts sent on it fail (`connectionLost`, or the close's
/// mapped error); the next request opens a new connection.
final class CartesiaSocket: Sendable {
    private enum Link {
        case idle
        case connecting([OneShot<Result<(WebSocketClientConnection, Int), ProviderError>>])
        case open(WebSocketClientConnection, generation: Int)
    }

    private struct State {
        var link = Link.idle
        var generation = 0
        var contexts: [String: CartesiaContext] = [:]
    }

    let url: String
    let apiKey: Secret
    let version: String
    let loop: EventLoop
    let trust: TLSClientContext?
    let options: WebSocketClientOptions
    private let state = Mutex(State())

    init(url: String, apiKey: Secret, version: String, loop: EventLoop, trust: TLSClientContext?, deadlines: TTSDeadlines) {
        self.url = url
        self.apiKey = apiKey
        self.version = version
        self.loop = loop
        self.trust = trust
        var options = WebSocketClientOptions()
        options.connectTimeout = deadlines.connect
        options.handshakeTimeout = deadlines.connect
        self.options = options
    }

    /// Sends `message` for a new context and waits for the context's terminal event.
    func synthesize(contextID: String, message: String, run: SynthesisRun) async -> SynthesisEvent {
        let connection: WebSocketClientConnection
        let generation: Int
        switch await openConnection() {
        case .failure(let error): return .failed(error)
        case .success(let open): (connection, generation) = open
        }
        let context = CartesiaContext(id: contextID, run: run, generation: generation)
        state.withLock { $0.contexts[contextID] = context }
        run.onAbort { [self] in cancel(context, on: connection) }
        // The run may have ended (deadline, consumer gone) while connecting: then nothing is sent.
        guard !context.outcome.isSet else { return await context.outcome.value() }
        do throws(WebSocketClientError) {
            try await connection.send(text: message)
        } catch {
            finish(contextID, with: .failed(TTSErrorMapping.forWebSocket(error, secret: apiKey.reveal())))
        }
        run.connected()
        return await context.outcome.value()
    }

    /// Barge-in or a deadline: forget the context and tell Cartesia to stop generating it.
    private func cancel(_ context: CartesiaContext, on connection: WebSocketClientConnection) {
        let wasOpen = state.withLock { $0.contexts.removeValue(forKey: context.id) != nil }
        context.outcome.set(.failed(.cancelled))
        guard wasOpen else { return }
        let message = CartesiaMessage.cancel(contextID: context.id)
        Task { try? await connection.send(text: message) }
    }

    private func finish(_ contextID: String, with event: SynthesisEvent) {
        let context = state.withLock { $0.contexts.removeValue(forKey: contextID) }
        context?.outcome.set(event)
    }

    /// The open connection, connecting first if there is none (concurrent callers share one attempt).
    private func openConnection() async -> Result<(WebSocketClientConnection, Int), ProviderError> {
        let waiter = OneShot<Result<(WebSocketClientConnection, Int), ProviderError>>()
        let action = state.withLock { state -> Result<(WebSocketClientConnection, Int), ProviderError>?? in
            switch state.link {
            case .open(let connection, let generation): return .some(.success((connection, generation)))
            case .connecting(let waiters):
                state.link = .connecting(waiters + [waiter])
                return .some(nil)
            case .idle:
                state.link = .connecting([waiter])
                return .none
            }
        }
        switch action {
        case .some(.some(let ready)): return ready
        case .some(.none): return await waiter.value()
        case .none:
            Task { await connect() }
            return await waiter.value()
        }
    }

    private func connect() async {
        let attempt: Result<WebSocketClientConnection, ProviderError>
        do throws(WebSocketClientError) {
            attempt = .success(try await WebSocketClient.connect(
                url: url, headers: ["X-API-Key": apiKey.reveal(), "Cartesia-Version": version], on: loop, tls: trust, options: options))
        } catch {
            attempt = .failure(TTSErrorMapping.forWebSocket(error, secret: apiKey.reveal()))
        }
        let (waiters, outcome) = state.withLock { state in
            guard case .connecting(let waiters) = state.link else { preconditionFailure("only connect() leaves .connecting") }
            switch attempt {
            case .success(let connection):
                state.generation += 1
                state.link = .open(connection, generation: state.generation)
                return (waiters, Result<(WebSocketClientConnection, Int), ProviderError>.success((connection, state.generation)))
            case .failure(let error):
                state.link = .idle
                return (waiters, .failure(error))
            }
        }
        if case .success(let (connection, generation)) = outcome {
            Task { await read(connection, generation: generation) }
        }
        for waiter in waiters { waiter.set(outcome) }
    }

    /// Routes the connection's messages to contexts until it ends, then fails the contexts sent on it.
    private func read(_ connection: WebSocketClientConnection, generation: Int) async {
        var ending: ProviderError = .connectionLost
        do throws(WebSocketClientError) {
            for try await message in connection.messages {
                guard case .text(let text) = message else { continue }
                route(CartesiaMessage.decode(text))
            }
        } catch {
            ending = TTSErrorMapping.forWebSocket(error, secret: apiKey.reveal())
            if ending == .cancelled { ending = .connectionLost }
        }
        let lost = state.withLock { state -> [CartesiaContext] in
            if case .open(_, let current) = state.link, current == generation { state.link = .idle }
            let lost = state.contexts.values.filter { $0.generation == generation }
            for context in lost { state.contexts[context.id] = nil }
            return lost
        }
        for context in lost { context.outcome.set(.failed(ending)) }
    }

    private func route(_ decoded: Result<CartesiaMessage.Server, CartesiaMessage.Undecodable>) {
        switch decoded {
        case .success(.chunk(let id, let audio)):
            guard let context = state.withLock({ $0.contexts[id] }) else { return }  // cancelled: late chunks dropped
            if !context.deliver(audio) { finish(id, with: .failed(.cancelled)) }
        case .success(.done(let id)):
            finish(id, with: .done)
        case .success(.other):
            return
        case .success(.error(let id, let error)):
            failContexts(id, with: error.scrubbed(secret: apiKey.reveal()))
        case .failure(let undecodable):
            failContexts(undecodable.contextID, with: undecodable.error)
        }
    }

    /// Fails context `id`, or every context on the socket when the message named none.
    private func failContexts(_ id: String?, with error: ProviderError) {
        if let id {
            finish(id, with: .failed(error))
            return
        }
        let all = state.withLock { state -> [CartesiaContext] in
            defer { state.contexts.removeAll() }
            return Array(state.contexts.values)
        }
        for context in all { context.outcome.set(.failed(error)) }
    }
}
