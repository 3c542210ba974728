import Agents
import Testing

@Suite struct SIPConfigLoadingTests {
    static func load(_ yaml: String, environment: [String: String] = ["TRUNK_PASSWORD": "pw"]) -> LoadResult<ServerConfig> {
        ServerConfigLoader.load(yaml: yaml, file: "Config/switchboard.yaml", environment: environment)
    }

    @Test func everyKeyOfTheSIPSectionIsRead() throws {
        let result = Self.load("""
            default_agent: support
            sip:
              listen:
                udp: 127.0.0.1:5060
                tcp: "[::1]:5070"
              advertised_host: 203.0.113.5
              rtp_ports: 12000-12100
              codecs: [PCMA, PCMU]
              ring_ms: 1500
              min_session_expires: 120
              max_session_expires: 600
              trunks:
                - name: carrier
                  allow: [203.0.113.0/24, "2001:db8::/32", 198.51.100.7]
                  digest: {username: carrier7, password: "${TRUNK_PASSWORD}", realm: sb.test}
                  max_calls: 5
                  default_agent: support
                  routes:
                    - number: "+1 555-010-0000"
                      agent: sales
                    - user: helpdesk
                      agent: support
            """)
        #expect(result.errors.isEmpty, "\(result.problems)")
        let sip = try #require(result.value?.sip)
        #expect(sip.listen.udp == ListenAddress(host: "127.0.0.1", port: 5060))
        #expect(sip.listen.tcp == ListenAddress(host: "::1", port: 5070))
        #expect(sip.advertisedHost == "203.0.113.5")
        #expect(sip.rtpPorts == 12000...12100)
        #expect(sip.codecs == [.pcma, .pcmu])
        #expect(sip.ringMilliseconds == 1500)
        #expect(sip.minSessionExpires == 120 && sip.maxSessionExpires == 600)
        let trunk = try #require(sip.trunks.first)
        #expect(trunk.digest?.password.reveal() == "pw")
        #expect(trunk.maxCalls == 5)
        #expect(trunk.agentName(forUser: "+15550100000") == "sales")
        #expect(trunk.agentName(forUser: "helpdesk") == "support")
        #expect(trunk.agentName(forUser: "other") == "support")
        #expect(sip.trunk(for: [203, 0, 113, 77])?.name == "carrier")
        #expect(sip.trunk(for: [198, 51, 100, 7])?.name == "carrier")
        #expect(sip.trunk(for: [198, 51, 100, 8]) == nil)
        #expect(sip.trunk(for: [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 1, count: 12))?.name == "carrier")
        #expect(sip.trunk(for: [0x20, 0x01, 0x0d, 0xb9] + Array(repeating: 0, count: 12)) == nil)
        #expect(sip.trunk(for: Array(repeating: 0, count: 10) + [0xFF, 0xFF, 203, 0, 113, 1])?.name == "carrier", "IPv4-mapped")
    }

    @Test func mistakesAreReportedAtTheirLineAndColumn() {
        let result = Self.load("""
            sip:
              listen:
                udp: 127.0.0.1:99999
                tls: 0.0.0.0:5061
              rtp_ports: 20000-10000
              codecs: [PCMU, g729]
              trunks:
                - name: carrier
                  allow: [10.0.0.0/33, not-an-ip]
                  digest: {username: u}
                  routes:
                    - number: "+1555"
                      user: x
                      agent: a
            """)
        let located = result.errors.map { "\($0.location.line):\($0.location.column)" }
        #expect(located.contains("3:10"), "bad port: \(result.errors)")
        #expect(located.contains("4:10"), "tls without certificate")
        #expect(located.contains("5:14"), "reversed port range")
        #expect(located.contains("6:18"), "unknown codec")
        #expect(located.contains("9:15") && located.contains("9:28"), "bad CIDRs")
        #expect(result.errors.contains { $0.message.contains("password") }, "missing digest password")
        #expect(result.errors.contains { $0.message.contains("exactly one of number or user") })
        #expect(result.value == nil)
    }

    @Test func theIPNetworkParserAcceptsOnlyWellFormedNetworks() {
        #expect(IPNetwork(parsing: "10.1.2.3/8")?.description == "10.0.0.0/8")
        #expect(IPNetwork(parsing: "::1")?.prefixLength == 128)
        #expect(IPNetwork(parsing: "::ffff:192.0.2.1/128") != nil)
        for bad in ["10.0.0/8", "10.0.0.256", "1::2::3", "10.0.0.0/", "10.0.0.0/-1", "::/129", "12345::", "", "a.b.c.d"] {
            #expect(IPNetwork(parsing: bad) == nil, "\(bad)")
        }
    }
}
