import SIP
import Testing

/// RFC 4475 §3.1.2 (invalid messages), §3.2, §3.3 (transaction- and application-layer oddities) and §3.4:
/// each invalid message is refused with the status the RFC asks for and never traps; each message the
/// RFC leaves to the application parses, so the application can answer it.
@Suite struct TortureInvalidMessageTests {
    let parser = SIPParser()

    func refusal(_ name: String) -> SIPParseError? {
        do {
            _ = try parser.parse(datagram: Fixtures.bytes(name))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("badinv01", "Via"), ("quotbal", "To"), ("regbadct", "Contact"), ("badaspec", "To"), ("baddn", "From"),
    ])
    func malformedHeadersAreRefusedWith400NamingTheHeader(name: String, header: String) throws {
        let error = try #require(refusal(name), "\(name) must be refused")
        #expect(error.status == 400)
        guard case .invalidHeader(let field, _) = error.kind else {
            Issue.record("\(name): \(error)")
            return
        }
        #expect(field == header)
        #expect(error.offset > 0 && error.offset < Fixtures.bytes(name).count)
    }

    @Test func contentLengthLargerThanTheDatagramIs400() throws {
        let error = try #require(refusal("clerr"))
        #expect(error.kind == .contentLengthMismatch && error.status == 400)
    }

    @Test func negativeContentLengthIs400() throws {
        let error = try #require(refusal("ncl"))
        #expect(error.status == 400)
        #expect(error.reasonPhrase.contains("Content-Length"))
    }

    @Test func overlargeScalarsAreRefusedNotWrapped() throws {
        let request = try #require(refusal("scalar02"))
        #expect(request.status == 400 && request.reasonPhrase.contains("CSeq"))
        let response = try #require(refusal("scalarlg"))
        #expect(response.isResponse, "an unparsable response is dropped, not answered")
        let bigcode = try #require(refusal("bigcode"))
        #expect(bigcode.isResponse)
    }

    @Test(arguments: ["ltgtruri", "lwsruri", "lwsstart", "trws", "escruri"])
    func malformedRequestLinesAre400(name: String) throws {
        let error = try #require(refusal(name), "\(name) must be refused")
        #expect(error.status == 400)
        switch error.kind {
        case .invalidRequestURI, .invalidStartLine: break
        default: Issue.record("\(name): \(error)")
        }
    }

    @Test func unknownVersionIs505() throws {
        let error = try #require(refusal("badvers"))
        #expect(error.kind == .unsupportedVersion && error.status == 505)
    }

    @Test func cseqMethodMustMatchTheRequestMethod() throws {
        #expect(refusal("mismatch01")?.kind == .cseqMethodMismatch)
        #expect(refusal("mismatch02")?.kind == .cseqMethodMismatch)
    }

    /// RFC 4475 §3.1.2.12: an element that does not use Date may accept it; Switchboard ignores Date.
    @Test func nonGMTDateIsAcceptedBecauseDateIsNotInterpreted() throws {
        let request = try #require(try parser.parse(datagram: Fixtures.bytes("baddate")).request)
        #expect(request.headers.firstValue("Date") == "Fri, 01 Jan 2010 16:00:00 EST")
    }

    @Test func missingMandatoryHeadersAre400() throws {
        #expect(refusal("insuf")?.kind == .missingHeader("From"))
    }

    @Test func duplicateSingleValuedHeadersAre400() throws {
        #expect(refusal("multi01")?.kind == .duplicateHeader("CSeq"))
        #expect(refusal("mcl01")?.kind == .duplicateHeader("Content-Length"))
    }

    /// RFC 4475 §3.4.1: an RFC 2543 INVITE has no Max-Forwards; refused by default, accepted on request.
    @Test func rfc2543InviteNeedsTheLenientPolicy() throws {
        #expect(refusal("inv2543")?.kind == .missingHeader("Max-Forwards"))
        let lenient = SIPParser(requireMaxForwards: false)
        let request = try #require(try lenient.parse(datagram: Fixtures.bytes("inv2543")).request)
        #expect(request.headers.from.tag == nil && request.headers.via[0].branch == nil)
        #expect(request.headers.recordRoute.first?.uri.sipURI?.maddr == "ss1.example.com")
        #expect(request.body.count == 105)
    }

