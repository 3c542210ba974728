import Agents
import Net

/// Where TLS joins the HTTP listener. The certificate and key are loaded now (so a bad file stops
/// startup with OpenSSL's reason); the layer that wraps each accepted TCP connection comes with
/// the `TLSConnection` adapter.
enum TLSWiring {
    struct NotYetAvailable: Error, CustomStringConvertible {
        var description: String {
            "tls is configured, but the TLS listener is not wired yet (TLSConnection adapter pending); refusing to serve plain HTTP instead"
        }
    }

    /// The layer for `tls`, nil for plain HTTP.
    static func layer(for tls: ServerConfig.TLS?) throws -> HTTPConnectionLayer? {
        guard let tls else { return nil }
        _ = try TLSServerContext(configuration: .init(certificateChainFile: tls.certificatePath,
                                                      privateKeyFile: tls.privateKeyPath,
                                                      alpnProtocols: ["http/1.1"]))
        // TODO(TLSConnection): return { tcp, makeHTTPHandler in TLSConnection(server: tcp, context: context, makeHandler: makeHTTPHandler) }
        throw NotYetAvailable()
    }
}
