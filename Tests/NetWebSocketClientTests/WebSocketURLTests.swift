import Net
import Testing

@Suite("WebSocket URLs")
struct WebSocketURLTests {
    @Test func splitsHostPortTargetAndHostHeader() throws {
        let plain = try #require(WebSocketURL("ws://api.example.com/v1/listen?model=nova-3&encoding=mulaw"))
        #expect(!plain.isSecure)
        #expect(plain.host == "api.example.com")
        #expect(plain.port == 80)
        #expect(plain.target == "/v1/listen?model=nova-3&encoding=mulaw")
        #expect(plain.hostHeader == "api.example.com")

        let secure = try #require(WebSocketURL("WSS://api.example.com:8443"))
        #expect(secure.isSecure && secure.port == 8443 && secure.target == "/")
        #expect(secure.hostHeader == "api.example.com:8443")

        let query = try #require(WebSocketURL("wss://h.example?x=1"))
        #expect(query.port == 443 && query.target == "/?x=1" && query.hostHeader == "h.example")

        let v6 = try #require(WebSocketURL("ws://[::1]:9000/a"))
        #expect(v6.host == "::1" && v6.port == 9000 && v6.hostHeader == "[::1]:9000")
        #expect(try #require(WebSocketURL("wss://[fe80::1]/")).hostHeader == "[fe80::1]")
    }

    @Test(arguments: [
        "http://example.com/", "ws://", "ws:///path", "ws://user@example.com/", "ws://example.com/#frag",
        "ws://example.com:0/", "ws://example.com:65536/", "ws://example.com:/", "ws://example.com:80a/",
        "ws://exa mple.com/", "ws://[::1/", "ws://[::1]x/", "ws://::1/", "ws://[example.com]/", "ws://example.com/\u{7F}",
    ])
    func refusesURLsThatCannotBeDialed(_ text: String) {
        #expect(WebSocketURL(text) == nil)
    }
}
