import Agents
import Testing

@Suite struct SIPClientConfigLoadingTests {
    @Test func registrationsOutboundAndAPITokenAreRead() throws {
        let result = SIPConfigLoadingTests.load("""
            default_agent: support
            api:
              token: "${SWITCHBOARD_API_TOKEN}"
            sip:
              listen: {udp: 127.0.0.1:5060}
              registrations:
                - registrar: pbx.example.com:5062
                  aor: sip:agent7@pbx.example.com
                  auth_username: a7
                  password: "${PBX_PASSWORD}"
                  expires: 300
                  contact_user: sb7
                  agent: support
              trunks:
                - name: carrier
                  allow: [203.0.113.0/24]
                  outbound:
                    proxy: 203.0.113.9:5060
                    caller_id: "+15550100"
                    username: trunk7
                    password: "${TRUNK_PASSWORD}"
                    ring_timeout_s: 20
            """, environment: ["TRUNK_PASSWORD": "pw", "PBX_PASSWORD": "pbx", "SWITCHBOARD_API_TOKEN": "tok"])
        #expect(result.errors.isEmpty, "\(result.problems)")
        let config = try #require(result.value)
        #expect(config.apiToken?.reveal() == "tok")
        let registration = try #require(config.sip?.registrations.first)
        #expect(registration.user == "agent7" && registration.aorDomain == "pbx.example.com")
        #expect(registration.registrarHost == "pbx.example.com" && registration.registrarPort == 5062)
        #expect(registration.authUsername == "a7" && registration.password?.reveal() == "pbx")
        #expect(registration.expires == 300 && registration.effectiveContactUser == "sb7" && registration.agent == "support")
        let outbound = try #require(config.sip?.trunks.first?.outbound)
        #expect(outbound.proxyHost == "203.0.113.9" && outbound.proxyPort == 5060 && outbound.callerID == "+15550100")
        #expect(outbound.username == "trunk7" && outbound.password?.reveal() == "pw" && outbound.ringTimeoutSeconds == 20)
    }

    @Test func literalPasswordsAreFlaggedAndTheAgentMustBeNamed() {
        let result = SIPConfigLoadingTests.load("""
            default_agent: support
            sip:
              listen: {udp: 127.0.0.1:5060}
              registrations:
                - registrar: 10.0.0.1
                  user: agent7
                  password: plain-text
            """)
        #expect(result.errors.contains { $0.message.contains("agent") })
        #expect(result.problems.contains { $0.code == .literalSecret }, "a literal password is flagged")
    }
}
