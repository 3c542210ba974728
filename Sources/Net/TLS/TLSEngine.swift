import COpenSSL

/// One TLS connection as a byte transform, with no socket: feed it ciphertext received from the network
/// and get plaintext out; give it plaintext and take ciphertext to write. OpenSSL runs over two memory
/// BIOs, so the same engine serves the event loop, a blocking test stream or an in-memory benchmark.
///
/// Owned by one thread (or one actor) for the connection's life: not Sendable. The context it was made
/// from is shared and stays alive as long as the engine.
///
/// After every call, write `takeOutboundCiphertext()` to the network: the handshake, alerts and
/// close_notify appear there too, including the alert that goes with a thrown error.
public final class TLSEngine {
    /// Where the connection stands.
    public enum State: Sendable, Equatable {
        case handshaking
        /// Application data flows both ways.
        case established
        /// We sent close_notify and wait for the peer's; data still arriving is delivered.
        case closing
        /// close_notify was received (and answered) or exchanged: no data either way.
        case closed
        /// A TLS error was thrown; nothing more is read or written.
        case failed
    }

    /// Caps on the bytes held inside the engine (robustness: a peer that stops reading must not grow us).
    public struct Limits: Sendable, Equatable {
        /// Plaintext waiting for the handshake plus ciphertext not yet taken; `send` throws
        /// `.bufferLimitExceeded` beyond it until the caller takes outbound ciphertext.
        public var maxBufferedOutboundBytes: Int

        public init(maxBufferedOutboundBytes: Int = 1 << 20) {
            self.maxBufferedOutboundBytes = maxBufferedOutboundBytes
        }
    }

    /// RFC 8446 §5.2: a record carries at most 2^14 bytes of plaintext. Ciphertext is handed to OpenSSL
    /// in slices of this size and drained before the next, so the read BIO holds about one record.
    static let inboundSliceBytes = 1 << 14

    public private(set) var state: State = .handshaking
    public let limits: Limits
    public let isClient: Bool
    /// The peer ended the connection with close_notify (a clean end, as opposed to `.truncated`).
    public private(set) var peerSentCloseNotify = false

    let ssl: OpaquePointer
    private let networkOut: OpaquePointer
    private let networkIn: OpaquePointer
    private let contextOwner: AnyObject
    private var pendingPlaintext: [UInt8] = []

    /// A client connection to `serverName`: sent as SNI (unless it is an IP address) and required to
    /// match the server certificate (DNS name or IP address), on top of chain verification.
    public convenience init(client context: TLSClientContext, serverName: String, limits: Limits = Limits()) throws(TLSError) {
        try self.init(context: context.context, owner: context, isClient: true, limits: limits)
        try TLSPeerName.apply(serverName, to: ssl)
        SSL_set_connect_state(ssl)
    }

    /// A server connection using `context`'s certificate; the handshake starts when the ClientHello arrives.
    public convenience init(server context: TLSServerContext, limits: Limits = Limits()) throws(TLSError) {
        try self.init(context: context.context, owner: context, isClient: false, limits: limits)
        SSL_set_accept_state(ssl)
    }

