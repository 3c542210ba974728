import Foundation
import Net
import Testing

extension NetHTTPTests {
    /// `/healthz`, `/readyz` and `/metrics`, the last parsed by the Prometheus project's own Python parser.
    @Suite struct OperationalEndpointsTests {
        @Test func metricsParseAsPrometheusTextWithTheServerFamilies() async throws {
            try await withTestServer { server in
                _ = try await runCurl(["-s", server.url("/hello"), server.url("/hello"), server.url("/missing")])
                let script = #"""
                import sys, urllib.request
                from prometheus_client.parser import text_string_to_metric_families
                with urllib.request.urlopen(sys.argv[1]) as response:
                    print("content-type", response.headers["Content-Type"])
                    text = response.read().decode()
                for family in text_string_to_metric_families(text):
                    for sample in family.samples:
                        labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
                        print(family.type, sample.name, labels, int(sample.value))
                """#
                let result = try await runPython(script, [server.url("/metrics")])
                #expect(result.status == 0, "\(result.errors)")
                let lines = Set(result.stdout)
                #expect(lines.contains("content-type text/plain; version=0.0.4; charset=utf-8"))
                #expect(lines.contains("counter switchboard_http_requests_total route=/hello,status=200 2"))
                #expect(lines.contains("counter switchboard_http_requests_total route=unmatched,status=404 1"))
                #expect(lines.contains("gauge switchboard_http_connections_open  1"), "the scrape's own connection")
                #expect(lines.contains("gauge switchboard_websocket_connections_open  0"))
                #expect(lines.contains { $0.hasPrefix("counter switchboard_http_connections_total ") })
            }
        }

        @Test func healthIsOkAndReadinessFollowsTheServerState() async throws {
            try await withTestServer { server in
                let health = try await runCurl(["-s", server.url("/healthz")])
                let readiness = try await runCurl(["-s", server.url("/readyz")])
                #expect(health.output == "ok")
                #expect(readiness.output == "ready")
            }
        }
    }
}
