import Agents
import Net
import SIP
import SwitchboardTesting
import Synchronization
import Telephony
import Testing

/// Outbound calls through a trunk, against a scripted proxy/UAS over loopback UDP.
@Suite struct SIPOutboundCallTests {
    private func withProxy(password: String? = nil, ringTimeout: Int = 30,
                           _ body: (SIPTestServer, SIPTestPeer) async throws -> Void) async throws {
        let proxy = try await SIPTestPeer.udp(to: .loopbackIPv4())
        let outbound = SIPOutbound(proxy: "127.0.0.1:\(proxy.local.port)", callerID: "+15550199", domain: "carrier.test",
                                   username: "trunkuser", password: password.map { Secret($0) }, ringTimeoutSeconds: ringTimeout)
        let server: SIPTestServer
        do { server = try await SIPTestServer.start(outbound: outbound) } catch {
            await proxy.close()
            throw error
        }
        proxy.retarget(server.bound.udp!)
        do { try await body(server, proxy) } catch {
            await proxy.close()
            await server.stop()
            throw error
        }
        await server.stop()
        await proxy.close()
    }

    private func place(_ server: SIPTestServer, to: String = "+15557654321",
                       variables: [String: String] = [:]) async throws -> (String, EventLog<SIPOutboundCallUpdate>) {
        let updates = EventLog<SIPOutboundCallUpdate>()
        let id = try await server.service.agent.placeCall(SIPOutboundCallRequest(agent: "tester", to: to, variables: variables)) {
            updates.record($0)
        }
        return (id, updates)
    }

    @Test func answeredCallIsAckedAndTheAgentsSessionStarts() async throws {
        try await withProxy { server, proxy in
            let (callID, updates) = try await place(server, variables: ["order": "42"])
            let invite = try await proxy.request(.invite)
            #expect(invite.headers.callID == callID)
            #expect(invite.uri.serialized == "sip:+15557654321@carrier.test")
            #expect(invite.headers.from.uri.sipURI?.user == "+15550199")
            #expect(invite.headers.contentType == .sdp)
            let offer = try SDPParser().parse(invite.body)
            #expect(offer.media.first?.formats.prefix(2) == ["0", "8"], "configured codec order")
            #expect(try await updates.first(within: 10) { _ in true }.status == .calling)
            try await proxy.reply(to: invite, 180, toTag: "uas1")
            #expect(try await updates.first(within: 10) { _ in true }.status == .ringing)
            try await proxy.reply(to: invite, 200, toTag: "uas1",
                                  headers: [("Contact", "<sip:callee@127.0.0.1:\(proxy.local.port)>")],
                                  contentType: .sdp, body: peerPCMUAnswer)
            let ack = try await proxy.request(.ack)
            #expect(ack.headers.cseq.sequence == invite.headers.cseq.sequence)
            #expect(ack.headers.to.tag == "uas1")
            #expect(ack.uri.serialized == "sip:callee@127.0.0.1:\(proxy.local.port)", "ACK goes to the remote target")
            let answered = try await updates.first(within: 10) { _ in true }
            #expect(answered.status == .answered && answered.sipStatus == 200)
            try await server.event("answered") { $0 == .answered(callID: callID, agent: "tester") }
            let session = try #require(server.registry.session(callID: callID))
            _ = session
            // The callee hangs up.
            let bye = "BYE sip:127.0.0.1:\(server.bound.udp!.port) SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:\(proxy.local.port);branch=\(SIPScript.branch())\r\nMax-Forwards: 70\r\n"
                + "From: \(invite.headers.to.address.serialized);tag=uas1\r\nTo: \(invite.headers.from.serialized)\r\n"
                + "Call-ID: \(callID)\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n"
            try await proxy.send(bye)
            _ = try await proxy.response(200, .bye)
            #expect(try await updates.first(within: 10) { _ in true }.status == .ended)
            let records = try await server.records.records.wait(for: "record") { $0.count == 1 }
            #expect(records[0].variables["order"] == "42" && records[0].variables["sip_direction"] == "outbound")
        }
    }

    @Test(arguments: [(486, SIPOutboundCallStatus.busy), (603, .declined), (404, .failed), (480, .noAnswer)])
    func finalFailureIsReportedAndAcked(status: Int, expected: SIPOutboundCallStatus) async throws {
        try await withProxy { server, proxy in
            let (_, updates) = try await place(server)
            let invite = try await proxy.request(.invite)
            try await proxy.reply(to: invite, status, toTag: "uas2")
            let ack = try await proxy.request(.ack)
            #expect(ack.headers.via.first?.branch == invite.headers.via.first?.branch, "the transaction ACKs a non-2xx")
            let final = try await updates.first(within: 10) { $0.status.isFinal }
            #expect(final.status == expected && final.sipStatus == status)
            try await waitUntil("media released") { await server.service.agent.callCount == 0 }
            #expect(server.records.records.count == 0)
        }
    }

    @Test func ringTimeoutCancelsTheCall() async throws {
        try await withProxy(ringTimeout: 1) { server, proxy in
            let (_, updates) = try await place(server)
            let invite = try await proxy.request(.invite)
            try await proxy.reply(to: invite, 180, toTag: "uas4")
            let cancel = try await proxy.request(.cancel)
            #expect(cancel.headers.via.first?.branch == invite.headers.via.first?.branch)
            #expect(cancel.headers.cseq.sequence == invite.headers.cseq.sequence && cancel.uri == invite.uri)
            try await proxy.reply(to: cancel, 200, toTag: "uas4")
            try await proxy.reply(to: invite, 487, toTag: "uas4")
            _ = try await proxy.request(.ack)
            let final = try await updates.first(within: 10) { $0.status.isFinal }
            #expect(final.status == .noAnswer && final.sipStatus == 487)
        }
    }

    @Test func proxyChallengeIsAnsweredOnceWithProxyAuthorization() async throws {
        try await withProxy(password: "tr0nk") { server, proxy in
            let (_, updates) = try await place(server)
            let first = try await proxy.request(.invite)
            let challenge = DigestChallenge(realm: "carrier.test", nonce: "abc", algorithm: .md5, qop: ["auth"])
            try await proxy.reply(to: first, 407, toTag: "p1", headers: [("Proxy-Authenticate", challenge.header.serialized)])
            let second = try await proxy.request(.invite, after: first.headers.cseq.sequence)
            #expect(second.headers.callID == first.headers.callID && second.headers.from.tag == first.headers.from.tag)
            #expect(second.headers.via.first?.branch != first.headers.via.first?.branch)
            let header = try #require(try second.headers.proxyAuthorization())
            let credentials = try #require(DigestCredentials(header))
            #expect(credentials.username == "trunkuser" && credentials.uri == first.uri.serialized)
            try await proxy.reply(to: second, 200, toTag: "uas3", headers: [("Contact", "<sip:callee@127.0.0.1:\(proxy.local.port)>")],
                                  contentType: .sdp, body: peerPCMUAnswer)
            _ = try await proxy.request(.ack)
            #expect(try await updates.first(within: 10) { $0.status.isFinal }.status == .answered)
        }
    }
}
