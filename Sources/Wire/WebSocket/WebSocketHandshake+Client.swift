/// RFC 6455 §4.1 opening handshake, client side: build the upgrade request, check the server's answer.
extension WebSocketHandshake {
    /// The `Sec-WebSocket-Key` for 16 caller-supplied random bytes; nil for any other count.
    public static func makeKey(nonce: [UInt8]) -> String? {
        nonce.count == keyNonceBytes ? Base64.encode(nonce) : nil
    }

    /// The upgrade request head for `target` (origin-form path and query) on `host` (`host[:port]`).
    public static func clientRequest(target: String, host: String, key: String, subprotocols: [String] = [],
                                     origin: String? = nil, headers extra: HTTPHeaders = HTTPHeaders()) -> HTTPRequestHead {
        var headers: HTTPHeaders = ["Host": host, "Upgrade": "websocket", "Connection": "Upgrade",
                                    "Sec-WebSocket-Key": key, "Sec-WebSocket-Version": version]
        if !subprotocols.isEmpty { headers.add(name: "Sec-WebSocket-Protocol", value: subprotocols.joined(separator: ", ")) }
        if let origin { headers.add(name: "Origin", value: origin) }
        for field in extra { headers.add(name: field.name, value: field.value) }
        return HTTPRequestHead(method: "GET", target: target, headers: headers)
    }

    /// Checks the server's answer (RFC 6455 §4.1, client requirements 1–6) and returns the subprotocol
    /// it picked, if any. Anything but a proper 101 fails the connection.
    public static func validateResponse(_ head: HTTPResponseHead, key: String,
                                        offeredSubprotocols: [String] = []) throws(WebSocketHandshakeError) -> String? {
        guard head.status == 101 else { throw WebSocketHandshakeError(.unexpectedStatus(head.status)) }
        guard head.headers.containsToken("websocket", in: "upgrade") else { throw WebSocketHandshakeError(.missingUpgradeWebSocket) }
        guard head.headers.containsToken("upgrade", in: "connection") else { throw WebSocketHandshakeError(.missingConnectionUpgrade) }
        guard head.headers.values(for: "sec-websocket-accept") == [acceptValue(forKey: key)] else {
            throw WebSocketHandshakeError(.invalidAccept)
        }
        guard head.headers.listElements(for: "sec-websocket-extensions").isEmpty else {
            throw WebSocketHandshakeError(.unofferedExtension)
        }
        let chosen = head.headers.listElements(for: "sec-websocket-protocol")
        guard let subprotocol = chosen.first else { return nil }
        guard chosen.count == 1, offeredSubprotocols.contains(subprotocol) else {
            throw WebSocketHandshakeError(.unofferedSubprotocol)
        }
        return subprotocol
    }
}
