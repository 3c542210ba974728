import Agents
import Logging
import Net
import Wire

/// Builds the HTTP server's configuration and routers from the server config.
enum HTTPServerFactory {
    static func configuration(for server: ServerConfig) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration()
        configuration.webSocket.maxMessageBytes = server.limits.maxWebSocketMessageBytes
        return configuration
    }

    /// `/healthz`, `/readyz` and, when `metricsText` is given, `/metrics`.
    static func operationalRouter(readiness: ServerReadiness, metricsText: (@Sendable (inout [UInt8]) -> Void)?) -> HTTPRouter {
        var router = HTTPRouter()
        router.addOperationalEndpoints(readiness: readiness, metricsText: metricsText)
        return router
    }

    /// The WebSocket paths of the config's routes. The media endpoints (Twilio, PCM) are not built
    /// yet: each path accepts the upgrade and closes at once with 1013 (try again later) and the
    /// reason "media endpoint not yet implemented", and startup says so.
    static func addMediaEndpoints(to router: inout HTTPRouter, server: ServerConfig, logger: Logger) {
        for endpoint in server.webSocketEndpoints {
            router.webSocket(endpoint.path) { _ in UnavailableMediaEndpoint() }
            logger.warning("media endpoint \(endpoint.path) (\(endpoint.protocol.rawValue)) is not implemented yet: WebSocket connections are closed with 1013")
        }
    }
}

/// Stands in for a media endpoint that does not exist yet: closes every session at once with 1013.
final class UnavailableMediaEndpoint: WebSocketHandler {
    /// RFC 6455 / IANA 1013 "Try Again Later": the endpoint exists but cannot serve the call now.
    static let closeCode = WebSocketCloseCode.tryAgainLater
    static let closeReason = "media endpoint not yet implemented"

    func opened(_ connection: WebSocketConnection) {
        connection.close(code: Self.closeCode, reason: Self.closeReason)
    }

    func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {}
    func closed(code: WebSocketCloseCode, reason: String) {}
}
