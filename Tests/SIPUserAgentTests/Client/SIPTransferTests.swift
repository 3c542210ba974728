import Conversation
import Net
import Orchestrator
import SIP
import SwitchboardTesting
@testable import Telephony
import Testing

/// Blind transfer through the call's `CallTransport`, as `CallSession` drives it (transfer; after a
/// final 2xx NOTIFY the session hangs up with `.transferred`), against a scripted peer. A refused REFER,
/// a final non-2xx NOTIFY or no final NOTIFY in time leaves the call up.
@Suite struct SIPTransferTests {
    @Test func referToCarriesNoURIHeadersByDefault() async throws {
        try await withSIPServer { server, peer in
            let call = try await establish(server, peer)
            #expect(try await startTransfer(call, on: server, target: "sip:desk@127.0.0.1") == .started)
            let refer = try await peer.request(.refer)
            let uri = try #require(try refer.headers.referTo()?.uri.sipURI)
            #expect(uri.headers.isEmpty, "baresip 1.0 cannot dial a Refer-To with ? headers")
            #expect(refer.headers.firstValue("X-Switchboard-Call-ID") == call.script.callID, "the REFER headers still carry the context")
        }
    }

    private struct Call {
        let script: SIPScript
        let ok: SIPResponse
        let transport: SIPSessionTransport
    }

