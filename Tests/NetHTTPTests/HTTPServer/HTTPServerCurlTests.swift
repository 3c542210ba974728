import Prometheus
import Foundation
import Net
import Testing

extension NetHTTPTests {
    /// Requests from curl: plain GET, connection reuse, chunked upload, `Expect: 100-continue`, errors.
    @Suite struct HTTPServerCurlTests {
        @Test func getAnswersWithHandlerBodyAndServerFields() async throws {
            try await withTestServer { server in
                let result = try await runCurl(["-si", server.url("/hello")])
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.stdout.first?.hasPrefix("HTTP/1.1 200 OK") == true)
                let fields = result.stdout.map { $0.lowercased() }
                #expect(fields.contains { $0.hasPrefix("content-length: 5") })
                #expect(fields.contains { $0.hasPrefix("server: switchboard") })
                #expect(fields.contains { $0.hasPrefix("date: ") && $0.hasSuffix("gmt\r") })
                #expect(result.stdout.last == "hello")
            }
        }

        @Test func keepAliveConnectionIsReusedForTheNextRequest() async throws {
            try await withTestServer { server in
                let result = try await runCurl(["-sv", server.url("/hello"), server.url("/target?second")])
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.output == "hello/target?second")
                #expect(result.stderr.contains { $0.contains("Re-using existing connection") }, "\(result.errors)")
                #expect(server.registry.emitText().contains("switchboard_http_connections_total 1\n"))
            }
        }

        @Test func chunkedPostBodyReachesTheHandlerWhole() async throws {
            try await withTestServer { server in
                let body = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
                let result = try await runCurl(["-s", "-D", "/dev/stderr", "-H", "Transfer-Encoding: chunked",
                                                "-H", "Content-Type: application/octet-stream",
                                                "--data-binary", "@-", server.url("/echo")], stdin: body)
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.stderr.contains { $0.lowercased().hasPrefix("x-body-length: 40000") }, "\(result.errors)")
            }
        }

        @Test func expectContinueGetsAnInterimResponseThenTheAnswer() async throws {
            try await withTestServer { server in
                let body = [UInt8](repeating: 0x41, count: 3000)
                let result = try await runCurl(["-sv", "-H", "Expect: 100-continue", "--data-binary", "@-",
                                                server.url("/echo")], stdin: body)
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.stderr.contains { $0.contains("HTTP/1.1 100 Continue") }, "\(result.errors)")
                #expect(result.output == String(repeating: "A", count: 3000))
            }
        }

        @Test func expectContinueToAnUnknownPathIsRefusedBeforeTheBody() async throws {
            try await withTestServer { server in
                let result = try await runCurl(["-sv", "-H", "Expect: 100-continue", "--data-binary", "@-",
                                                server.url("/missing")], stdin: [UInt8](repeating: 0x41, count: 3000))
                #expect(!result.stderr.contains { $0.contains("100 Continue") }, "\(result.errors)")
                #expect(result.stderr.contains { $0.contains("HTTP/1.1 404") }, "\(result.errors)")
                #expect(result.stderr.contains { $0.lowercased().contains("connection: close") })
            }
        }

        @Test func unknownPathIs404AndWrongMethodIs405WithAllow() async throws {
            try await withTestServer { server in
                let missing = try await runCurl(["-si", server.url("/nothing-here")])
                #expect(missing.stdout.first?.hasPrefix("HTTP/1.1 404") == true)
                let wrongMethod = try await runCurl(["-si", "-X", "DELETE", server.url("/hello")])
                #expect(wrongMethod.stdout.first?.hasPrefix("HTTP/1.1 405") == true)
                #expect(wrongMethod.stdout.contains { $0.lowercased().hasPrefix("allow: get, head") })
                let prefix = try await runCurl(["-s", server.url("/static/css/site.css")])
                #expect(prefix.output == "static /static/css/site.css")
            }
        }

        @Test func headAnswersTheGetHeadWithoutTheBody() async throws {
            try await withTestServer { server in
                let result = try await runCurl(["-sI", server.url("/hello")])
                #expect(result.stdout.first?.hasPrefix("HTTP/1.1 200") == true)
                #expect(result.stdout.contains { $0.lowercased().hasPrefix("content-length: 5") })
                #expect(!result.stdout.contains("hello"))
            }
        }

        @Test func handlerFieldThatWouldSplitTheResponseBecomes500() async throws {
            try await withTestServer { server in
                let result = try await runCurl(["-si", server.url("/bad-header")])
                #expect(result.stdout.first?.hasPrefix("HTTP/1.1 500") == true)
                #expect(!result.stdout.contains { $0.lowercased().hasPrefix("injected") })
            }
        }
    }
}

extension Prometheus.PrometheusCollectorRegistry {
    func emitText() -> String { String(decoding: emitToBuffer(), as: UTF8.self) }
}
