import SIP
import SwitchboardTesting
import Testing

@Suite struct DialogTests {
    static func invite(recordRoute: [String] = [], contact: String = "<sip:alice@192.0.2.10:5070>") throws -> SIPRequest {
        var lines = ["INVITE sip:+15550100@198.51.100.1 SIP/2.0", "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK1",
                     "Max-Forwards: 70", "From: <sip:alice@example.com>;tag=remote1", "To: <sip:+15550100@example.com>",
                     "Call-ID: c1@example.com", "CSeq: 7 INVITE", "Contact: \(contact)"]
        lines += recordRoute.map { "Record-Route: \($0)" }
        let text = lines.joined(separator: "\r\n") + "\r\nContent-Length: 0\r\n\r\n"
        return try SIPParser().parse(datagram: Array(text.utf8)).request!
    }

    static let via = Via(transport: "UDP", host: .ipv4("198.51.100.1"), port: 5060, branch: "z9hG4bKours")

    @Test func uasDialogTakesTagsTargetAndRouteSetFromTheInvite() throws {
        let dialog = try #require(Dialog(uasFor: Self.invite(recordRoute: ["<sip:p1.example;lr>", "<sip:p2.example;lr>"]),
                                         localTag: "local1"))
        #expect(dialog.state == .early)
        #expect(dialog.id == DialogID(callID: "c1@example.com", localTag: "local1", remoteTag: "remote1"))
        #expect(dialog.remoteTarget.serialized == "sip:alice@192.0.2.10:5070")
        #expect(dialog.routeSet.map(\.uri.serialized) == ["sip:p1.example;lr", "sip:p2.example;lr"])
        #expect(dialog.remoteSequence == 7)
        #expect(dialog.localSequence == nil)
    }

    @Test func uacDialogReversesTheRecordRouteOfTheResponse() throws {
        let invite = try Self.invite()
        var response = SIPResponse(replyingTo: invite, statusCode: 200, toTag: "them",
                                   contact: .addresses([AddressHeader(try SIPURI.parse("sip:bob@203.0.113.9"))]))
        response.headers.recordRoute = [AddressHeader(NameAddress(try SIPURI.parse("sip:p1.example;lr"))),
                                        AddressHeader(NameAddress(try SIPURI.parse("sip:p2.example;lr")))]
        let dialog = try #require(Dialog(uacFor: invite, response: response))
        #expect(dialog.state == .confirmed)
        #expect(dialog.routeSet.map(\.uri.serialized) == ["sip:p2.example;lr", "sip:p1.example;lr"])
        #expect(dialog.remoteTarget.serialized == "sip:bob@203.0.113.9")
        #expect(dialog.localSequence == 7)
    }

    @Test func inDialogRequestsCarryTheTagsAndIncreaseTheCSeq() throws {
        var dialog = try #require(Dialog(uasFor: Self.invite(), localTag: "local1", initialLocalSequence: 100))
        dialog.confirm()
        let info = dialog.infoDTMF(via: Self.via, digit: "5")
        let bye = dialog.bye(via: Self.via)
        #expect(info.headers.cseq == CSeq(100, .info))
        #expect(bye.headers.cseq == CSeq(101, .bye))
        #expect(bye.headers.from.tag == "local1")
        #expect(bye.headers.to.tag == "remote1")
        #expect(bye.headers.callID == "c1@example.com")
        #expect(bye.uri.serialized == "sip:alice@192.0.2.10:5070")
        #expect(bye.headers.route.isEmpty)
        #expect(bye.headers.maxForwards == 70)
        #expect(InfoDTMF.key(in: info.body, type: try #require(info.headers.contentType)) == "5")
    }

    @Test func looseRoutingSendsToTheRemoteTargetWithTheRoutes() throws {
        var dialog = try #require(Dialog(uasFor: Self.invite(recordRoute: ["<sip:p1.example;lr>"]), localTag: "l"))
        let bye = dialog.bye(via: Self.via)
        #expect(bye.uri.serialized == "sip:alice@192.0.2.10:5070")
        #expect(bye.headers.route.map(\.uri.serialized) == ["sip:p1.example;lr"])
        #expect(dialog.nextHop.serialized == "sip:p1.example;lr")
    }

    @Test func strictRoutingPutsTheFirstRouteInTheRequestURIAndTheTargetLast() throws {
        var dialog = try #require(Dialog(uasFor: Self.invite(recordRoute: ["<sip:strict.example;transport=udp>", "<sip:p2.example;lr>"]),
                                         localTag: "l"))
        let bye = dialog.bye(via: Self.via)
        #expect(bye.uri.serialized == "sip:strict.example")
        #expect(bye.headers.route.map(\.uri.serialized) == ["sip:p2.example;lr", "sip:alice@192.0.2.10:5070"])
    }

    @Test func requestsWithALowerCSeqAreOutOfOrderButAckAndCancelAreNot() throws {
        let invite = try Self.invite()
        var dialog = try #require(Dialog(uasFor: invite, localTag: "local1"))
        func request(_ method: SIPMethod, _ sequence: UInt32, toTag: String = "local1") -> SIPRequest {
            var request = invite
            request.method = method
            request.headers.cseq = CSeq(sequence, method)
            request.headers.to.tag = toTag
            return request
        }
        #expect(dialog.receive(request(.ack, 7)) == .accepted)
        #expect(dialog.receive(request(.info, 8)) == .accepted)
        #expect(dialog.receive(request(.info, 6)) == .outOfOrder)
        #expect(dialog.receive(request(.cancel, 1)) == .accepted)
        #expect(dialog.receive(request(.bye, 9, toTag: "other")) == .unknownDialog)
        #expect(dialog.remoteSequence == 8)
        dialog.terminate()
        #expect(dialog.receive(request(.bye, 10)) == .unknownDialog)
    }

    @Test func aReInviteWithAContactMovesTheRemoteTarget() throws {
        let invite = try Self.invite()
        var dialog = try #require(Dialog(uasFor: invite, localTag: "local1"))
        var reInvite = invite
        reInvite.headers.to.tag = "local1"
        reInvite.headers.cseq = CSeq(8, .invite)
        reInvite.headers.contact = .addresses([AddressHeader(try SIPURI.parse("sip:alice@192.0.2.77:6000"))])
        #expect(dialog.receive(reInvite) == .accepted)
        #expect(dialog.remoteTarget.serialized == "sip:alice@192.0.2.77:6000")
        var info = reInvite
        info.method = .info
        info.headers.cseq = CSeq(9, .info)
        info.headers.contact = .addresses([AddressHeader(try SIPURI.parse("sip:elsewhere@192.0.2.99"))])
        _ = dialog.receive(info)
        #expect(dialog.remoteTarget.serialized == "sip:alice@192.0.2.77:6000", "INFO is no target refresh")
    }

    @Test func theAckOfA2xxReusesTheInviteNumberAndOtherBuildersFillTheirHeaders() throws {
        var dialog = try #require(Dialog(uasFor: Self.invite(), localTag: "local1", initialLocalSequence: 5))
        let contact = AddressHeader(NameAddress(try SIPURI.parse("sip:sb@198.51.100.1")))
        let reInvite = dialog.reInvite(via: Self.via, contact: contact, sdp: Array("v=0\r\n".utf8),
                                       sessionExpires: SessionExpires(seconds: 1800, refresher: .uas))
        let ack = dialog.makeAck(inviteSequence: reInvite.headers.cseq.sequence, via: Self.via)
        #expect(reInvite.headers.cseq == CSeq(5, .invite))
        #expect(ack.headers.cseq == CSeq(5, .ack))
        #expect(reInvite.headers.supported == ["timer"])
        #expect(reInvite.headers.contentType == .sdp)
        let refer = dialog.refer(via: Self.via, contact: contact, target: try URI.parse("sip:+15551230000@carrier.example"))
        #expect(refer.headers.firstValue("Refer-To") == "<sip:+15551230000@carrier.example>")
        #expect(refer.headers.cseq == CSeq(6, .refer))
        let notify = dialog.notifyReferProgress(via: Self.via, contact: contact, statusCode: 200, terminated: true)
        #expect(String(decoding: notify.body, as: UTF8.self) == "SIP/2.0 200 OK\r\n")
        #expect(notify.headers.firstValue("Subscription-State") == "terminated;reason=noresource")
        let update = dialog.update(via: Self.via, contact: contact, sessionExpires: nil)
        #expect(update.headers.cseq == CSeq(8, .update))
    }

    @Test func infoDTMFReadsBothBodyFormats() {
        let relay = MediaType("application", "dtmf-relay")
        #expect(InfoDTMF.key(in: Array("Signal=#\r\nDuration=250\r\n".utf8), type: relay) == "#")
        #expect(InfoDTMF.key(in: Array("signal= 7\n".utf8), type: relay) == "7")
        #expect(InfoDTMF.key(in: Array("Duration=250\r\n".utf8), type: relay) == nil)
        #expect(InfoDTMF.key(in: Array("11".utf8), type: InfoDTMF.plainType) == "#")
        #expect(InfoDTMF.key(in: Array("b\r\n".utf8), type: InfoDTMF.plainType) == "B")
        #expect(InfoDTMF.key(in: Array("16".utf8), type: InfoDTMF.plainType) == nil)
        #expect(InfoDTMF.key(in: [0xFF, 0xFE], type: InfoDTMF.plainType) == nil)
        #expect(InfoDTMF.key(in: Array(repeating: 0x35, count: 600), type: InfoDTMF.plainType) == nil)
    }
}

@Suite struct InfoDTMFRandomInputTests {
    /// Bounded random bodies (seeded): never a trap, and any key found is a DTMF key.
    @Test func randomBodiesYieldOnlyDTMFKeys() {
        var generator = SeededRandom(seed: 0x5EED)
        let alphabet = Array("Signal=Duration0123456789*#ABCDabcd \t\r\n=;".utf8) + [0, 0xFF, 0xC3]
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 80)
            let body = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            for type in [InfoDTMF.relayType, InfoDTMF.plainType] {
                if let key = InfoDTMF.key(in: body, type: type) {
                    #expect("0123456789*#ABCD".contains(key))
                }
            }
        }
    }
}