    private func establish(_ server: SIPTestServer, _ peer: SIPTestPeer) async throws -> Call {
        let script = SIPScript(peer: peer)
        let ok = try await script.establish()
        try await server.event("answered") { if case .answered = $0 { true } else { false } }
        let id = DialogID(callID: script.callID, localTag: try #require(ok.headers.to.tag), remoteTag: script.fromTag)
        return Call(script: script, ok: ok, transport: SIPSessionTransport(agent: server.service.agent, dialogID: id))
    }

    private func startTransfer(_ call: Call, on server: SIPTestServer, target: String) async throws -> TransferStart {
        let transfer = CallTransfer(target: target, summary: "wants a refund\r\nX-Evil: 1",
                                    variables: ["caller": "+15550100", "order id": "A-7"], callID: call.script.callID,
                                    agentName: "tester")
        let transport = call.transport
        return try await server.service.agent.loop.submit { transport.transfer(transfer) }
    }

    /// The peer hangs up the call the transfer left up, and the user agent forgets it.
    private func peerHangsUp(_ call: Call, _ peer: SIPTestPeer, on server: SIPTestServer, cseq: Int) async throws {
        try await peer.send(call.script.request("BYE", cseq: cseq, toTag: call.ok.headers.to.tag))
        _ = try await peer.response(200, .bye)
        try await server.event("ended") { $0 == .ended(callID: call.script.callID, reason: .remoteBye) }
    }

    @Test func referCarriesTargetAndContextAndByeFollowsTheFinalNotify() async throws {
        try await withSIPServer(transferURIHeaders: true) { server, peer in
            let call = try await establish(server, peer)
            #expect(try await startTransfer(call, on: server, target: "1001") == .started)
            let refer = try await peer.request(.refer)
            let referTo = try #require(try refer.headers.referTo())
            let uri = try #require(referTo.uri.sipURI)
            #expect(uri.user == "1001" && uri.host == .ipv4("127.0.0.1"), "an extension becomes a SIP URI at the peer's domain")
            #expect(uri.headers.first?.name == "X-Switchboard-Call-ID")
            #expect(uri.headers.contains { $0.name == "X-Switchboard-Summary" && $0.value == "wants%20a%20refund%20X-Evil:%201" })
            #expect(try refer.headers.referredBy() != nil)
            #expect(refer.headers.firstValue("X-Switchboard-Summary") == "wants a refund X-Evil: 1", "no CR/LF injection")
            #expect(refer.headers.firstValue("X-Evil") == nil)
            #expect(refer.headers.firstValue("X-Switchboard-Call-ID") == call.script.callID)
            #expect(refer.headers.firstValue("X-Switchboard-Agent") == "tester")
            #expect(refer.headers.firstValue("X-Switchboard-Var-order-id") == "A-7")
            #expect(refer.headers.firstValue("X-Switchboard-Var-caller") == "+15550100")
            #expect(refer.headers.to.tag == call.script.fromTag && refer.headers.from.tag == call.ok.headers.to.tag)
            try await peer.reply(to: refer, 202)
            // Progress NOTIFY: the call stays up.
            let toTag = call.ok.headers.to.tag
            let sipfrag = "message/sipfrag;version=2.0"
            try await peer.send(call.script.request("NOTIFY", cseq: 2, toTag: toTag, headers: ["Event: refer",
                "Subscription-State: active;expires=60"], contentType: sipfrag, body: "SIP/2.0 100 Trying\r\n"))
            _ = try await peer.response(200, .notify)
            #expect(await server.service.agent.callCount == 1)
            try await peer.send(call.script.request("NOTIFY", cseq: 3, toTag: toTag, headers: ["Event: refer",
                "Subscription-State: terminated;reason=noresource"], contentType: sipfrag, body: "SIP/2.0 200 OK\r\n"))
            _ = try await peer.response(200, .notify)
            try await server.event("transfer result") { $0 == .transferResult(callID: call.script.callID, status: 200) }
            // The session, told the transfer completed, hangs up as transferred.
            let transport = call.transport
            try await server.service.agent.loop.submit { transport.hangUp(.transferred) }
            let bye = try await peer.request(.bye)
            try await peer.reply(to: bye, 200)
            try await server.event("ended") { $0 == .ended(callID: call.script.callID, reason: .transferred) }
        }
    }

    @Test func aRefusedReferIsReportedAndTheCallStaysUp() async throws {
        try await withSIPServer { server, peer in
            let call = try await establish(server, peer)
            #expect(try await startTransfer(call, on: server, target: "sip:desk@pbx.example.com") == .started)
            let refer = try await peer.request(.refer)
            #expect(try refer.headers.referTo()?.uri.sipURI?.host == .name("pbx.example.com"))
            try await peer.reply(to: refer, 403)
            try await server.event("transfer result") { $0 == .transferResult(callID: call.script.callID, status: 403) }
            #expect(await server.service.agent.callCount == 1, "no BYE: the caller stays with the agent")
            // A second transfer may be tried on the same call.
            #expect(try await startTransfer(call, on: server, target: "1002") == .started)
            try await peer.reply(to: try await peer.request(.refer), 403)
            try await server.event("second result") { $0 == .transferResult(callID: call.script.callID, status: 403) }
            try await peerHangsUp(call, peer, on: server, cseq: 5)
        }
    }

    @Test func aBusyTargetInTheFinalNotifyIsReportedAndTheCallStaysUp() async throws {
        try await withSIPServer { server, peer in
            let call = try await establish(server, peer)
            #expect(try await startTransfer(call, on: server, target: "1001") == .started)
            let refer = try await peer.request(.refer)
            try await peer.reply(to: refer, 202)
            try await peer.send(call.script.request("NOTIFY", cseq: 2, toTag: call.ok.headers.to.tag, headers: [
                "Event: refer", "Subscription-State: terminated;reason=noresource"],
                contentType: "message/sipfrag;version=2.0", body: "SIP/2.0 486 Busy Here\r\n"))
            _ = try await peer.response(200, .notify)
            try await server.event("transfer result") { $0 == .transferResult(callID: call.script.callID, status: 486) }
            #expect(await server.service.agent.callCount == 1, "no BYE after a failed transfer")
            try await peerHangsUp(call, peer, on: server, cseq: 3)
        }
    }

    @Test func withoutAFinalNotifyTheTransferFailsAfterTheTimeoutAndTheCallStaysUp() async throws {
        try await withSIPServer { server, peer in
            let call = try await establish(server, peer)
            #expect(try await startTransfer(call, on: server, target: "tel:+15551230000") == .started)
            let refer = try await peer.request(.refer)
            #expect(try refer.headers.referTo()?.uri.sipURI?.user == "+15551230000")
            try await peer.reply(to: refer, 202)
            try await server.event("transfer result") {
                $0 == .transferResult(callID: call.script.callID, status: nil)
            }
            #expect(await server.service.agent.callCount == 1, "no BYE after a transfer that timed out")
            try await peerHangsUp(call, peer, on: server, cseq: 2)
        }
    }

    @Test func anUnusableTargetIsRefusedAtOnce() async throws {
        try await withSIPServer { server, peer in
            let call = try await establish(server, peer)
            let transport = call.transport
            let transfer = CallTransfer(target: "<desk>;x=1", summary: "", variables: [:], callID: "x", agentName: "tester")
            #expect(try await server.service.agent.loop.submit { transport.transfer(transfer) } == .failed(.invalidTarget))
        }
    }
}

/// The pure pieces: header sanitizing, target URIs, sipfrag status lines, registration timing.
@Suite struct SIPClientPureTests {
    @Test func headerValuesLoseControlCharactersAndAreCapped() {
        #expect(TransferContextHeaders.sanitize("a\r\nb\tc\0d") == "a b c d")
        #expect(TransferContextHeaders.sanitize(String(repeating: "x", count: 1000)).count == TransferContextHeaders.maxValueLength)
        #expect(TransferContextHeaders.headerToken("order id/ü") == "order-id--")
        #expect(TransferContextHeaders.uriHeaderValue("a b&c=d") == "a%20b%26c%3Dd")
    }

