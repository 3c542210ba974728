import Agents
import Net

/// Registers the media-stream endpoints of a deployment's routes on an `HTTPRouter`: a Twilio Media
/// Streams endpoint for each `twilio` path (with `X-Twilio-Signature` checked when the server config has
/// a Twilio auth token; a bad one is refused with 403) and a raw PCM endpoint for each `pcm` path.
public enum MediaEndpoints {
    public static func register(on router: inout HTTPRouter, context: MediaEndpointContext) {
        let signature = context.deployment.server.twilio.map { TwilioSignature(authToken: $0.authToken.reveal()) }
        let publicURL = context.deployment.server.twilio?.publicURL
        let secure = context.deployment.server.tls != nil
        for endpoint in context.deployment.server.webSocketEndpoints {
            switch endpoint.protocol {
            case .twilio:
                router.webSocket(endpoint.path) { upgrade in
                    if let signature, !isSigned(upgrade, by: signature, publicURL: publicURL, secure: secure) {
                        context.logger.warning("twilio upgrade refused: bad X-Twilio-Signature", metadata: ["path": "\(upgrade.path)"])
                        return nil
                    }
                    return TwilioMediaStreamEndpoint(upgrade: upgrade, context: context)
                }
            case .pcm:
                router.webSocket(endpoint.path) { upgrade in PCMStreamEndpoint(upgrade: upgrade, context: context) }
            }
        }
    }

    /// Whether the upgrade carries a valid signature for the URL Twilio connected to: `public_url` when
    /// configured (behind a proxy), else the request's Host header.
    static func isSigned(_ upgrade: WebSocketUpgrade, by signature: TwilioSignature, publicURL: String?, secure: Bool) -> Bool {
        guard let header = upgrade.head.headers["X-Twilio-Signature"] else { return false }
        var scheme = secure ? "wss" : "ws"
        var host = upgrade.head.headers["Host"] ?? ""
        if let publicURL, let range = publicURL.range(of: "://") {
            scheme = String(publicURL[..<range.lowerBound])
            host = String(publicURL[range.upperBound...].prefix { $0 != "/" })
        }
        return signature.isValidUpgrade(header, scheme: scheme, host: host, pathAndQuery: upgrade.head.target)
    }
}
