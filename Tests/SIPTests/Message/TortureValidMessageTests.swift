import SIP
import Testing

/// RFC 4475 §3.1.1: every valid torture message parses, to the right values.
@Suite struct TortureValidMessageTests {
    let parser = SIPParser()

    func request(_ name: String) throws -> SIPRequest {
        let message = try parser.parse(datagram: Fixtures.bytes(name))
        return try #require(message.request, "\(name) should be a request")
    }

    @Test func shortTortuousInviteParsesFoldedHeadersCompactFormsAndOddSpacing() throws {
        let request = try request("wsinv")
        #expect(request.method == .invite)
        let uri = try #require(request.uri.sipURI)
        #expect(uri.user == "vivekg" && uri.host == .name("chair-dnrc.example.com") && uri.port == nil)
        #expect(uri.parameter("unknownparam") == .some(nil))
        let headers = request.headers
        #expect(headers.to.tag == "1918181833n")
        #expect(headers.to.address.displayName == nil)
        #expect(headers.from.tag == "98asjd8")
        #expect(headers.from.address.displayName == "J Rosenberg \\\"")
        #expect(headers.maxForwards == 68)
        #expect(headers.callID == "wsinv.ndaksdj@192.0.2.1")
        #expect(headers.cseq == CSeq(9, .invite))
        #expect(headers.via.map(\.branch) == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"])
        #expect(headers.via.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(headers.via.map(\.sentBy) == ["192.0.2.2", "spindle.example.com", "192.168.255.111"])
        #expect(headers.firstValue("Subject") == "")
        #expect(headers.firstValue("NewFangledHeader") == "newfangled value   continued newfangled value")
        #expect(headers.firstValue("UnknownHeaderWithUnusualValue") == ";;,,;;,;")
        #expect(headers.contentType == .sdp)
        #expect(headers.route.count == 1 && headers.route[0].uri.sipURI?.isLooseRouter == true)
        let contact = try #require(headers.contact?.addresses.first)
        #expect(headers.contact?.addresses.count == 1)
        #expect(contact.address.displayName == "Quoted string \"\"")
        #expect(contact.parameters[parameter: "newparam"] == "newvalue")
        #expect(contact.parameters[parameter: "secondparam"] == .some(nil))
        #expect(contact.qPermille == 330)
        #expect(request.body.count == 150)
    }

    @Test func wideRangeOfValidCharactersKeepsTokensQuotedPairsAndUTF8() throws {
        let request = try request("intmeth")
        #expect(request.method.rawValue == "!interesting-Method0123456789_*+`.%indeed'~")
        let uri = try #require(request.uri.sipURI)
        #expect(uri.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(uri.password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(uri.host == .name("example.com"))
        #expect(request.headers.via[0].branch == "z9hG4bK-.!%66*_+`'~")
        #expect(request.headers.to.address.displayName == "BEL:\u{07} NUL:\u{00} DEL:\u{7F}")
        #expect(request.headers.from.address.displayName == "token1~` token2'+_ token3*%!.-")
        #expect(request.headers.from.parameters[parameter: "fromParam''~+*_!.-%"] == "работающий")
        #expect(request.headers.from.tag == "_token~1'+`*%!-.")
        #expect(request.headers.callID == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")
        #expect(request.headers.cseq == CSeq(139122385, request.method))
        #expect(request.headers.maxForwards == 255)
        #expect(request.headers.firstValue("extensionHeader-!.%*+_`'~") == "\u{FEFF}大停電")
        #expect(request.body.isEmpty)
    }

