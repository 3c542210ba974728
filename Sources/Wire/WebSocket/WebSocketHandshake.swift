/// What a valid client upgrade request asked for.
public struct WebSocketUpgradeRequest: Sendable, Equatable {
    /// `Sec-WebSocket-Key` as sent (base64 of 16 bytes).
    public var key: String
    /// `Sec-WebSocket-Protocol` values offered, in order.
    public var subprotocols: [String]
    /// `Sec-WebSocket-Extensions` offers as sent (this codec negotiates none).
    public var extensions: [String]
    public var origin: String?
}

/// RFC 6455 §4 opening handshake, server side: validate the upgrade request, build the 101 answer
/// or the refusal. The client side is in `WebSocketHandshake+Client.swift`.
public enum WebSocketHandshake {
    /// RFC 6455 §1.3: the GUID appended to the key before hashing.
    public static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
    /// RFC 6455 §4.1: the only version this codec speaks.
    public static let version = "13"
    /// RFC 6455 §4.1: the key is base64 of a 16-byte nonce.
    public static let keyNonceBytes = 16

    /// `Sec-WebSocket-Accept` for a key: base64(SHA-1(key + GUID)).
    public static func acceptValue(forKey key: String) -> String {
        Base64.encode(SHA1.hash(Array((key + acceptGUID).utf8)))
    }

    /// Checks a request against RFC 6455 §4.2.1: GET, HTTP/1.1 or later, `Upgrade: websocket`,
    /// `Connection: upgrade` (token lists, any case), `Sec-WebSocket-Version: 13`, one key decoding to
    /// 16 bytes. Host is already required by the HTTP parser. Authenticate before answering 101.
    public static func validateUpgrade(_ head: HTTPRequestHead) throws(WebSocketHandshakeError) -> WebSocketUpgradeRequest {
        guard head.method == "GET" else { throw WebSocketHandshakeError(.methodNotGet) }
        guard head.version.isAtLeastHTTP11 else { throw WebSocketHandshakeError(.httpVersionTooOld) }
        guard head.headers.containsToken("websocket", in: "upgrade") else { throw WebSocketHandshakeError(.missingUpgradeWebSocket) }
        guard head.headers.containsToken("upgrade", in: "connection") else { throw WebSocketHandshakeError(.missingConnectionUpgrade) }
        guard head.headers.values(for: "sec-websocket-version") == [version] else {
            throw WebSocketHandshakeError(.unsupportedWebSocketVersion)
        }
        let keys = head.headers.values(for: "sec-websocket-key")
        guard keys.count == 1, let nonce = Base64.decode(keys[0]), nonce.count == keyNonceBytes else {
            throw WebSocketHandshakeError(.invalidKey)
        }
        return WebSocketUpgradeRequest(
            key: keys[0],
            subprotocols: head.headers.listElements(for: "sec-websocket-protocol"),
            extensions: head.headers.listElements(for: "sec-websocket-extensions"),
            origin: head.headers["origin"])
    }

    /// The `101 Switching Protocols` answer. `subprotocol` is echoed only if the client offered it
    /// (RFC 6455 §4.2.2); no extension is ever accepted.
    public static func acceptResponse(for request: WebSocketUpgradeRequest, subprotocol: String? = nil,
                                      headers extra: HTTPHeaders = HTTPHeaders()) -> HTTPResponseHead {
        var headers: HTTPHeaders = ["Upgrade": "websocket", "Connection": "Upgrade",
                                    "Sec-WebSocket-Accept": acceptValue(forKey: request.key)]
        if let subprotocol, request.subprotocols.contains(subprotocol) {
            headers.add(name: "Sec-WebSocket-Protocol", value: subprotocol)
        }
        for field in extra { headers.add(name: field.name, value: field.value) }
        return HTTPResponseHead(status: 101, headers: headers)
    }

    /// The refusal for a failed validation: 426 names the supported version (RFC 6455 §4.4), 405
    /// names the allowed method. Send it with an empty body and `Connection: close`.
    public static func rejectionResponse(for error: WebSocketHandshakeError) -> HTTPResponseHead {
        var headers: HTTPHeaders = ["Connection": "close"]
        switch error.kind {
        case .unsupportedWebSocketVersion: headers.add(name: "Sec-WebSocket-Version", value: version)
        case .methodNotGet: headers.add(name: "Allow", value: "GET")
        default: break
        }
        return HTTPResponseHead(status: error.status ?? 400, headers: headers)
    }
}
