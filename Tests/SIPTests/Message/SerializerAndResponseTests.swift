import SIP
import SwitchboardTesting
import Testing

@Suite struct SerializerAndResponseTests {
    let parser = SIPParser()

    @Test func serializedMessagesParseBackToTheSameValues() throws {
        for name in ["wsinv", "esc01", "intmeth", "longreq", "mpart01", "unreason", "transports", "escnull"] {
            let original = try parser.parse(datagram: Fixtures.bytes(name))
            let again = try parser.parse(SIPSerializer.serialize(original)[...], framing: .stream)
            #expect(again == original, "\(name)")
        }
        let invite = try parser.parse(datagram: SIPSampleMessages.invite)
        #expect(try parser.parse(SIPSerializer.serialize(invite)[...], framing: .stream) == invite)
    }

    @Test func responseCopiesViasFromCallIDCSeqAndAddsAToTag() throws {
        let request = try #require(try parser.parse(datagram: SIPSampleMessages.invite).request)
        let ringing = SIPResponse(replyingTo: request, statusCode: 180, toTag: "sb-42")
        #expect(ringing.reasonPhrase == "Ringing")
        #expect(ringing.headers.via == request.headers.via)
        #expect(ringing.headers.from == request.headers.from)
        #expect(ringing.headers.callID == request.headers.callID && ringing.headers.cseq == request.headers.cseq)
        #expect(ringing.headers.to.tag == "sb-42" && ringing.headers.to.uri == request.headers.to.uri)
        #expect(ringing.headers.recordRoute == request.headers.recordRoute, "18x to INVITE creates an early dialog")

        let trying = SIPResponse(replyingTo: request, statusCode: 100, toTag: "sb-42")
        #expect(trying.headers.to.tag == nil, "100 Trying carries no To tag")
        #expect(trying.headers.recordRoute.isEmpty)

        let bytes = SIPSerializer.serialize(ringing)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport\r\n"))
        #expect(text.hasSuffix("Content-Length: 0\r\n\r\n"))
        let parsed = try #require(try parser.parse(bytes[...], framing: .stream).response)
        #expect(parsed.headers.to.tag == "sb-42" && parsed.statusCode == 180)
    }

    @Test func existingToTagIsNeverReplaced() throws {
        var request = try #require(try parser.parse(datagram: SIPSampleMessages.invite).request)
        request.headers.to.tag = "existing"
        #expect(SIPResponse(replyingTo: request, statusCode: 200, toTag: "new").headers.to.tag == "existing")
    }

    @Test func injectedLineBreaksCannotAddHeaderLines() throws {
        let request = try #require(try parser.parse(datagram: SIPSampleMessages.invite).request)
        var response = SIPResponse(replyingTo: request, statusCode: 486, reasonPhrase: "Busy\r\nX-Evil: 1")
        response.headers.add("Warning", "399 host \"a\r\nVia: SIP/2.0/UDP evil\"")
        let parsed = try #require(try parser.parse(SIPSerializer.serialize(response)[...], framing: .stream).response)
        #expect(parsed.headers.via == request.headers.via)
        #expect(parsed.headers.firstValue("X-Evil") == nil)
    }
}
