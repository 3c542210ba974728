import COpenSSL

/// The settings both sides share, applied to a new SSL_CTX: minimum version, small idle memory, and no
/// renegotiation (TLS 1.2 renegotiation is a DoS and complexity surface the engine does not support).
enum SSLContextBuilder {
    /// A new SSL_CTX for `method`, or a typed error with OpenSSL's reason. The caller owns the result.
    static func make(method: OpaquePointer?, minimumVersion: TLSVersion) throws(TLSError) -> OpaquePointer {
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(method) else {
            throw .configuration(OpenSSLErrorQueue.drain(fallback: "SSL_CTX_new failed"))
        }
        guard switchboard_SSL_CTX_set_min_proto_version(context, minimumVersion.openSSLValue) == 1 else {
            SSL_CTX_free(context)
            throw .configuration(OpenSSLErrorQueue.drain(fallback: "cannot set the minimum TLS version"))
        }
        // Frees the per-connection read/write buffers while a connection is idle (many idle calls).
        _ = switchboard_SSL_CTX_set_mode(context, Int(SSL_MODE_RELEASE_BUFFERS))
        _ = switchboard_SSL_CTX_disable_renegotiation(context)
        return context
    }

    /// Runs `step` (an OpenSSL call returning 1 on success); on failure frees `context` and throws
    /// `.configuration` naming `what` and OpenSSL's reason.
    static func require(_ step: () -> Int32, _ what: String, freeing context: OpaquePointer) throws(TLSError) {
        guard step() == 1 else {
            let reason = OpenSSLErrorQueue.drain(fallback: "unknown error")
            SSL_CTX_free(context)
            throw .configuration("\(what): \(reason)")
        }
    }
}
