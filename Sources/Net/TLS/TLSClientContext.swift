import COpenSSL

/// The client side's TLS settings: which CAs to trust, ALPN offer, minimum version. Built once and shared
/// by every outgoing connection; each connection gets its own `TLSEngine(client:serverName:)`, which adds
/// SNI and hostname verification for the name it dials. Peer verification is always on.
// @unchecked Sendable: the SSL_CTX is fully configured in init and never mutated after; OpenSSL allows SSL_new on it from any thread.
public final class TLSClientContext: @unchecked Sendable {
    /// Trust and offer.
    public struct Configuration: Sendable, Equatable {
        public var trust: TLSTrust
        /// ALPN names offered, in preference order; empty sends no ALPN extension.
        public var alpnProtocols: [String]
        public var minimumVersion: TLSVersion

        public init(trust: TLSTrust = .systemDefault, alpnProtocols: [String] = [], minimumVersion: TLSVersion = .v1_2) {
            self.trust = trust
            self.alpnProtocols = alpnProtocols
            self.minimumVersion = minimumVersion
        }
    }

    public let configuration: Configuration
    let context: OpaquePointer

    /// Loads the trust store; throws `.configuration` if the CA file cannot be read or holds no certificate.
    public init(configuration: Configuration = Configuration()) throws(TLSError) {
        guard let alpnWire = ALPN.wireFormat(configuration.alpnProtocols) else {
            throw .configuration("ALPN protocol names must be 1...255 bytes: \(configuration.alpnProtocols)")
        }
        let context = try SSLContextBuilder.make(method: TLS_client_method(), minimumVersion: configuration.minimumVersion)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        switch configuration.trust {
        case .systemDefault:
            try SSLContextBuilder.require({ SSL_CTX_set_default_verify_paths(context) }, "system CA store", freeing: context)
        case .certificateAuthorityFile(let path):
            try SSLContextBuilder.require({ SSL_CTX_load_verify_file(context, path) }, "CA file \(path)", freeing: context)
        }
        if !alpnWire.isEmpty {
            // SSL_CTX_set_alpn_protos returns 0 on success (unlike most of OpenSSL).
            try SSLContextBuilder.require({ SSL_CTX_set_alpn_protos(context, alpnWire, UInt32(alpnWire.count)) == 0 ? 1 : 0 },
                                          "ALPN offer", freeing: context)
        }
        self.configuration = configuration
        self.context = context
    }

    deinit { SSL_CTX_free(context) }
}
