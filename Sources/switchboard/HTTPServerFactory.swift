import Agents
import Logging
import Net
import Orchestrator
import Telephony
import Wire

/// Builds the HTTP server's configuration and routers from the server config.
enum HTTPServerFactory {
    static func configuration(for server: ServerConfig) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration()
        configuration.webSocket.maxMessageBytes = server.limits.maxWebSocketMessageBytes
        configuration.sourceLimits = sourceLimits(server.limits.httpPerSource)
        return configuration
    }

    /// `limits.http_per_source` as the listener's per-source limits (exempt networks by CIDR).
    static func sourceLimits(_ limits: HTTPPerSourceLimits) -> HTTPSourceLimits {
        let exempt: [IPNetwork] = limits.exempt
        var result = HTTPSourceLimits(newConnectionsPerSecond: limits.newConnectionsPerSecond, burst: limits.burst,
                                      maxOpenPerSource: limits.maxOpen, banDuration: .seconds(limits.banSeconds))
        if !exempt.isEmpty {
            result.isExempt = { @Sendable (source: SocketAddress) -> Bool in
                let bytes = source.ip.networkOrderBytes
                return exempt.contains { network in network.contains(bytes) }
            }
        }
        return result
    }

    /// `/healthz`, `/readyz` and, when `metricsText` is given, `/metrics`.
    static func operationalRouter(readiness: ServerReadiness, metricsText: (@Sendable (inout [UInt8]) -> Void)?) -> HTTPRouter {
        var router = HTTPRouter()
        router.addOperationalEndpoints(readiness: readiness, metricsText: metricsText)
        return router
    }

    /// What every call endpoint of the server shares (Twilio, PCM, SIP): the deployment, providers from
    /// `ExecutableProvidersFactory`, record and metric sinks, and one registry enforcing `limits.max_calls`.
    static func mediaContext(deployment: Deployment, providers: ExecutableProvidersFactory, logger: Logger) -> MediaEndpointContext {
        let observers = CallObservers(
            records: ProviderUsageMetricsSink(next: LoggingCallRecordSink(
                logger: logger, redactTranscripts: deployment.server.logging.redactTranscripts)),
            metrics: SwiftMetricsCallSink())
        return MediaEndpointContext(deployment: deployment, providers: providers, observers: observers,
                                    registry: CallRegistry(maximumCalls: deployment.server.limits.maxCalls), logger: logger)
    }

    /// The media endpoints (Twilio, PCM) of the config's WebSocket routes.
    static func addMediaEndpoints(to router: inout HTTPRouter, context: MediaEndpointContext, logger: Logger) {
        MediaEndpoints.register(on: &router, context: context)
        for endpoint in context.deployment.server.webSocketEndpoints {
            logger.info("media endpoint \(endpoint.path) (\(endpoint.protocol.rawValue))")
        }
    }
}
