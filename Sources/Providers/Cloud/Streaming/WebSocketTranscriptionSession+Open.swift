import Agents
import Net
import Speech
import Wire

extension WebSocketTranscriptionSession {
    /// Everything needed to open one provider stream.
    struct Opening: Sendable {
        var url: String
        var headers: HTTPHeaders
        var dialect: any StreamingTranscriptionDialect
        var format: AudioFormat
        var options: StreamingSessionOptions
        var secret: Secret
        /// The provider's own error text from a refused upgrade (its JSON body, an error header).
        var rejectionDetail: @Sendable (HTTPHeaders, String) -> String
    }

    /// Connects and upgrades (on the caller's loop when it runs on one of `network.loops`), or throws
    /// the `ProviderError` that stopped it within `options.connectTimeout` per step.
    static func open(_ opening: Opening, network: ProviderNetwork) async throws(ProviderError) -> WebSocketTranscriptionSession {
        let loop = network.loops.currentLoop ?? network.loops.next()
        let session = WebSocketTranscriptionSession(dialect: opening.dialect, format: opening.format,
                                                    options: opening.options, loop: loop, secret: opening.secret)
        var socketOptions = WebSocketClientOptions()
        socketOptions.connectTimeout = opening.options.connectTimeout
        socketOptions.handshakeTimeout = opening.options.connectTimeout
        do {
            _ = try await WebSocketClient.connect(url: opening.url, headers: opening.headers, on: loop,
                                                  tls: network.webSocketTrust, options: socketOptions) { connection in
                session.attached(connection)
                return TranscriptionSocketDelegate(session: session)
            }
        } catch {
            session.continuation.finish()
            throw WebSocketFailureMapping.connectFailure(error, vendorDetail: opening.rejectionDetail,
                                                         secret: opening.secret.reveal())
        }
        return session
    }
}