    @Test func percentEscapesAreValidatedAndDecodedOnlyWhereTheyAreEscapes() throws {
        let esc01 = try request("esc01")
        let uri = try #require(esc01.uri.sipURI)
        #expect(uri.user == "sips%3Auser%40example.com" && uri.unescapedUser == "sips:user@example.com")
        #expect(uri.host == .name("example.net"))
        #expect(esc01.headers.to.uri.sipURI?.unescapedUser == "user")
        #expect(esc01.headers.from.uri.sipURI?.unescapedUser == "I have spaces")
        #expect(esc01.headers.callID == "esc01.239409asdfakjkn23onasd0-3234")
        let contact = try #require(esc01.headers.contact?.addresses.first?.uri.sipURI)
        #expect(contact.isLooseRouter)
        #expect(contact.parameter("name") == "value%41")
        #expect(esc01.body.count == 150)

        let escnull = try request("escnull")
        #expect(escnull.headers.to.uri.sipURI?.unescapedUser == "null-\u{0}-null")
        #expect(escnull.headers.contact?.addresses.map { $0.uri.sipURI?.unescapedUser } == ["\u{0}", "\u{0}\u{0}"])

        let esc02 = try request("esc02")
        #expect(esc02.method.rawValue == "RE%47IST%45R" && esc02.method != .register)
        #expect(esc02.headers.to.address.displayName == "%Z%45")
        #expect(esc02.headers.via[0].branch == "z9hG4bK209%fzsnel234")
        #expect(esc02.headers.contact?.addresses.count == 2)
        #expect(esc02.headers.firstValue("C%6Fntact") == "<sip:alias2@host2.example.com>")
    }

    @Test func displayNameMayTouchTheAngleBracket() throws {
        let request = try request("lwsdisp")
        #expect(request.headers.from.address.displayName == "caller")
        #expect(request.headers.from.tag == "323")
        #expect(request.method == .options)
    }

    @Test func longValuesAndThirtyFourViasParse() throws {
        let request = try request("longreq")
        #expect(request.headers.via.count == 34)
        #expect(request.headers.via.first?.sentBy == "sip33.example.com" && request.headers.via.first?.branch == nil)
        #expect(request.headers.via.last?.branch == "very" + String(repeating: "long", count: 50) + "branchvalue")
        #expect(request.headers.via.last?.received == "192.0.2.5")
        #expect(request.headers.to.uri.sipURI?.port == 6000)
        #expect(request.headers.from.tag == "12" + String(repeating: "982", count: 50) + "424")
        #expect(request.headers.callID.hasPrefix("longreq.one") && request.headers.cseq == CSeq(3882340, .invite))
        #expect(request.body.count == 150)
    }

    @Test func trailingOctetsInADatagramAreIgnored() throws {
        let request = try request("dblreq")
        #expect(request.method == .register)
        #expect(request.headers.callID == "dblreq.0ha0isndaksdj99sdfafnl3lk233412")
        #expect(request.body.isEmpty)
        #expect(request.headers.contact?.addresses.first?.uri.sipURI?.host == .name("host.example.com"))
    }

    @Test func semicolonsInTheUserPartBelongToTheUser() throws {
        let request = try request("semiuri")
        let uri = try #require(request.uri.sipURI)
        #expect(uri.user == "user;par=u%40example.net" && uri.host == .name("example.com") && uri.parameters.isEmpty)
        #expect(request.headers.firstValue("Accept")?.contains("message/sipfrag") == true)
    }

    @Test func unknownTransportsAreKept() throws {
        let request = try request("transports")
        #expect(request.headers.via.map(\.transport) == ["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"])
        #expect(request.headers.callID == "transports.kijh4akdnaqjkwendsasfdj")
    }

    @Test func multipartBodyWithBinaryPartIsFramedByContentLength() throws {
        let request = try request("mpart01")
        #expect(request.method == .message)
        #expect(request.body.count == 553 && request.body.contains(0x00))
        #expect(request.headers.via[0].rport == .some(nil))
        #expect(request.headers.contentType?.parameters[parameter: "boundary"] == "7a9cbec02ceef655")
        #expect(request.headers.route.first?.uri.sipURI?.port == 5080)
    }

    @Test func unusualAndEmptyReasonPhrasesParse() throws {
        let unreason = try #require(try parser.parse(datagram: Fixtures.bytes("unreason")).response)
        #expect(unreason.statusCode == 200)
        #expect(unreason.reasonPhrase == "= 2**3 * 5**2 но сто девяносто девять - простое")
        #expect(unreason.headers.to.tag == "2229" && unreason.body.count == 154)
        let noreason = try #require(try parser.parse(datagram: Fixtures.bytes("noreason")).response)
        #expect(noreason.statusCode == 100 && noreason.reasonPhrase.isEmpty)
        #expect(noreason.headers.callID == "noreason.asndj203insdf99223ndf")
    }
}
