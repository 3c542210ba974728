import COpenSSL

/// The lowest TLS version a context accepts. TLS 1.0 and 1.1 are not offered (RFC 8996 deprecates them).
public enum TLSVersion: Sendable, Equatable {
    case v1_2
    case v1_3

    var openSSLValue: Int32 {
        switch self {
        case .v1_2: TLS1_2_VERSION
        case .v1_3: TLS1_3_VERSION
        }
    }
}

/// Which certificate authorities a client believes: the operating system's store (production), or one
/// PEM file of CA certificates (tests, private deployments). Used by `TLSClientContext` and by
/// `StreamingHTTPClient`, so both verify servers the same way.
public enum TLSTrust: Sendable, Equatable {
    /// OpenSSL's default verify paths (on Debian `/etc/ssl/certs`, filled by `ca-certificates`).
    case systemDefault
    /// Only the CA certificates in this PEM file.
    case certificateAuthorityFile(String)
}
