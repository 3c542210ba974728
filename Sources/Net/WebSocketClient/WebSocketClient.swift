import Wire

/// Opens WebSocket client connections (RFC 6455) over `ws://` or `wss://`: resolves the host off the
/// loop, connects TCP (each resolved address in turn), runs TLS with SNI and certificate verification
/// for `wss`, sends the upgrade with a fresh random key, checks the 101, and returns the open
/// connection. See `WebSocketClientConnection` for sending and receiving, Docs/websocket-client.md.
public enum WebSocketClient {
    /// The system trust store, loaded once for every `wss` connection that brings no context.
    private static let systemTrust = Result { () throws(TLSError) in try TLSClientContext() }

    /// Connects to `url` on `group`'s next loop. See `connect(url:headers:subprotocols:on:tls:options:delegate:)`.
    public static func connect(
        url: String, headers: HTTPHeaders = HTTPHeaders(), subprotocols: [String] = [], on group: EventLoopGroup,
        tls: TLSClientContext? = nil, options: WebSocketClientOptions = WebSocketClientOptions(),
        delegate: WebSocketClientDelegateFactory? = nil
    ) async throws(WebSocketClientError) -> WebSocketClientConnection {
        try await connect(url: url, headers: headers, subprotocols: subprotocols, on: group.next(), tls: tls,
                          options: options, delegate: delegate)
    }

    /// Connects to `url` (`ws://host[:port]/path?query` or `wss://…`) with extra request `headers`
    /// (e.g. `Authorization`) and offered `subprotocols`, on `loop`. `tls` says whom to trust for
    /// `wss` (default: the system store). With `delegate`, messages go to the delegate it makes (on the
    /// loop thread, before this returns); without, to the connection's `messages` sequence.
    /// Throws a typed error for every way connecting can fail; cancelling the task abandons the attempt.
    public static func connect(
        url text: String, headers: HTTPHeaders = HTTPHeaders(), subprotocols: [String] = [], on loop: EventLoop,
        tls: TLSClientContext? = nil, options: WebSocketClientOptions = WebSocketClientOptions(),
        delegate: WebSocketClientDelegateFactory? = nil
    ) async throws(WebSocketClientError) -> WebSocketClientConnection {
        guard let url = WebSocketURL(text) else { throw .invalidURL(text) }
        let nonce = MaskingKeySource.handshakeNonce()
        guard let key = WebSocketHandshake.makeKey(nonce: nonce) else { preconditionFailure("the nonce is 16 bytes") }
        let head = WebSocketHandshake.clientRequest(target: url.target, host: url.hostHeader, key: key, subprotocols: subprotocols,
                                                    origin: options.origin, headers: headers)
        var request: [UInt8] = []
        do throws(HTTPSerializationError) {
            try HTTPSerializer.appendRequestHead(head, framing: .none, to: &request)
        } catch {
            throw .invalidRequest(error.what)
        }
        let context = url.isSecure ? try trust(tls) : nil
        let addresses: [SocketAddress]
        do {
            addresses = try await Resolver.resolve(url.host, port: url.port)
        } catch let error as ResolutionError {
            throw .resolutionFailed(error)
        } catch {
            throw .cancelled
        }
        var lastFailure = WebSocketClientError.connectFailed(SystemError("connect", errno: 0))
        for address in addresses {
            if Task.isCancelled { throw .cancelled }
            let session = WebSocketClientSession(loop: loop, options: options, request: request, key: key,
                                                 offeredSubprotocols: subprotocols, makeDelegate: delegate)
            switch await open(session, address: address, serverName: url.host, tls: context) {
            case .success(let connection):
                return connection
            case .failure(let error):
                // Another address may work when this one refused or timed out; any other failure
                // (TLS, HTTP, protocol) is the server's answer.
                switch error {
                case .connectFailed, .timeout(.connect): lastFailure = error
                default: throw error
                }
            }
        }
        throw lastFailure
    }

    private static func trust(_ given: TLSClientContext?) throws(WebSocketClientError) -> TLSClientContext {
        if let given { return given }
        do throws(TLSError) {
            return try systemTrust.get()
        } catch {
            throw .tlsFailed(error)
        }
    }

    /// Runs one attempt on the session's loop; task cancellation abandons it.
    private static func open(_ session: WebSocketClientSession, address: SocketAddress, serverName: String,
                             tls: TLSClientContext?) async -> Result<WebSocketClientConnection, WebSocketClientError> {
        let loop = session.loop
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: WebSocketClientSession.ConnectWaiter) in
                let queued = loop.enqueueRemote(.closure {
                    session.start(address: address, serverName: serverName, tls: tls, waiter: waiter)
                })
                if !queued { waiter.resume(returning: .failure(.cancelled)) }
            }
        } onCancel: {
            loop.execute { session.cancelConnect() }
        }
    }
}
