import COpenSSL

extension TLSEngine {
    /// Bytes of ciphertext waiting to be written to the network.
    public var outboundCiphertextCount: Int { Int(BIO_ctrl_pending(outboundBIO)) }

    /// Takes all waiting ciphertext (handshake, data, alerts, close_notify) for the network.
    public func takeOutboundCiphertext() -> [UInt8] {
        let count = outboundCiphertextCount
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = max(0, Int(BIO_read(outboundBIO, buffer.baseAddress, Int32(clamping: count))))
        }
    }

    /// Moves up to `buffer.count` bytes of waiting ciphertext into `buffer` (e.g. a socket write buffer)
    /// and returns how many; the rest stays for the next call.
    public func readOutboundCiphertext(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return max(0, Int(BIO_read(outboundBIO, base, Int32(clamping: buffer.count))))
    }

    /// `receive(ciphertext:)` for an array.
    public func receive(ciphertext: [UInt8]) throws(TLSError) -> [UInt8] {
        try ciphertext.withUnsafeBytes { bytes in Result { () throws(TLSError) in try receive(ciphertext: bytes) } }.get()
    }

    /// `send(plaintext:)` for an array.
    public func send(plaintext: [UInt8]) throws(TLSError) {
        try plaintext.withUnsafeBytes { bytes in Result { () throws(TLSError) in try send(plaintext: bytes) } }.get()
    }

    /// The ALPN protocol both sides agreed on (e.g. "http/1.1"), once established.
    public var negotiatedALPN: String? {
        var name: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &name, &length)
        guard let name, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: name, count: Int(length)), as: UTF8.self)
    }

    /// The negotiated protocol version, e.g. "TLSv1.3".
    public var negotiatedVersion: String { String(cString: SSL_get_version(ssl)) }

    /// Server side: the host name the client asked for with SNI, if any.
    public var requestedServerName: String? {
        SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name).map { String(cString: $0) }
    }
}