    @Test func targetsBecomeSIPURIs() {
        #expect(SIPTargetURI.make("1001", domain: "pbx.test")?.serialized == "sip:1001@pbx.test")
        #expect(SIPTargetURI.make("+1 (555) 123-0000", domain: "t.test")?.serialized == "sip:+15551230000@t.test")
        #expect(SIPTargetURI.make("tel:+15551230000;phone-context=x", domain: "t.test")?.serialized == "sip:+15551230000@t.test")
        #expect(SIPTargetURI.make("sip:desk@pbx.example.com", domain: "t.test")?.serialized == "sip:desk@pbx.example.com")
        #expect(SIPTargetURI.make("a@b", domain: "t.test") == nil)
        #expect(SIPTargetURI.make("", domain: "t.test") == nil)
    }

    @Test func sipfragStatusLines() {
        #expect(SIPFragStatus.code(Array("SIP/2.0 200 OK\r\n".utf8)) == 200)
        #expect(SIPFragStatus.code(Array("SIP/2.0 486 Busy Here".utf8)) == 486)
        #expect(SIPFragStatus.code(Array("HTTP/1.1 200 OK\r\n".utf8)) == nil)
        #expect(SIPFragStatus.code([]) == nil)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...40)).map { _ in UInt8.random(in: 0...255) }
            if let code = SIPFragStatus.code(bytes) { #expect((100...699).contains(code)) }
        }
    }

    @Test func registrationRefreshesBeforeExpiryAndBacksOff() {
        let schedule = RegistrationSchedule(initialBackoff: .seconds(5), maximumBackoff: .seconds(60))
        #expect(schedule.refreshDelay(grantedSeconds: 600) == .seconds(510))
        #expect(schedule.backoff(failures: 1) == .seconds(5))
        #expect(schedule.backoff(failures: 3) == .seconds(20))
        #expect(schedule.backoff(failures: 30) == .seconds(60))
    }

    @Test func outcomeOfFinalStatuses() {
        #expect(SIPOutboundCallUpdate.status(forFinal: 486, cancelledByUs: false) == .busy)
        #expect(SIPOutboundCallUpdate.status(forFinal: 487, cancelledByUs: true) == .noAnswer)
        #expect(SIPOutboundCallUpdate.status(forFinal: 487, cancelledByUs: false) == .failed)
        #expect(SIPOutboundCallUpdate.status(forFinal: 603, cancelledByUs: false) == .declined)
    }
}
