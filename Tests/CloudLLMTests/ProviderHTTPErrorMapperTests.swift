import Net
import Providers
import Speech
import Testing

@Suite struct ProviderHTTPErrorMapperTests {
    let mapper = ProviderHTTPErrorMapper(redacting: ["sk-live-123"])

    @Test func statusesMapToTheSharedVocabulary() {
        let body = Array(#"{"error":{"message":"model not found","type":"invalid_request_error"}}"#.utf8)
        #expect(mapper.error(status: 401, headers: [:], body: []) == .auth)
        #expect(mapper.error(status: 403, headers: [:], body: []) == .auth)
        #expect(mapper.error(status: 429, headers: ["Retry-After": "12"], body: []) == .rateLimited(retryAfter: .seconds(12)))
        #expect(mapper.error(status: 429, headers: ["retry-after-ms": "250"], body: []) == .rateLimited(retryAfter: .milliseconds(250)))
        #expect(mapper.error(status: 429, headers: [:], body: []) == .rateLimited(retryAfter: nil))
        #expect(mapper.error(status: 503, headers: [:], body: []) == .overloaded)
        #expect(mapper.error(status: 529, headers: [:], body: []) == .overloaded)
        #expect(mapper.error(status: 422, headers: [:], body: body) == .badRequest(detail: "HTTP 422: model not found"))
        #expect(mapper.error(status: 400, headers: [:], body: Array("plain words".utf8)) == .badRequest(detail: "HTTP 400: plain words"))
    }

    @Test func clientFailuresMapByStage() {
        #expect(mapper.error(client: .connectFailed("refused"), streamHasBegun: false) == .timeout(.connecting))
        #expect(mapper.error(client: .tlsFailed("bad cert"), streamHasBegun: false) == .timeout(.connecting))
        #expect(mapper.error(client: .timeout(.firstByte), streamHasBegun: false) == .timeout(.firstResponse))
        #expect(mapper.error(client: .timeout(.idle), streamHasBegun: true) == .timeout(.midStream))
        #expect(mapper.error(client: .transport(code: 18, message: "partial"), streamHasBegun: true) == .connectionLost)
    }

    @Test func secretsAreRedactedAndDetailsShortened() {
        let body = Array(#"{"error":{"message":"key sk-live-123 is revoked"}}"#.utf8)
        #expect(mapper.error(status: 400, headers: [:], body: body) == .badRequest(detail: "HTTP 400: key *** is revoked"))
        let long = Array(String(repeating: "x", count: 5_000).utf8)
        guard case .badRequest(let detail) = mapper.error(status: 400, headers: [:], body: long) else { Issue.record("not badRequest"); return }
        #expect(detail.count <= ProviderHTTPErrorMapper.maxDetailCharacters + "HTTP 400: ".count)
    }
}
