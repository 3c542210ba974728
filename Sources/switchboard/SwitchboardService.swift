import Agents
import Logging
import Net
import Providers
import ServiceLifecycle
import Telephony

/// The running server as a swift-service-lifecycle `Service`: starts the event loops and listeners,
/// marks itself ready, and on graceful shutdown drains (readiness 503, listeners closed, connections
/// given the drain timeout, WebSocket sessions then closed with 1001; the SIP service, when configured,
/// answers new INVITEs 503 and BYEs calls still up at the drain deadline) and stops the loops.
struct SwitchboardService: Service {
    let settings: ServeSettings
    let observability: Observability
    let logger: Logger
    let readiness = ServerReadiness()

    /// After the drain: time for WebSocket close handshakes (5 s) and lingering TCP closes (2 s).
    static let closeTimeout: Duration = .seconds(8)

    func run() async throws {
        let server = settings.deployment.server
        let loops = try EventLoopGroup(loopCount: settings.loopCount ?? EventLoopGroup.defaultLoopCount)
        let http = HTTPServer(group: loops, configuration: HTTPServerFactory.configuration(for: server))
        let providerHTTP: StreamingHTTPClient
        do {
            // Every call's LLM stream and TTS sentences to a provider host run at once: curl's default of a
            // few connections per host queued turns beyond ~30 calls in the load benchmark (Docs/benchmarks.md).
            providerHTTP = try StreamingHTTPClient(configuration: .init(maxConnectionsPerHost: 1024, maxCachedConnections: 256))
        } catch {
            await loops.shutdownGracefully()
            throw error
        }
        defer { providerHTTP.shutdown() }
        let providers = await ProviderWiring.factory(for: settings.deployment,
                                               network: ProviderNetwork(loops: loops, http: providerHTTP), logger: logger)
        let context = HTTPServerFactory.mediaContext(deployment: settings.deployment, providers: providers, logger: logger)
        let bound: (http: SocketAddress, metrics: SocketAddress?)
        let sip: SIPService?
        let callControl = server.apiToken.map { SIPCallControlAPI(token: $0) }
        do {
            bound = try await startListeners(http, server: server, context: context, callControl: callControl)
            sip = try SIPWiring.service(for: settings.deployment, context: context, loops: loops, logger: logger)
            if let sip {
                let addresses = try await sip.start()
                callControl?.attach(sip)
                let listening = [("udp", addresses.udp), ("tcp", addresses.tcp), ("tls", addresses.tls)]
                    .compactMap { name, address in address.map { "\(name)=\($0)" } }.joined(separator: " ")
                logger.info("sip listening \(listening)")
            }
        } catch {
            await loops.shutdownGracefully()
            throw error
        }
        readiness.markReady()
        logger.info("listening http=\(bound.http) metrics=\(bound.metrics.map(String.init(describing:)) ?? "none")",
                    metadata: ["loops": "\(loops.loops.count)"])

        try? await gracefulShutdown()

        readiness.markDraining()
        async let sipDrained: Int = sip?.drain(deadline: settings.drainTimeout) ?? 0
        await http.beginDraining()
        logger.notice("draining: listeners closed, \(http.openConnectionCount) open connection(s) get up to \(settings.drainTimeout)")
        if await !http.waitUntilIdle(timeout: settings.drainTimeout) {
            logger.warning("\(http.openConnectionCount) connection(s) still open after the drain; closing them (WebSocket: 1001)")
            await http.closeAllConnections()
            _ = await http.waitUntilIdle(timeout: Self.closeTimeout)
        }
        if await sipDrained > 0 { logger.notice("sip: calls still up at the drain deadline were ended with BYE") }
        await loops.shutdownGracefully()
        logger.info("stopped")
    }

    private func startListeners(_ http: HTTPServer, server: ServerConfig,
                                context: MediaEndpointContext,
                                callControl: SIPCallControlAPI?) async throws -> (http: SocketAddress, metrics: SocketAddress?) {
        let layer = try TLSWiring.layer(for: server.tls)
        let metricsApart = server.listeners.metrics != nil
        var media = HTTPServerFactory.operationalRouter(readiness: readiness,
                                                        metricsText: metricsApart ? nil : observability.metricsText)
        HTTPServerFactory.addMediaEndpoints(to: &media, context: context, logger: logger)
        callControl?.register(on: &media)  // POST /v1/calls, GET /v1/calls/{id} (bearer api.token)
        let httpAddress = try await ListenAddressResolver.resolve(server.listeners.http)
        let boundHTTP = try await http.listen(on: httpAddress, router: media, layer: layer)
        guard let metricsListen = server.listeners.metrics else { return (boundHTTP, nil) }
        let operational = HTTPServerFactory.operationalRouter(readiness: readiness, metricsText: observability.metricsText)
        let boundMetrics = try await http.listen(on: try await ListenAddressResolver.resolve(metricsListen), router: operational)
        return (boundHTTP, boundMetrics)
    }
}
