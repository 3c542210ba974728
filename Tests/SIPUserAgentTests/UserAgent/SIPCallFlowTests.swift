import Foundation
import Orchestrator
import SIP
import Telephony
import Testing

/// Whole calls against the user agent over loopback, with a scripted peer.
@Suite struct SIPCallFlowTests {
    @Test(arguments: ["UDP", "TCP"])
    func inviteIsAnsweredAndByeEndsTheCall(transport: String) async throws {
        try await withSIPServer(transport) { server, peer in
            let script = SIPScript(peer: peer)
            let branch = try await script.sendInvite()
            let trying = try await peer.response(100)
            #expect(trying.headers.to.tag == nil)
            let ringing = try await peer.response(180)
            let ok = try await peer.response(200)
            #expect(ok.headers.via.first?.branch == branch)
            #expect(ringing.headers.to.tag != nil && ok.headers.to.tag == ringing.headers.to.tag)
            #expect(ok.headers.contentType == .sdp)
            let answer = try SDPParser().parse(ok.body)
            #expect(answer.media.first?.formats == ["0", "101"], "PCMU first by configured order, telephone-event kept")
            #expect(answer.media.first?.port ?? 0 >= 30_000)
            #expect(ok.headers.contact?.addresses.first != nil)
            #expect(ok.headers.allow?.contains(.bye) == true)
            try await peer.send(script.request("ACK", cseq: 1, toTag: ok.headers.to.tag))
            try await server.event("answered") { if case .answered(script.callID, "tester") = $0 { true } else { false } }
            try await peer.send(script.request("BYE", cseq: 2, toTag: ok.headers.to.tag))
            _ = try await peer.response(200, .bye)
            try await server.event("ended") { $0 == .ended(callID: script.callID, reason: .remoteBye) }
            let records = try await server.records.records.wait(for: "record") { $0.count == 1 }
            #expect(records[0].endReason == .callerHungUp)
            #expect(records[0].callID == script.callID)
            #expect(records[0].variables["sip_trunk"] == "carrier")
            #expect(server.mediaOpened == 1)
            #expect(await server.service.agent.callCount == 0)
        }
    }

    @Test func theOkIsRetransmittedUntilTheAck() async throws {
        try await withSIPServer { server, peer in
            let script = SIPScript(peer: peer)
            try await script.sendInvite()
            let first = try await peer.response(200)
            let again = try await peer.response(200)
            #expect(again.headers.to.tag == first.headers.to.tag)
            #expect(again.body == first.body)
            #expect(await server.service.agent.callsAwaitingAck == 1)
            try await peer.send(script.request("ACK", cseq: 1, toTag: first.headers.to.tag))
            try await server.event("answered") { if case .answered = $0 { true } else { false } }
            try await waitUntil("ACK absorbed") { await server.service.agent.callsAwaitingAck == 0 }
        }
    }

    @Test func cancelWhileRingingGets487AndOkForTheCancel() async throws {
        try await withSIPServer(ringMilliseconds: 20_000) { server, peer in
            let script = SIPScript(peer: peer)
            let branch = try await script.sendInvite()
            let ringing = try await peer.response(180)
            try await peer.send(script.request("CANCEL", cseq: 1, branch: branch))
            _ = try await peer.response(200, .cancel)
            let terminated = try await peer.response(487)
            #expect(terminated.headers.to.tag == ringing.headers.to.tag)
            try await peer.send(script.request("ACK", cseq: 1, branch: branch, toTag: terminated.headers.to.tag))
            try await server.event("cancelled") { $0 == .cancelled(callID: script.callID) }
            #expect(await server.service.agent.callCount == 0)
            #expect(server.records.records.count == 0, "no session was created for a call never answered")
            // A CANCEL for nothing: 481.
            try await peer.send(script.request("CANCEL", cseq: 1, branch: SIPScript.branch()))
            _ = try await peer.response(481, .cancel)
        }
    }

    @Test(arguments: ["UDP", "TCP"])
    func whenTheSessionHangsUpWeSendBye(transport: String) async throws {
        try await withSIPServer(transport) { server, peer in
            let script = SIPScript(peer: peer)
            let ok = try await script.establish()
            try await server.event("answered") { if case .answered = $0 { true } else { false } }
            let session = try #require(server.registry.session(callID: script.callID))
            await session.terminate(.agentEnded)
            let bye = try await peer.request(.bye)
            #expect(bye.headers.from.tag == ok.headers.to.tag)
            #expect(bye.headers.to.tag == script.fromTag)
            #expect(bye.uri.serialized == "sip:caller@127.0.0.1:\(peer.local.port)")
            let reply = SIPResponse(replyingTo: bye, statusCode: 200)
            try await peer.send(String(decoding: SIPSerializer.serialize(reply), as: UTF8.self))
            try await server.event("ended") { $0 == .ended(callID: script.callID, reason: .localBye) }
            let records = try await server.records.records.wait(for: "record") { $0.count == 1 }
            #expect(records[0].endReason == .agentEnded)
            try await waitUntil("BYE transaction done") { await server.service.agent.pendingClientTransactions == 0 }
        }
    }

