import Agents
import Net

/// Where TLS joins the HTTP listener: the certificate and key are loaded at startup (so a bad file
/// stops startup with OpenSSL's reason), and each accepted TCP connection is wrapped in a
/// `TLSConnection` whose plaintext side carries the HTTP handler.
enum TLSWiring {
    /// The layer for `tls`, nil for plain HTTP.
    static func layer(for tls: ServerConfig.TLS?) throws -> HTTPConnectionLayer? {
        guard let tls else { return nil }
        let context = try TLSServerContext(configuration: .init(certificateChainFile: tls.certificatePath,
                                                                privateKeyFile: tls.privateKeyPath,
                                                                alpnProtocols: ["http/1.1"]))
        return { tcp, makeHTTPHandler in
            TLSConnection.wrapping(tcp, context: context) { tlsConnection in makeHTTPHandler(tlsConnection) }
        }
    }
}
