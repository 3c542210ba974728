import Wire

/// Connecting: TCP (and TLS), the upgrade request, and the server's answer (RFC 6455 §4.1).
extension WebSocketClientSession {
    /// Opens the transport to `address`; `waiter` hears the upgrade's outcome. Loop thread only.
    func start(address: SocketAddress, serverName: String, tls: TLSClientContext?, waiter: ConnectWaiter) {
        guard phase == .connecting else {  // cancelled before this job ran
            waiter.resume(returning: .failure(outcome ?? .cancelled))
            return
        }
        connectWaiter = waiter
        var tcpOptions = options.tcp
        tcpOptions.connectTimeout = options.connectTimeout
        var tlsOptions = options.tls
        tlsOptions.handshakeTimeout = options.handshakeTimeout
        do {
            if let tls {
                transport = try TLSConnection.connect(to: address, serverName: serverName, context: tls, on: loop,
                                                      tcpOptions: tcpOptions, options: tlsOptions) { _ in self }
            } else {
                transport = try TCPConnection.connect(to: address, on: loop, options: tcpOptions) { _ in self }
            }
        } catch let error as SystemError {
            end(.connectFailed(error))
        } catch let error as TLSError {
            end(.tlsFailed(error))
        } catch {
            end(.connectFailed(SystemError("connect", errno: 0)))
        }
    }

    /// The connecting task was cancelled: give up unless the connection is already open (then the
    /// caller got it, and dropping it closes it).
    func cancelConnect() {
        guard phase == .connecting || phase == .upgrading else { return }
        abort(.cancelled)
    }

    /// Reads the response head; a 101 opens the session, anything else is collected (with the start
    /// of its body) and reported as `handshakeRejected` once complete or when the connection ends.
    func readUpgradeResponse() {
        while phase == .upgrading {
            let event: HTTPResponseParser.Event?
            do throws(HTTPParseError) {
                event = try responseParser.nextEvent()
            } catch {
                abort(rejection.map(rejectedError) ?? .invalidHandshakeResponse(error.description))
                return
            }
            guard let event else { return }
            switch event {
            case .head(let head) where head.status == 101:
                accept(head)
                return
            case .head(let head):
                if !head.isInterim { rejection = (head, []) }
            case .body(let bytes):
                guard var collected = rejection else { continue }
                collected.body.append(contentsOf: bytes.prefix(options.maxRejectionBodyBytes - collected.body.count))
                rejection = collected
                if collected.body.count >= options.maxRejectionBodyBytes {
                    abort(rejectedError(collected))
                    return
                }
            case .end:
                if let rejection {
                    abort(rejectedError(rejection))
                    return
                }
            }
        }
    }

    func rejectedError(_ rejection: (head: HTTPResponseHead, body: [UInt8])) -> WebSocketClientError {
        .handshakeRejected(status: rejection.head.status, headers: rejection.head.headers,
                           body: String(decoding: rejection.body, as: UTF8.self))
    }

    /// A 101: checks it, makes the public connection, hands it to the delegate factory (or opens the
    /// message stream) and to the connect call, then reads the frames that came with the response.
    private func accept(_ head: HTTPResponseHead) {
        let subprotocol: String?
        do throws(WebSocketHandshakeError) {
            subprotocol = try WebSocketHandshake.validateResponse(head, key: key, offeredSubprotocols: offeredSubprotocols)
        } catch {
            abort(.invalidHandshakeResponse("\(error.kind)"))
            return
        }
        upgradeTimer?.cancel()
        upgradeTimer = nil
        phase = .open
        lastReceived = loop.now
        armKeepAlive()
        if makeDelegate == nil {
            channel = WebSocketMessageChannel(capacity: options.maxBufferedMessages) { [weak self] in
                guard let session = self else { return }
                session.loop.execute { session.consumerDrained() }
            }
        }
        let connection = WebSocketClientConnection(session: self, channel: channel, subprotocol: subprotocol,
                                                   responseHeaders: head.headers)
        if let makeDelegate { delegate = makeDelegate(connection) }
        connectWaiter?.resume(returning: .success(connection))
        connectWaiter = nil
        assembler.append(responseParser.takeUnparsedBytes())
        processMessages()
    }
}
