import COpenSSL

/// The server side's TLS settings, built once from the PEM files named in config and shared by every
/// accepted connection; each connection gets its own `TLSEngine(server:)`. Keeps the certificate chain,
/// key and ALPN preference loaded in one OpenSSL `SSL_CTX`.
// @unchecked Sendable: the SSL_CTX is fully configured in init and never mutated after; OpenSSL allows SSL_new on it from any thread.
public final class TLSServerContext: @unchecked Sendable {
    /// What the server presents and accepts.
    public struct Configuration: Sendable, Equatable {
        /// PEM file: the leaf certificate first, then intermediates.
        public var certificateChainFile: String
        /// PEM file: the leaf certificate's private key (unencrypted).
        public var privateKeyFile: String
        /// ALPN names in server preference order (e.g. `["http/1.1"]`); empty turns ALPN off.
        public var alpnProtocols: [String]
        public var minimumVersion: TLSVersion

        public init(certificateChainFile: String, privateKeyFile: String, alpnProtocols: [String] = [],
                    minimumVersion: TLSVersion = .v1_2) {
            self.certificateChainFile = certificateChainFile
            self.privateKeyFile = privateKeyFile
            self.alpnProtocols = alpnProtocols
            self.minimumVersion = minimumVersion
        }
    }

    public let configuration: Configuration
    let context: OpaquePointer
    private let alpn: ALPNPreference?

    /// Loads the chain and key (checking that they match); throws `.configuration` naming the file and
    /// OpenSSL's reason.
    public init(configuration: Configuration) throws(TLSError) {
        guard ALPN.wireFormat(configuration.alpnProtocols) != nil else {
            throw .configuration("ALPN protocol names must be 1...255 bytes: \(configuration.alpnProtocols)")
        }
        let context = try SSLContextBuilder.make(method: TLS_server_method(), minimumVersion: configuration.minimumVersion)
        try SSLContextBuilder.require({ SSL_CTX_use_certificate_chain_file(context, configuration.certificateChainFile) },
                                      "certificate chain \(configuration.certificateChainFile)", freeing: context)
        try SSLContextBuilder.require({ SSL_CTX_use_PrivateKey_file(context, configuration.privateKeyFile, SSL_FILETYPE_PEM) },
                                      "private key \(configuration.privateKeyFile)", freeing: context)
        try SSLContextBuilder.require({ SSL_CTX_check_private_key(context) },
                                      "private key \(configuration.privateKeyFile) does not match the certificate", freeing: context)
        self.configuration = configuration
        self.context = context
        self.alpn = configuration.alpnProtocols.isEmpty ? nil : ALPNPreference(configuration.alpnProtocols)
        if let alpn { SSL_CTX_set_alpn_select_cb(context, selectALPN, Unmanaged.passUnretained(alpn).toOpaque()) }
    }

    deinit { SSL_CTX_free(context) }
}

/// OpenSSL's ALPN callback: points `out` at the chosen name inside the client's offer, or declines
/// (the handshake goes on without ALPN) when nothing matches.
private func selectALPN(_ ssl: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
                        _ outLength: UnsafeMutablePointer<UInt8>?, _ offer: UnsafePointer<UInt8>?,
                        _ offerLength: UInt32, _ argument: UnsafeMutableRawPointer?) -> Int32 {
    guard let out, let outLength, let offer, let argument else { return SSL_TLSEXT_ERR_NOACK }
    let preference = Unmanaged<ALPNPreference>.fromOpaque(argument).takeUnretainedValue()
    let offered = UnsafeBufferPointer(start: offer, count: Int(offerLength))
    guard let range = ALPN.select(preference: preference.protocols, offer: offered) else { return SSL_TLSEXT_ERR_NOACK }
    out.pointee = offer + range.lowerBound
    outLength.pointee = UInt8(range.count)
    return SSL_TLSEXT_ERR_OK
}
