import Testing
import Wire

@Suite struct WebSocketHandshakeTests {
    static func head(_ text: String) throws -> HTTPRequestHead {
        var parser = HTTPRequestParser()
        parser.append(Array(text.utf8))
        guard case .head(let head)? = try parser.nextEvent() else { throw HTTPParseError(.truncatedMessage, at: text.utf8.count) }
        return head
    }

    static let valid = "GET /media HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"

    /// RFC 6455 §1.3 sample, and the pair Python websockets 10.4 accepted in the captured handshake.
    @Test func acceptValueMatchesRFCAndPythonPeer() {
        #expect(WebSocketHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(WebSocketHandshake.acceptValue(forKey: "YhsZ1l+EznuftO+4HFzhmg==") == "IJka3kEbdm7SwV3g5Oww7zNlLIE=")
    }

    @Test func pythonClientRequestValidatesAndGets101WithItsSubprotocol() throws {
        var parser = HTTPRequestParser()
        parser.append(Fixtures.pythonClientHandshake)
        guard case .head(let head)? = try parser.nextEvent() else { Issue.record("no head"); return }
        let upgrade = try WebSocketHandshake.validateUpgrade(head)
        #expect(upgrade.key == "YhsZ1l+EznuftO+4HFzhmg==")
        #expect(upgrade.subprotocols == ["audio.v1"])
        let response = WebSocketHandshake.acceptResponse(for: upgrade, subprotocol: "audio.v1")
        let bytes = try HTTPSerializer.appendedResponseHead(response)
        #expect(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: IJka3kEbdm7SwV3g5Oww7zNlLIE=\r\nSec-WebSocket-Protocol: audio.v1\r\n\r\n")
    }

    @Test func subprotocolTheClientDidNotOfferIsNotEchoed() throws {
        let upgrade = try WebSocketHandshake.validateUpgrade(try Self.head(Self.valid + "\r\n"))
        #expect(WebSocketHandshake.acceptResponse(for: upgrade, subprotocol: "chat").headers["sec-websocket-protocol"] == nil)
    }

    @Test func browserStyleConnectionListAndLowercaseTokensAreAccepted() throws {
        let request = Self.valid.replacingOccurrences(of: "Connection: Upgrade", with: "Connection: keep-alive, upgrade")
            .replacingOccurrences(of: "Upgrade: websocket", with: "Upgrade: WebSocket")
        #expect(throws: Never.self) { try WebSocketHandshake.validateUpgrade(try Self.head(request + "\r\n")) }
    }

