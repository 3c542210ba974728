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
        #expect(registration.transport == .udp && outbound.transport == .udp, "UDP unless something names another transport")
    }

    @Test func transportComesFromTheSettingOrTheURI() throws {
        let result = SIPConfigLoadingTests.load("""
            default_agent: support
            sip:
              listen: {udp: 127.0.0.1:5060}
              registrations:
                - {registrar: "sip:pbx.example.com;transport=tcp", user: a, agent: support}
                - {registrar: "sips:pbx.example.com", user: b, agent: support}
                - {registrar: "pbx.example.com:5080", transport: tls, user: c, agent: support}
                - {registrar: "sip:10.0.0.1:5070;transport=tcp", transport: udp, user: d, agent: support}
              trunks:
                - name: carrier
                  allow: [203.0.113.0/24]
                  outbound: {proxy: "sips:[2001:db8::9]:5071", caller_id: "+15550100"}
                - name: pbx
                  allow: [10.0.0.0/8]
                  outbound: {proxy: 10.0.0.1, caller_id: "7000", transport: tcp}
            """)
        #expect(result.errors.isEmpty, "\(result.problems)")
        let registrations = try #require(result.value?.sip?.registrations)
        #expect(registrations.map(\.transport) == [.tcp, .tls, .tls, .udp])
        #expect(registrations.map(\.registrarHost) == ["pbx.example.com", "pbx.example.com", "pbx.example.com", "10.0.0.1"])
        #expect(registrations.map(\.registrarPort) == [5060, 5061, 5080, 5070])
        #expect(registrations[0].aorDomain == "pbx.example.com")
        let trunks = try #require(result.value?.sip?.trunks)
        #expect(trunks[0].outbound?.transport == .tls && trunks[0].outbound?.proxyHost == "2001:db8::9" && trunks[0].outbound?.proxyPort == 5071)
        #expect(trunks[1].outbound?.transport == .tcp && trunks[1].outbound?.proxyHost == "10.0.0.1" && trunks[1].outbound?.proxyPort == 5060)
    }

    @Test func anUnknownTransportIsAnError() {
        let result = SIPConfigLoadingTests.load("""
            default_agent: support
            sip:
              listen: {udp: 127.0.0.1:5060}
              registrations:
                - {registrar: pbx.example.com, user: a, agent: support, transport: sctp}
            """)
        #expect(result.errors.contains { $0.message.contains("transport") && $0.message.contains("tls") })
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