    @Test func optionsIsAnsweredWithCapabilities() async throws {
        try await withSIPServer { _, peer in
            let script = SIPScript(peer: peer)
            try await peer.send(script.request("OPTIONS", cseq: 1))
            let ok = try await peer.response(200, .options)
            #expect(ok.headers.allow?.contains(.invite) == true)
            #expect(ok.headers.supported.contains("timer"))
            #expect(ok.headers.firstValue("Accept")?.contains("application/sdp") == true)
        }
    }

    @Test func responsesFollowRportToTheSourcePort() async throws {
        try await withSIPServer { _, peer in
            let script = SIPScript(peer: peer)
            // The sent-by port (9, discard) is wrong: RFC 3581 sends the answer to the source port instead.
            let text = script.request("OPTIONS", cseq: 1)
                .replacingOccurrences(of: "127.0.0.1:\(peer.local.port);rport", with: "192.0.2.1:9;rport")
            try await peer.send(text)
            let ok = try await peer.response(200, .options)
            let via = try #require(ok.headers.via.first)
            #expect(via.received == "127.0.0.1")
            #expect(via.rport == .some(peer.local.port))
        }
    }

    @Test func infoDigitsReachTheSession() async throws {
        try await withSIPServer { server, peer in
            let script = SIPScript(peer: peer)
            let ok = try await script.establish()
            let tag = ok.headers.to.tag
            try await server.event("answered") { if case .answered = $0 { true } else { false } }
            let infos: [(String, String)] = [("application/dtmf-relay", "Signal=4\r\nDuration=160\r\n"),
                                             ("application/dtmf-relay", "Signal=2\r\nDuration=160\r\n"),
                                             ("application/dtmf", "#")]
            for (index, (type, body)) in infos.enumerated() {
                try await peer.send(script.request("INFO", cseq: 2 + index, toTag: tag, contentType: type, body: body))
                _ = try await peer.response(200, .info)
            }
            try await peer.send(script.request("INFO", cseq: 9, toTag: tag, contentType: "text/plain", body: "hello"))
            let refused = try await peer.finalResponse(.info)
            #expect(refused.statusCode == 415)
            try await server.event("digits") { $0 == .digit(callID: script.callID, key: "#") }
            try await peer.send(script.request("BYE", cseq: 10, toTag: tag))
            _ = try await peer.response(200, .bye)
            let records = try await server.records.records.wait(for: "record") { $0.count == 1 }
            let users = records[0].history.entries.compactMap { if case .user(let text) = $0 { text } else { nil } }
            #expect(users.contains { $0.hasSuffix("42") }, "keypad turn in history: \(users)")
        }
    }

    @Test func aReInviteWithSendonlyIsAnsweredRecvonly() async throws {
        try await withSIPServer { server, peer in
            let script = SIPScript(peer: peer)
            let ok = try await script.establish()
            let tag = ok.headers.to.tag
            let first = try SDPParser().parse(ok.body)
            let hold = SIPScript.offer(formats: "0 8", lines: ["a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000"],
                                       direction: "sendonly", version: 2)
            try await peer.send(script.request("INVITE", cseq: 2, toTag: tag, contentType: "application/sdp", body: hold))
            // (The first 200 may still be retransmitted until our ACK lands: wait for CSeq 2's.)
            let held = try await peer.response(200, sequence: 2)
            let answer = try SDPParser().parse(held.body)
            #expect(answer.media.first?.attributes.contains(SDPAttribute("recvonly")) == true)
            #expect(answer.origin.sessionVersion == first.origin.sessionVersion + 1)
            #expect(answer.media.first?.port == first.media.first?.port)
            try await peer.send(script.request("ACK", cseq: 2, toTag: tag))
            try await server.event("held") { $0 == .directionChanged(callID: script.callID, direction: "recvonly") }
            // A request with a lower CSeq is out of order.
            try await peer.send(script.request("INFO", cseq: 1, toTag: tag))
            #expect(try await peer.finalResponse(.info).statusCode == 500)
        }
    }

