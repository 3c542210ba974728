import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// The name a client dials, applied to its connection: SNI plus hostname verification for a DNS name
/// (RFC 6066 §3 forbids IP literals in SNI), IP address verification for an address.
enum TLSPeerName {
    static func apply(_ name: String, to ssl: OpaquePointer) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        if isIPAddress(name) {
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1 else {
                throw .configuration("cannot verify against IP address \(name): \(OpenSSLErrorQueue.drain(fallback: "rejected"))")
            }
            return
        }
        guard !name.isEmpty, switchboard_SSL_set_tlsext_host_name(ssl, name) == 1, SSL_set1_host(ssl, name) == 1 else {
            throw .configuration("invalid server name \"\(name)\": \(OpenSSLErrorQueue.drain(fallback: "rejected"))")
        }
    }

    static func isIPAddress(_ name: String) -> Bool {
        var storage = in6_addr()
        return inet_pton(AF_INET, name, &storage) == 1 || inet_pton(AF_INET6, name, &storage) == 1
    }
}
