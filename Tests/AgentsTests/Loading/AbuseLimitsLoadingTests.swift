import Agents
import Testing

@Suite struct AbuseLimitsLoadingTests {
    @Test func abuseLimitsDefaultToGenerousValuesAndTheStockScannerList() throws {
        let yaml = """
            default_agent: a
            sip: { listen: { udp: "127.0.0.1:5060" } }

            """
        let result = Fixtures.server(yaml)
        #expect(result.problems.filter(\.isError).isEmpty, "\(result.problems)")
        let server = try #require(result.value)
        #expect(server.limits.httpPerSource == HTTPPerSourceLimits(newConnectionsPerSecond: 200, burst: 1000, maxOpen: 2000, banSeconds: 0))
        let sip = try #require(server.sip)
        #expect(sip.flood == SIPFloodLimit(maxRequests: 30, windowMilliseconds: 2000, banSeconds: 300))
        #expect(sip.scannerUserAgents.contains("friendly-scanner"))
    }

    @Test func abuseLimitsAreRead() throws {
        let yaml = """
            default_agent: a
            limits:
              http_per_source: { new_connections_per_second: 5, burst: 10, max_open: 3, ban_s: 60, exempt: [10.0.0.0/8, "::1"] }
            sip:
              listen: { udp: "127.0.0.1:5060" }
              flood: { max_requests: 50, window_ms: 1000, ban_s: 600 }
              scanner_user_agents: [Friendly-Scanner, evil-bot]

            """
        let result = Fixtures.server(yaml)
        #expect(result.problems.filter(\.isError).isEmpty, "\(result.problems)")
        let server = try #require(result.value)
        let http = server.limits.httpPerSource
        #expect([http.newConnectionsPerSecond, http.burst, http.maxOpen, http.banSeconds] == [5, 10, 3, 60])
        #expect(http.exempt.map(\.description).count == 2)
        #expect(http.exempt.first?.contains([10, 1, 2, 3]) == true)
        let sip = try #require(server.sip)
        #expect(sip.flood == SIPFloodLimit(maxRequests: 50, windowMilliseconds: 1000, banSeconds: 600))
        #expect(sip.scannerUserAgents == ["friendly-scanner", "evil-bot"])
    }

    @Test func badAbuseLimitsAreLocated() {
        let yaml = """
            default_agent: a
            limits:
              http_per_source: { burst: 0, exempt: [not-a-network], bans: 1 }
            sip:
              listen: { udp: "127.0.0.1:5060" }
              flood: { window_ms: 5 }

            """
        let problems = Fixtures.server(yaml).problems
        #expect(problems.filter(\.isError).map(\.location.line).sorted() == [3, 3, 3, 6], "\(problems)")
    }
}