    @Test func malformedRequestsGet400AndTheNextCallIsServed() async throws {
        try await withSIPServer { server, peer in
            let script = SIPScript(peer: peer)
            let bad = script.request("OPTIONS", cseq: 1).replacingOccurrences(of: "Max-Forwards: 70", with: "Max-Forwards: many")
            try await peer.send(bad)
            let refused = try await peer.finalResponse(.options)
            #expect(refused.statusCode == 400)
            try await peer.send("\u{1}\u{2}garbage that is not SIP\r\n\r\n")
            _ = try await script.establish()
            try await server.event("answered") { if case .answered = $0 { true } else { false } }
        }
    }

    @Test func noCommonCodecGets488AndOpensNoMedia() async throws {
        try await withSIPServer { server, peer in
            let script = SIPScript(peer: peer)
            try await script.sendInvite(sdp: SIPScript.offer(formats: "9", lines: ["a=rtpmap:9 G722/8000"]))
            #expect(try await peer.finalResponse().statusCode == 488)
            #expect(server.mediaOpened == 0)
        }
    }

    @Test func aSourceNoTrunkAllowsGets403AndOpensNoMedia() async throws {
        try await withSIPServer(allow: ["10.0.0.0/8", "2001:db8::/32"]) { server, peer in
            let script = SIPScript(peer: peer)
            try await script.sendInvite()
            #expect(try await peer.finalResponse().statusCode == 403)
            try await server.event("refused") { if case .refused(_, 403, _) = $0 { true } else { false } }
            #expect(server.mediaOpened == 0)
        }
    }

    @Test func unknownDialogsGet481AndASmallSessionIntervalGets422() async throws {
        try await withSIPServer { server, peer in
            let script = SIPScript(peer: peer)
            try await peer.send(script.request("BYE", cseq: 2, toTag: "nosuchtag"))
            #expect(try await peer.finalResponse(.bye).statusCode == 481)
            try await script.sendInvite(headers: ["Session-Expires: 30", "Supported: timer"])
            let tooSmall = try await peer.finalResponse()
            #expect(tooSmall.statusCode == 422)
            #expect(tooSmall.headers.minSE == 90)
            try await script.sendInvite(cseq: 2, headers: ["Require: 100rel"])
            // (The 422 is retransmitted until ACKed: wait for the 420 itself.)
            let extensionRefused = try await peer.response(420)
            #expect(extensionRefused.headers.cseq.sequence == 2)
            #expect(extensionRefused.headers.firstValue("Unsupported") == "100rel")
            #expect(server.mediaOpened == 0)
        }
    }

    @Test func anAgreedSessionTimerIsInTheOk() async throws {
        try await withSIPServer { _, peer in
            let script = SIPScript(peer: peer)
            try await script.sendInvite(headers: ["Session-Expires: 1800;refresher=uac", "Supported: timer"])
            let ok = try await peer.response(200)
            #expect(ok.headers.sessionExpires == SessionExpires(seconds: 1800, refresher: .uac))
            #expect(ok.headers.require == ["timer"])
            try await peer.send(script.request("ACK", cseq: 1, toTag: ok.headers.to.tag))
        }
    }

    @Test func aTrunkAtItsLimitGets486AndTheServerAtItsLimit503() async throws {
        try await withSIPServer(trunkMaxCalls: 1) { server, peer in
            _ = try await SIPScript(peer: peer).establish()
            let second = SIPScript(peer: peer)
            try await second.sendInvite()
            #expect(try await peer.finalResponse(callID: second.callID).statusCode == 486)
            #expect(server.mediaOpened == 1)
        }
        try await withSIPServer(maxCalls: 1) { server, peer in
            _ = try await SIPScript(peer: peer).establish()
            try await server.event("answered") { if case .answered = $0 { true } else { false } }
            let second = SIPScript(peer: peer)
            try await second.sendInvite()
            #expect(try await peer.finalResponse(callID: second.callID).statusCode == 503)
            #expect(server.mediaOpened == 1)
        }
    }

    @Test func drainingRefusesNewCallsWith503() async throws {
        try await withSIPServer { server, peer in
            await server.service.agent.beginDraining()
            let script = SIPScript(peer: peer)
            try await script.sendInvite()
            #expect(try await peer.finalResponse().statusCode == 503)
            try await peer.send(script.request("OPTIONS", cseq: 2))
            #expect(try await peer.finalResponse(.options).statusCode == 503)
        }
    }
}

/// Polls `condition` (an actor's state) until it holds, failing after 10 s.
func waitUntil(_ what: String, _ condition: @escaping @Sendable () async -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(10))
    while await !condition() {
        guard clock.now < deadline else { throw WaitTimedOutError(what: what) }
        try await Task.sleep(for: .milliseconds(10))
    }
}

struct WaitTimedOutError: Error { let what: String }