    /// A typed table keeps the type checker fast (an untyped tuple literal of this size timed out).
    static let invalidUpgrades: [(String, WebSocketHandshakeError.Kind, Int)] = {
        func replacing(_ old: String, _ new: String) -> String { valid.replacingOccurrences(of: old, with: new) }
        var cases: [(String, WebSocketHandshakeError.Kind, Int)] = []
        cases.append((replacing("GET", "POST"), .methodNotGet, 405))
        cases.append((replacing("HTTP/1.1", "HTTP/1.0"), .httpVersionTooOld, 400))
        cases.append((replacing("Upgrade: websocket\r\n", ""), .missingUpgradeWebSocket, 400))
        cases.append((replacing("Upgrade: websocket", "Upgrade: h2c"), .missingUpgradeWebSocket, 400))
        cases.append((replacing("Connection: Upgrade", "Connection: keep-alive"), .missingConnectionUpgrade, 400))
        cases.append((replacing("Version: 13", "Version: 8"), .unsupportedWebSocketVersion, 426))
        cases.append((replacing("Sec-WebSocket-Version: 13\r\n", ""), .unsupportedWebSocketVersion, 426))
        cases.append((replacing("dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25jZQ"), .invalidKey, 400))
        cases.append((replacing("dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25j"), .invalidKey, 400))
        cases.append((valid + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", .invalidKey, 400))
        return cases
    }()

    @Test(arguments: invalidUpgrades)
    func invalidUpgradeRequestsAreRefusedWithStatus(request: String, kind: WebSocketHandshakeError.Kind, status: Int) {
        #expect(throws: WebSocketHandshakeError(kind)) { try WebSocketHandshake.validateUpgrade(try Self.head(request + "\r\n")) }
        let refusal = WebSocketHandshake.rejectionResponse(for: WebSocketHandshakeError(kind))
        #expect(refusal.status == status)
    }

    @Test func versionRefusalNamesVersion13AndMethodRefusalNamesGET() {
        #expect(WebSocketHandshake.rejectionResponse(for: .init(.unsupportedWebSocketVersion)).headers["sec-websocket-version"] == "13")
        #expect(WebSocketHandshake.rejectionResponse(for: .init(.methodNotGet)).headers["allow"] == "GET")
    }

    @Test func clientRequestRoundTripsThroughServerValidation() throws {
        let key = try #require(WebSocketHandshake.makeKey(nonce: Array("the sample nonce".utf8)))
        #expect(key == "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(WebSocketHandshake.makeKey(nonce: [1, 2, 3]) == nil)
        let request = WebSocketHandshake.clientRequest(target: "/v1/listen?encoding=mulaw", host: "api.example:443", key: key,
                                                       subprotocols: ["token", "secret"], headers: ["Authorization": "Token abc"])
        let bytes = try HTTPSerializer.request(request)
        var parser = HTTPRequestParser()
        parser.append(bytes)
        guard case .head(let parsed)? = try parser.nextEvent() else { Issue.record("no head"); return }
        let upgrade = try WebSocketHandshake.validateUpgrade(parsed)
        #expect(upgrade.subprotocols == ["token", "secret"])
        #expect(parsed.headers["authorization"] == "Token abc")
    }

    @Test func pythonServer101IsAcceptedByTheClient() throws {
        var parser = HTTPResponseParser()
        parser.append(Fixtures.pythonServerHandshake)
        guard case .head(let head)? = try parser.nextEvent() else { Issue.record("no head"); return }
        #expect(try WebSocketHandshake.validateResponse(head, key: "dGhlIHNhbXBsZSBub25jZQ==") == nil)
    }

    @Test func clientRefusesBadServerAnswers() throws {
        let key = "dGhlIHNhbXBsZSBub25jZQ=="
        let good: HTTPHeaders = ["Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Accept": "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="]
        #expect(throws: WebSocketHandshakeError(.unexpectedStatus(401))) {
            try WebSocketHandshake.validateResponse(HTTPResponseHead(status: 401), key: key)
        }
        var wrongAccept = good
        wrongAccept.replaceOrAdd(name: "Sec-WebSocket-Accept", value: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        #expect(throws: WebSocketHandshakeError(.invalidAccept)) {
            try WebSocketHandshake.validateResponse(HTTPResponseHead(status: 101, headers: wrongAccept), key: key)
        }
        var unoffered = good
        unoffered.add(name: "Sec-WebSocket-Protocol", value: "chat")
        #expect(throws: WebSocketHandshakeError(.unofferedSubprotocol)) {
            try WebSocketHandshake.validateResponse(HTTPResponseHead(status: 101, headers: unoffered), key: key, offeredSubprotocols: ["audio"])
        }
        #expect(try WebSocketHandshake.validateResponse(HTTPResponseHead(status: 101, headers: unoffered), key: key,
                                                        offeredSubprotocols: ["audio", "chat"]) == "chat")
        var extensions = good
        extensions.add(name: "Sec-WebSocket-Extensions", value: "permessage-deflate")
        #expect(throws: WebSocketHandshakeError(.unofferedExtension)) {
            try WebSocketHandshake.validateResponse(HTTPResponseHead(status: 101, headers: extensions), key: key)
        }
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

private extension HTTPSerializer {
    static func appendedResponseHead(_ head: HTTPResponseHead) throws -> [UInt8] {
        var out: [UInt8] = []
        try appendResponseHead(head, framing: .none, to: &out)
        return out
    }
}