    private init(context: OpaquePointer, owner: AnyObject, isClient: Bool, limits: Limits) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context), let networkIn = BIO_new(BIO_s_mem()), let networkOut = BIO_new(BIO_s_mem()) else {
            throw .configuration(OpenSSLErrorQueue.drain(fallback: "cannot allocate a TLS connection"))
        }
        SSL_set_bio(ssl, networkIn, networkOut)  // the SSL owns both BIOs from here on
        self.ssl = ssl
        self.networkIn = networkIn
        self.networkOut = networkOut
        self.contextOwner = owner
        self.isClient = isClient
        self.limits = limits
    }

    deinit { SSL_free(ssl) }

    /// Client: puts the ClientHello into the outbound ciphertext. Server: nothing to do until the
    /// ClientHello arrives (harmless to call).
    public func startHandshake() throws(TLSError) {
        if state == .handshaking { try advanceHandshake() }
    }

    /// Feeds ciphertext read from the network; returns the application data it completed (often empty
    /// during the handshake). Input after the peer's close_notify is ignored.
    public func receive(ciphertext: UnsafeRawBufferPointer) throws(TLSError) -> [UInt8] {
        var plaintext: [UInt8] = []
        var offset = 0
        repeat {
            switch state {
            case .closed: return plaintext
            case .failed: throw .closed
            case .handshaking, .established, .closing: break
            }
            let slice = min(Self.inboundSliceBytes, ciphertext.count - offset)
            if slice > 0, let base = ciphertext.baseAddress {
                _ = BIO_write(networkIn, base + offset, Int32(slice))  // a memory BIO takes every byte
                offset += slice
            }
            if state == .handshaking { try advanceHandshake() }
            if state == .established || state == .closing { try readAvailable(into: &plaintext) }
        } while offset < ciphertext.count
        return plaintext
    }

    /// Encrypts `plaintext` for the peer. Before the handshake completes it is held and sent once the
    /// connection is established. Throws `.bufferLimitExceeded` (state unchanged) past the outbound limit,
    /// `.closed` once close_notify was sent or received.
    public func send(plaintext: UnsafeRawBufferPointer) throws(TLSError) {
        guard plaintext.count > 0 else { return }
        guard bufferedOutboundBytes + plaintext.count <= limits.maxBufferedOutboundBytes else {
            throw .bufferLimitExceeded(limit: limits.maxBufferedOutboundBytes)
        }
        switch state {
        case .handshaking: pendingPlaintext.append(contentsOf: plaintext)
        case .established: try write(plaintext)
        case .closing, .closed, .failed: throw .closed
        }
    }

    /// Queues close_notify (RFC 8446 §6.1) if the connection is established; then take and send the
    /// outbound ciphertext. The state becomes `.closing` until the peer answers (or `.closed`).
    public func close() {
        switch state {
        case .established:
            OpenSSLErrorQueue.clear()
            state = SSL_shutdown(ssl) == 1 ? .closed : .closing
        case .handshaking:
            pendingPlaintext = []
            state = .closed
        case .closing, .closed, .failed:
            break
        }
    }

    /// The transport reached end of stream. Clean after close_notify (received, or sent by us: many peers
    /// close without answering); otherwise throws `.truncated`, or `.handshakeFailed` mid-handshake.
    public func transportClosed() throws(TLSError) {
        switch state {
        case .closed, .failed: return
        case .closing: state = .closed
        case .handshaking: throw fail(.handshakeFailed("the transport closed during the handshake"))
        case .established: throw fail(.truncated)
        }
    }

    /// Plaintext held for the handshake plus ciphertext not yet taken.
    public var bufferedOutboundBytes: Int { pendingPlaintext.count + outboundCiphertextCount }

    private func advanceHandshake() throws(TLSError) {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            state = .established
            let held = pendingPlaintext
            pendingPlaintext = []
            try held.withUnsafeBytes { bytes in Result { () throws(TLSError) in try write(bytes) } }.get()
            return
        }
        let error = SSL_get_error(ssl, result)
        if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE { return }
        let verify = SSL_get_verify_result(ssl)
        if verify != X509_V_OK {
            throw fail(.certificateVerificationFailed(code: verify, reason: String(cString: X509_verify_cert_error_string(verify))))
        }
        throw fail(.handshakeFailed(OpenSSLErrorQueue.drain(fallback: "SSL_do_handshake failed (error \(error))")))
    }

    private func readAvailable(into plaintext: inout [UInt8]) throws(TLSError) {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.inboundSliceBytes) { buffer in
            Result { () throws(TLSError) in try readRecords(into: &plaintext, buffer: buffer) }
        }.get()
    }

    private func readRecords(into plaintext: inout [UInt8], buffer: UnsafeMutableBufferPointer<UInt8>) throws(TLSError) {
        while true {
            OpenSSLErrorQueue.clear()
            var count = 0
            let result = SSL_read_ex(ssl, buffer.baseAddress, buffer.count, &count)
            if result == 1 {
                plaintext.append(contentsOf: buffer[0..<count])
                continue
            }
            let error = SSL_get_error(ssl, result)
            if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE { return }
            if error == SSL_ERROR_ZERO_RETURN {
                peerSentCloseNotify = true
                if state == .established { _ = SSL_shutdown(ssl) }  // answer with our close_notify
                state = .closed
                return
            }
            throw fail(.protocolError(OpenSSLErrorQueue.drain(fallback: "SSL_read failed (error \(error))")))
        }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws(TLSError) {
        guard bytes.count > 0 else { return }
        OpenSSLErrorQueue.clear()
        var written = 0
        guard SSL_write_ex(ssl, bytes.baseAddress, bytes.count, &written) == 1, written == bytes.count else {
            throw fail(.protocolError(OpenSSLErrorQueue.drain(fallback: "SSL_write failed")))
        }
    }

    private func fail(_ error: TLSError) -> TLSError {
        state = .failed
        pendingPlaintext = []
        return error
    }

    var outboundBIO: OpaquePointer { networkOut }
}
