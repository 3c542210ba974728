import SIP
import Testing

@Suite struct URIParserTests {
    @Test func sipURIPartsAreSplitAndEscapesKept() throws {
        let uri = try SIPURI.parse("sips:alice:secret@Example.COM:5061;transport=TCP;lr;x%41=b%42?Subject=hi&Priority=urgent")
        #expect(uri.isSecure && uri.user == "alice" && uri.password == "secret")
        #expect(uri.host == .name("Example.COM") && uri.port == 5061)
        #expect(uri.transport == "tcp" && uri.isLooseRouter)
        #expect(uri.parameter("xA") == "bB")
        #expect(uri.headers.map(\.name) == ["Subject", "Priority"])
        #expect(try SIPURI.parse(uri.serialized) == uri)
    }

    /// RFC 5118 §4.1–4.4: IPv6 references need brackets; a port sits outside them.
    @Test func ipv6ReferencesFollowRFC5118() throws {
        #expect(try SIPURI.parse("sip:[2001:db8::10]").host == .ipv6("2001:db8::10"))
        #expect(try SIPURI.parse("sip:[2001:db8::10]:5070").port == 5070)
        #expect(try SIPURI.parse("sip:[2001:db8::10:5070]").port == nil)
        #expect(try SIPURI.parse("sip:user@[::ffff:192.0.2.1]").host == .ipv6("::ffff:192.0.2.1"))
        #expect(throws: SIPSyntaxError.self) { try SIPURI.parse("sip:2001:db8::10") }
        #expect(throws: SIPSyntaxError.self) { try SIPURI.parse("sip:[2001:db8:::10]") }
        #expect(throws: SIPSyntaxError.self) { try SIPURI.parse("sip:[1:2:3:4:5:6:7:8:9]") }
        #expect(throws: SIPSyntaxError.self) { try SIPURI.parse("sip:[2001:db8::10") }
    }

    @Test(arguments: ["sip:a@b.example:0", "sip:a@b.example:65536", "sip:a@b.example:99999999999999999999",
                      "sip:a@b.example:"])
    func portsOutside1To65535AreRefused(text: String) {
        #expect(throws: SIPSyntaxError.self) { try URI.parse(text) }
    }

    @Test(arguments: ["sip:a%@b.example", "sip:a%4@b.example", "sip:a%zz@b.example", "sip:a@b.example;p=%",
                      "sip:a@b.example;p%4", "sip:a@b.example?h=%2", "sip:%", "sip:a@b.example;x=1?%"])
    func percentAtTheEndOrBadHexIsAnErrorNotATrap(text: String) {
        #expect(throws: SIPSyntaxError.self) { try URI.parse(text) }
    }

    @Test(arguments: ["sip:", "sip:@host.example", "sip:a@", "sip:a@-bad.example", "sip:a@bad-.example",
                      "sip:a@256.1.1.1", "sip:a@1.2.3", "sip:a@host.123", "sip:a b@host.example", "sip:a@host.example;",
                      "sip:a@host.example;=v", "<sip:a@host.example>", "sip:a@host.example>", "tel:", "tel:abc+1",
                      "1nvalid:scheme"])
    func malformedURIsAreRefused(text: String) {
        #expect(throws: SIPSyntaxError.self) { try URI.parse(text) }
    }

    @Test func telAndOtherSchemesParse() throws {
        #expect(try URI.parse("tel:+1-201-555-0123;ext=42") == .tel(TelURI(number: "+1-201-555-0123",
                                                                               parameters: [SIPParameter("ext", "42")])))
        #expect(try URI.parse("tel:7042;phone-context=example.com").serialized == "tel:7042;phone-context=example.com")
        #expect(try URI.parse("urn:service:sos") == .other(scheme: "urn", text: "service:sos"))
    }

    @Test func hostnamesAndIPv4AreTold() throws {
        #expect(try SIPURI.parse("sip:192.0.2.4").host == .ipv4("192.0.2.4"))
        #expect(try SIPURI.parse("sip:gw1.example.net.").host == .name("gw1.example.net."))
        #expect(try SIPURI.parse("sip:+15550101@a-b.example").user == "+15550101")
    }
}
