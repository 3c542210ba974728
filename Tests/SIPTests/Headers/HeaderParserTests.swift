@testable import SIP
import Testing

@Suite struct HeaderParserTests {
    func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    @Test func viaParametersAreTypedAndValidated() throws {
        let vias = try Via.parseList(bytes("SIP/2.0/UDP [2001:db8::9:1]:5060;received=2001:db8::9:255;rport=5061;branch=z9hG4bKx;ttl=16;maddr=239.1.1.1, SIP/2.0/TCP h.example"))
        #expect(vias.count == 2)
        #expect(vias[0].host == .ipv6("2001:db8::9:1") && vias[0].port == 5060)
        #expect(vias[0].received == "2001:db8::9:255" && vias[0].rport == .some(5061) && vias[0].ttl == 16)
        #expect(vias[0].maddr == "239.1.1.1" && vias[0].hasMagicCookie)
        #expect(try Via.parseList(bytes("SIP/2.0/UDP h.example;received=[2001:db8::9:255]"))[0].received == "[2001:db8::9:255]")
        for bad in ["SIP/2.0/UDP h.example;ttl=256", "SIP/2.0/UDP h.example;rport=70000", "SIP/2.0/UDP h.example;received=host.example",
                    "SIP/2.0/UDP h.example;branch=\"q\"", "SIP/2.0/UDP", "SIP/2.0 h.example", "SIP/2.0/UDP h.example,",
                    "SIP/2.0/UDP h.example:0", "SIP/2.0/UDPh.example"] {
            #expect(throws: SIPSyntaxError.self, "\(bad)") { try Via.parseList(bytes(bad)) }
        }
    }

    @Test func cseqIsBelowTwoToThe31() throws {
        #expect(try CSeq.parse(bytes("2147483647 BYE")) == CSeq(2147483647, .bye))
        #expect(throws: SIPSyntaxError.self) { try CSeq.parse(bytes("2147483648 BYE")) }
        #expect(throws: SIPSyntaxError.self) { try CSeq.parse(bytes("4294967296 BYE")) }
        #expect(throws: SIPSyntaxError.self) { try CSeq.parse(bytes("1BYE")) }
        #expect(throws: SIPSyntaxError.self) { try CSeq.parse(bytes("1 BYE x")) }
    }

    @Test func callIDIsBoundedAndMadeOfWords() throws {
        #expect(try CallID.parse(bytes("abc@host")) == "abc@host")
        #expect(throws: SIPSyntaxError.self) { try CallID.parse(bytes(String(repeating: "a", count: 257))) }
        #expect(try CallID.parse(bytes(String(repeating: "a", count: 40)), maxBytes: 40).count == 40)
        for bad in ["", "a@b@c", "@a", "a b", "a\u{7F}"] {
            #expect(throws: SIPSyntaxError.self, "\(bad)") { try CallID.parse(bytes(bad)) }
        }
    }

    @Test func contactWildcardExpiresAndQ() throws {
        #expect(try ContactHeader.parse(bytes(" * ")) == .wildcard)
        let contacts = try ContactHeader.parse(bytes("<sip:a@h.example>;expires=3600;q=0.7, sip:b@h.example;q=1"))
        #expect(contacts.addresses.map(\.expires) == [3600, nil])
        #expect(contacts.addresses.map(\.qPermille) == [700, 1000])
        for bad in ["<sip:a@h.example>;q=1.5", "<sip:a@h.example>;q=0.1234", "<sip:a@h.example>;expires=4294967296", "*, <sip:a@h>"] {
            #expect(throws: SIPSyntaxError.self, "\(bad)") { try ContactHeader.parse(bytes(bad)) }
        }
    }

    @Test func nameAddressEdgeCases() throws {
        #expect(throws: SIPSyntaxError.self) { try FromToParser.parse(bytes("\"unterminated <sip:a@h.example>"), "From") }
        #expect(throws: SIPSyntaxError.self) { try FromToParser.parse(bytes("\"ends in backslash\\"), "From") }
        #expect(throws: SIPSyntaxError.self) { try FromToParser.parse(bytes("/"), "From") }
        #expect(throws: SIPSyntaxError.self) { try FromToParser.parse(bytes("<sip:a@h.example>;tag=\"q\""), "From") }
        #expect(throws: SIPSyntaxError.self) { try FromToParser.parse(bytes("<sip:a@h.example"), "From") }
        let parsed = try FromToParser.parse(bytes("Bob   Smith <sip:b@h.example>;tag=9"), "From")
        #expect(parsed.address.displayName == "Bob Smith" && parsed.tag == "9")
    }

    @Test func sessionTimerHeaders() throws {
        let value = try SessionExpires.parse(bytes("1800;refresher=UAS;x=1"))
        #expect(value.seconds == 1800 && value.refresher == .uas && value.parameters == [SIPParameter("x", "1")])
        #expect(value.serialized == "1800;refresher=uas;x=1")
        #expect(throws: SIPSyntaxError.self) { try SessionExpires.parse(bytes("1800;refresher=both")) }
        #expect(throws: SIPSyntaxError.self) { try SessionExpires.parse(bytes("99999999999")) }
    }

    @Test func authHeadersEventReferAndReplaces() throws {
        let auth = try AuthHeader.parse(bytes("Digest username=\"bob\", realm=\"a.example\", nc=00000001, qop=auth"))
        #expect(auth.scheme == "Digest" && auth.value("username") == "bob" && auth.value("nc") == "00000001")
        #expect(throws: SIPSyntaxError.self) { try AuthHeader.parse(bytes("Digest username=\"bob")) }
        #expect(throws: SIPSyntaxError.self) { try AuthHeader.parse(bytes("Digest username")) }
        #expect(try EventHeader.parse(bytes("refer;id=93809824")).id == "93809824")
        let replaces = try ReplacesHeader.parse(bytes("425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only"))
        #expect(replaces.callID == "425928@bobster.example.org" && replaces.toTag == "7743" && replaces.earlyOnly)
        #expect(throws: SIPSyntaxError.self) { try ReplacesHeader.parse(bytes("425928@bobster;to-tag=7743")) }
        #expect(try TokenList.parse(bytes(""), "Supported", allowEmpty: true).isEmpty)
        #expect(throws: SIPSyntaxError.self) { try TokenList.parse(bytes("100rel,,timer"), "Supported", allowEmpty: true) }
    }

    @Test func numericHeadersAreBounded() throws {
        #expect(try NumericHeader.maxForwards(bytes("255")) == 255)
        #expect(throws: SIPSyntaxError.self) { try NumericHeader.maxForwards(bytes("256")) }
        #expect(throws: SIPSyntaxError.self) { try NumericHeader.maxForwards(bytes("-1")) }
        #expect(try NumericHeader.deltaSeconds(bytes("4294967295"), "Expires") == UInt32.max)
        #expect(throws: SIPSyntaxError.self) { try NumericHeader.deltaSeconds(bytes("4294967296"), "Expires") }
    }
}
