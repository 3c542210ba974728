extension TLSConnection {
    /// Client: connects TCP to `address` and runs TLS over it, verifying the server as `serverName`
    /// (SNI and hostname check for a DNS name, address check for an IP). `makeHandler` runs at once; its
    /// handler hears `connectionActive()` after the TLS handshake, or `connectionClosed` with
    /// `.connectTimeout`, `.error`, `.handshakeTimeout` or `.tls(error)`. Loop thread only.
    public static func connect(to address: SocketAddress, serverName: String, context: TLSClientContext,
                               on loop: EventLoop, tcpOptions: TCPConnection.Options = TCPConnection.Options(),
                               options: Options = Options(),
                               handler makeHandler: (TLSConnection) -> any ConnectionHandler) throws -> TLSConnection {
        loop.preconditionInEventLoop()
        let engine = try TLSEngine(client: context, serverName: serverName, limits: options.engineLimits)
        var made: TLSConnection?
        _ = try TCPConnection.connect(to: address, on: loop, options: tcpOptions) { tcp in
            let tls = TLSConnection(transport: tcp, engine: engine, options: options)
            tls.handler = makeHandler(tls)
            made = tls
            return tls
        }
        guard let made else { preconditionFailure("TCPConnection.connect returned without making its handler") }
        return made
    }

    /// Server: the handler to give an accepted TCP connection so that it speaks TLS with `context`'s
    /// certificate; `makeHandler` builds the plaintext handler, which hears `connectionActive()` after
    /// the handshake. For a listener: `{ tcp in TLSConnection.wrapping(tcp, context: tls) { MyHandler($0) } }`.
    /// If OpenSSL cannot make the connection's state (out of memory), the connection is closed instead
    /// and `makeHandler` is not called. Loop thread only.
    public static func wrapping(_ transport: any Connection, context: TLSServerContext, options: Options = Options(),
                                handler makeHandler: (TLSConnection) -> any ConnectionHandler) -> any ConnectionHandler {
        guard let engine = try? TLSEngine(server: context, limits: options.engineLimits) else {
            return RefusedConnection(transport)
        }
        let tls = TLSConnection(transport: transport, engine: engine, options: options)
        tls.handler = makeHandler(tls)
        return tls
    }
}

/// Closes a connection as soon as it is active (a TLS connection whose engine could not be made).
final class RefusedConnection: ConnectionHandler {
    let transport: any Connection
    init(_ transport: any Connection) { self.transport = transport }
    func connectionActive() { transport.close(.immediately) }
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {}
    func connectionClosed(_ reason: CloseReason) {}
}
