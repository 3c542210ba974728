import Metrics

/// Puts a layer between an accepted TCP connection and the HTTP handler: TLS. It gets the TCP
/// connection and a function making the HTTP handler for the `Connection` the layer offers upward,
/// and returns the handler the TCP connection reports to. Runs on the connection's loop thread.
/// For TLS (the `TLSConnection` adapter, built separately) it reads like
/// `{ tcp, makeHTTPHandler in TLSConnection(server: tcp, context: tlsContext, makeHandler: makeHTTPHandler) }`.
public typealias HTTPConnectionLayer = @Sendable (
    TCPConnection, _ makeHTTPHandler: @escaping (any Connection) -> any ConnectionHandler
) -> any ConnectionHandler

/// The HTTP/1.1 and WebSocket server: listeners on one `EventLoopGroup`, each with its own router
/// (media and operational endpoints may listen apart), connections spread over the group's loops,
/// answered synchronously on their loop. Drains for a graceful shutdown: stop accepting, finish
/// requests in flight with `Connection: close`, give WebSocket sessions a deadline, then close them
/// with 1001. Shutting the group down stays with its owner.
public final class HTTPServer: Sendable {
    public let group: EventLoopGroup
    public let configuration: HTTPServerConfiguration
    let metrics: HTTPServerMetrics
    let loopStates: HTTPServerLoopStates
    let openConnections = Locked(0)
    let listeners = Locked<[TCPListener]>([])
    let draining = Locked(false)
    /// Per-source limits shared by every listener; nil when `configuration.sourceLimits` is nil.
    let sourceAdmission: HTTPSourceAdmission?

    /// How often `waitUntilIdle` looks at the connection count while a shutdown waits.
    static let drainPollInterval: Duration = .milliseconds(20)

    /// `metricsFactory` nil uses the process's bootstrapped `MetricsSystem.factory`.
    public init(group: EventLoopGroup, configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
                metricsFactory: (any MetricsFactory)? = nil) {
        self.group = group
        self.configuration = configuration
        metrics = HTTPServerMetrics(factory: metricsFactory ?? MetricsSystem.factory)
        loopStates = HTTPServerLoopStates(loops: group.loops)
        sourceAdmission = configuration.sourceLimits.map(HTTPSourceAdmission.init(limits:))
    }

    /// Binds `address` (port 0: any free port) and serves `router` there, through `layer` if given
    /// (TLS). Returns the address actually bound.
    @discardableResult
    public func listen(on address: SocketAddress, router: HTTPRouter, layer: HTTPConnectionLayer? = nil) async throws -> SocketAddress {
        let context = HTTPServerContext(router: router, configuration: configuration, metrics: metrics,
                                        openConnections: openConnections)
        let states = loopStates
        let admission = sourceAdmission
        let metrics = self.metrics
        var options = TCPListener.Options()
        options.maxConnections = configuration.maxConnectionsPerListener
        options.connection = configuration.connectionOptions
        let listener = try await TCPListener.bind(address, on: group, options: options) { tcp in
            let state = states.state(for: tcp.loop)
            let makeHTTPHandler: (any Connection) -> any ConnectionHandler = { connection in
                HTTPServerConnection(connection: connection, context: context, loopState: state)
            }
            guard let admission, let source = tcp.remoteAddress, !admission.isExempt(source) else {
                return layer?(tcp, makeHTTPHandler) ?? makeHTTPHandler(tcp)
            }
            // Per-source limits, before any byte is read or a TLS handshake is spent.
            switch admission.admit(source) {
            case .admitted:
                let handler = layer?(tcp, makeHTTPHandler) ?? makeHTTPHandler(tcp)
                return SourceReleasingHandler(wrapping: handler) { admission.release(source) }
            case .refused(let refusal, let retryAfter, let banStarted):
                metrics.connectionRefused(refusal, banStarted: banStarted)
                return HTTPSourceRefusalHandler(connection: tcp, retryAfterSeconds: retryAfter, answers: layer == nil)
            }
        }
        listeners.withLock { $0.append(listener) }
        if draining.withLock({ $0 }) { await listener.close() }
        return listener.localAddress
    }

    /// Connections (HTTP and WebSocket) accepted and not yet closed, over every listener.
    public var openConnectionCount: Int { openConnections.withLock { $0 } }

    /// True once `beginDraining` was called.
    public var isDraining: Bool { draining.withLock { $0 } }
}