    @Test func applicationLayerOdditiesParseSoTheUACanAnswerThem() throws {
        func request(_ name: String) throws -> SIPRequest {
            try #require(try parser.parse(datagram: Fixtures.bytes(name)).request, "\(name)")
        }
        #expect(try request("badbranch").headers.via[0].branch == "z9hG4bK")
        #expect(try request("unkscm").uri == .other(scheme: "nobodyKnowsThisScheme", text: "totallyopaquecontent"))
        #expect(try request("novelsc").uri == .other(scheme: "soap.beep", text: "//192.0.2.103:3002"))
        let unksm2 = try request("unksm2")
        #expect(unksm2.headers.to.uri == .other(scheme: "isbn", text: "2983792873"))
        #expect(unksm2.headers.contact?.addresses.first?.uri == .other(scheme: "name", text: "John_Smith"))
        #expect(try request("bext01").headers.require == ["nothingSupportsThis", "nothingSupportsThisEither"])
        #expect(try request("bext01").headers.proxyRequire() == ["noProxiesSupportThis", "norDoAnyProxiesSupportThis"])
        #expect(try request("invut").headers.contentType == MediaType("application", "unknownformat"))
        #expect(try request("regaut01").headers.authorization()?.scheme == "NoOneKnowsThisScheme")
        #expect(try request("zeromf").headers.maxForwards == 0)
        let cparam01 = try request("cparam01").headers.contact?.addresses.first
        #expect(cparam01?.parameters.contains(named: "unknownparam") == true)
        #expect(cparam01?.uri.sipURI?.parameters.isEmpty == true)
        let cparam02 = try request("cparam02").headers.contact?.addresses.first
        #expect(cparam02?.parameters.isEmpty == true && cparam02?.uri.sipURI?.parameter("unknownparam") == .some(nil))
        let regescrt = try request("regescrt").headers.contact?.addresses.first?.uri.sipURI
        #expect(regescrt?.headers == [SIPParameter("Route", "%3Csip:sip.example.com%3E")])
        #expect(try request("sdp01").headers.firstValue("Accept") == "text/nobodyKnowsThis")
        let bcast = try #require(try parser.parse(datagram: Fixtures.bytes("bcast")).response)
        #expect(bcast.headers.via.count == 2 && bcast.headers.via[1].host == .ipv4("255.255.255.255"))
    }

    @Test func everyFixtureEitherParsesOrIsRefusedWithAStatus() {
        #expect(Fixtures.allNames.count == 49)
        for name in Fixtures.allNames {
            if let error = refusal(name) {
                #expect([400, 413, 505, 513].contains(error.status), "\(name): \(error)")
            }
        }
    }
}

/// RFC 4475 asks for 400 (505 for badvers) to invalid requests: answered whenever the fields a
/// response copies can still be read, dropped otherwise.
@Suite struct ErrorResponseTests {
    func reply(_ name: String) -> SIPResponse? {
        let bytes = Fixtures.bytes(name)
        do {
            _ = try SIPParser().parse(datagram: bytes)
            return nil
        } catch {
            return SIPErrorResponse.make(for: bytes[...], error: error, toTag: "err1")
        }
    }

    @Test func refusedRequestsWithReadableDialogFieldsAreAnswered() throws {
        for name in ["clerr", "ncl", "ltgtruri", "lwsruri", "lwsstart", "trws", "escruri", "regbadct", "mismatch01",
                     "mismatch02", "multi01", "mcl01"] {
            let response = try #require(reply(name), "\(name) should be answered")
            #expect(response.statusCode == 400, "\(name)")
            #expect(response.headers.to.tag != nil && !response.headers.via.isEmpty, "\(name)")
        }
        let badvers = try #require(reply("badvers"))
        #expect(badvers.statusCode == 505 && badvers.headers.callID == "badvers.31417@c.example.com")
        let mismatch = try #require(reply("mismatch01"))
        #expect(mismatch.reasonPhrase == "Bad Request (CSeq Method Does Not Match)")
        #expect(mismatch.headers.cseq == CSeq(8, .invite) && mismatch.headers.from.tag == "34525")
        let parsed = try SIPParser().parse(SIPSerializer.serialize(mismatch)[...], framing: .stream)
        #expect(parsed.response?.statusCode == 400)
    }

    @Test func requestsWithoutReadableDialogFieldsAndResponsesAreDropped() {
        for name in ["badinv01", "scalar02", "quotbal", "badaspec", "baddn", "insuf", "scalarlg", "bigcode"] {
            #expect(reply(name) == nil, "\(name) should be dropped")
        }
    }
}
