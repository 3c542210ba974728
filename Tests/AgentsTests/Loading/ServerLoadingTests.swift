import Testing
@testable import Agents

@Suite struct ServerLoadingTests {
    @Test func emptyishServerConfigTakesDefaults() throws {
        let result = Fixtures.server("default_agent: receptionist\n")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let server = try #require(result.value)
        #expect(server.listeners.http == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(server.listeners.metrics == nil && server.tls == nil && server.twilio == nil)
        #expect(server.limits == ServerConfig.Limits(maxCalls: 100, maxWebSocketMessageBytes: 1_048_576))
        #expect(server.agentsFolder == "Config/agents", "resolved relative to the config file's folder")
        #expect(server.logging == ServerConfig.Logging(level: .info, redactTranscripts: false))
    }

    @Test func everySectionIsRead() throws {
        let yaml = """
            listeners: { http: "[::1]:9000", metrics: ":9464" }
            tls: { certificate: tls/cert.pem, private_key: /etc/key.pem }
            limits: { max_calls: 7, max_websocket_message_bytes: 65_536 }
            agents_folder: ../agents
            routes:
              - { path: /twilio, protocol: twilio, agent: a }
              - { path: /pcm, protocol: pcm }
              - { number: +1 (555) 010-0000, agent: b }
              - { stream_parameter: { name: team, value: sales }, agent: c }
            default_agent: a
            logging: { level: debug, redact_transcripts: true }
            twilio: { auth_token: "${TWILIO_AUTH_TOKEN}", public_url: "wss://voice.example.com" }

            """
        let result = Fixtures.server(yaml, environment: ["TWILIO_AUTH_TOKEN": "tw"])
        #expect(result.problems.isEmpty, "\(result.problems)")
        let server = try #require(result.value)
        #expect(server.listeners.http == ListenAddress(host: "::1", port: 9000))
        #expect(server.listeners.metrics == ListenAddress(host: "0.0.0.0", port: 9464))
        #expect(server.tls == ServerConfig.TLS(certificatePath: "Config/tls/cert.pem", privateKeyPath: "/etc/key.pem"))
        #expect(server.limits.maxCalls == 7 && server.limits.maxWebSocketMessageBytes == 65_536)
        #expect(server.agentsFolder == "Config/../agents")
        #expect(server.routes == [
            Route(match: .webSocketPath("/twilio", protocol: .twilio), agent: "a"),
            Route(match: .webSocketPath("/pcm", protocol: .pcm), agent: nil),
            Route(match: .calledNumber("+15550100000"), agent: "b"),
            Route(match: .streamParameter(name: "team", value: "sales"), agent: "c"),
        ])
        #expect(server.webSocketEndpoints.map(\.path) == ["/twilio", "/pcm"])
        #expect(server.logging == ServerConfig.Logging(level: .debug, redactTranscripts: true))
        #expect(server.twilio?.authToken.reveal() == "tw" && server.twilio?.publicURL == "wss://voice.example.com")
    }

    @Test func routingPrefersParameterThenNumberThenPathThenDefault() {
        let server = ServerConfig(routes: [
            Route(match: .webSocketPath("/twilio", protocol: .twilio), agent: "by-path"),
            Route(match: .webSocketPath("/pcm", protocol: .pcm), agent: nil),
            Route(match: .calledNumber("+15550100"), agent: "by-number"),
            Route(match: .streamParameter(name: "agent", value: "sales"), agent: "by-parameter"),
        ], defaultAgent: "fallback")
        #expect(server.agentName(path: "/twilio", calledNumber: "+1 555-0100", streamParameters: ["agent": "sales"]) == "by-parameter")
        #expect(server.agentName(path: "/twilio", calledNumber: "+1 555-0100", streamParameters: [:]) == "by-number")
        #expect(server.agentName(path: "/twilio", calledNumber: "+1999", streamParameters: ["agent": "x"]) == "by-path")
        #expect(server.agentName(path: "/pcm", calledNumber: nil, streamParameters: [:]) == "fallback")
    }

    @Test func routeProblemsAreLocated() {
        let yaml = """
            routes:
              - path: twilio
                protocol: twillio
                agent: a
              - number: "12"
              - path: /pcm
                number: "123"
                agent: a
              - path: /x
                protocol: pcm
                agent: a
              - path: /x
                protocol: pcm
                agent: b

            """
        let problems = Fixtures.server(yaml).problems
        let invalid = problems.filter { $0.code == .invalidValue }.map { [$0.location.line, $0.location.column] }
        #expect(invalid == [[2, 11], [3, 15], [6, 5]], "\(problems)")
        expectProblem(problems, .missingField, line: 5, column: 5, containing: "missing required key \"agent\" in \"routes[1]\"")
        expectProblem(problems, .duplicateName, line: 12, column: 11, containing: "same calls as the route at line 9")
    }

    @Test func listenerLimitsAndLoggingProblemsAreLocated() {
        let yaml = """
            listeners:
              http: 127.0.0.1:70000
              metrics: 127.0.0.1:8080
            limits:
              max_calls: 0
              max_websocket_message_bytes: lots
            logging:
              level: verbose
              redact: true
            tls:
              certificate: cert.pem

            """
        let problems = Fixtures.server(yaml).problems
        #expect(problems.filter(\.isError).map { [$0.location.line, $0.location.column] }
                == [[2, 9], [5, 14], [6, 32], [8, 10], [9, 3], [11, 3]], "\(problems)")
        #expect(problems.first { $0.code == .unknownKey }?.message.contains("did you mean \"redact_transcripts\"?") == true)
    }

    @Test func literalTwilioTokenWarns() {
        let result = Fixtures.server("default_agent: a\ntwilio:\n  auth_token: abc\n")
        expectProblem(result.problems, .literalSecret, line: 3, column: 15, severity: .warning)
    }
}
