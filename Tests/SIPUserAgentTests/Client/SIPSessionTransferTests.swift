import Agents
import Conversation
import Orchestrator
import Providers
import SIP
import Speech
import SwitchboardTesting
@testable import Telephony
import Testing

/// Fake STT and TTS (marks played at once by the placeholder media) around the real offline `scripted`
/// language model, so a call's turns follow the agent's scripted dialogue.
struct ScriptedProvidersFactory: CallProvidersFactory {
    func providers(for agent: AgentConfig) throws -> CallProviders {
        CallProviders(speechToText: FakeSpeechToText(),
                      languageModel: try ScriptedLanguageModel(agent: agent, settings: LLMProviderConfig(kind: .scripted)),
                      textToSpeech: FakeTextToSpeech(behavior: .immediate(perCharacter: .milliseconds(1))))
    }
}

/// A blind transfer decided by the agent itself: an inbound call over loopback reaches a real
/// `CallSession` whose scripted intent (keypad `1`, sent as SIP INFO) has `transfer:`; the reply plays,
/// then the REFER goes out with the caller's input and the call's variables; the BYE follows a final 2xx
/// NOTIFY, while a refused or failed transfer keeps the call and the agent says so.
@Suite struct SIPSessionTransferTests {
    static let reply = "Putting you through to the desk."

    static let agent = AgentConfig(
        name: "tester", greeting: TextTemplate("Hi."), stt: [STTProviderConfig(kind: .deepgram)],
        llm: [LLMProviderConfig(kind: .scripted)], tts: [TTSProviderConfig(kind: .cartesia)],
        variables: ["account": "A-17"],
        scripted: ScriptedDialogue(intents: [
            ScriptedIntent(name: "desk", patterns: [], dtmf: "1", reply: TextTemplate(reply), transfer: "sip:desk@pbx.test"),
        ]))

    /// Answers the call, presses `1#` over SIP INFO, and returns the REFER the session's transfer sends.
    private func pressOneAndAwaitRefer(_ server: SIPTestServer, _ peer: SIPTestPeer) async throws -> (SIPScript, SIPResponse, SIPRequest) {
        let script = SIPScript(peer: peer)
        let ok = try await script.establish()
        try await server.event("answered") { if case .answered = $0 { true } else { false } }
        for (index, digit) in ["1", "#"].enumerated() {
            try await peer.send(script.request("INFO", cseq: 2 + index, toTag: ok.headers.to.tag,
                                               contentType: "application/dtmf-relay", body: "Signal=\(digit)\r\nDuration=160\r\n"))
            _ = try await peer.response(200, .info, sequence: UInt32(2 + index))
        }
        let refer = try await peer.request(.refer)
        return (script, ok, refer)
    }

    /// Runs `body` with a user agent whose agent is `agent` (scripted) and a UDP peer, stopping both after.
    private func withScriptedAgent(_ body: (SIPTestServer, SIPTestPeer) async throws -> Void) async throws {
        let server = try await SIPTestServer.start(agent: Self.agent, providers: ScriptedProvidersFactory())
        let peer: SIPTestPeer
        do { peer = try await SIPTestPeer.udp(to: server.bound.udp!) } catch { await server.stop(); throw error }
        do { try await body(server, peer) } catch {
            await peer.close()
            await server.stop()
            throw error
        }
        await peer.close()
        await server.stop()
    }

    private func record(_ server: SIPTestServer, _ callID: String) async throws -> CallRecord {
        let records = try await server.records.records.wait(timeout: .seconds(10), for: "call record") {
            $0.contains { $0.callID == callID }
        }
        return try #require(records.first { $0.callID == callID })
    }

    @Test func keypadIntentPlaysItsReplyThenRefersWithContextAndByesAfterTheFinalNotify() async throws {
        try await withScriptedAgent { server, peer in
            let (script, ok, refer) = try await pressOneAndAwaitRefer(server, peer)

            let referTo = try #require(try refer.headers.referTo()?.uri.sipURI)
            #expect(referTo.user == "desk" && referTo.host == .name("pbx.test"))
            #expect(refer.headers.to.tag == script.fromTag && refer.headers.from.tag == ok.headers.to.tag, "in the call's dialog")
            let summary = try #require(refer.headers.firstValue("X-Switchboard-Summary"))
            #expect(summary.contains("[keypad] 1"), "the caller's keypad input is passed on: \(summary)")
            #expect(refer.headers.firstValue("X-Switchboard-Agent") == "tester")
            #expect(refer.headers.firstValue("X-Switchboard-Var-caller") == "caller")
            #expect(refer.headers.firstValue("X-Switchboard-Var-sip-trunk") == "carrier")
            #expect(refer.headers.firstValue("X-Switchboard-Var-account") == "A-17")
            #expect(await server.service.agent.callCount == 1, "no BYE before the transfer's outcome")

            try await peer.reply(to: refer, 202)
            try await peer.send(script.request("NOTIFY", cseq: 10, toTag: ok.headers.to.tag,
                                               headers: ["Event: refer", "Subscription-State: terminated;reason=noresource"],
                                               contentType: "message/sipfrag;version=2.0", body: "SIP/2.0 200 OK\r\n"))
            _ = try await peer.response(200, .notify)
            let bye = try await peer.request(.bye)
            try await peer.reply(to: bye, 200)
            try await server.event("transfer result") { $0 == .transferResult(callID: script.callID, status: 200) }
            try await server.event("ended") { $0 == .ended(callID: script.callID, reason: .transferred) }

            let record = try await record(server, script.callID)
            #expect(record.endReason == .transferred)
            #expect(record.transfers.map(\.outcome) == [.completed(status: 200)])
            #expect(record.history.entries.contains { if case .agent(let text, _, _) = $0 { text.contains(Self.reply) } else { false } },
                    "the reply was heard before the transfer: \(record.history.entries)")
        }
    }

    /// After a failed transfer the call is still up; the caller hangs up. The record says what happened.
    private func callerHangsUpAfterFailedTransfer(_ server: SIPTestServer, _ peer: SIPTestPeer, _ script: SIPScript,
                                                  _ ok: SIPResponse, cseq: Int) async throws -> CallRecord {
        #expect(await server.service.agent.callCount == 1, "no BYE after a failed transfer")
        try await peer.send(script.request("BYE", cseq: cseq, toTag: ok.headers.to.tag))
        _ = try await peer.response(200, .bye, sequence: UInt32(cseq))
        try await server.event("ended") { $0 == .ended(callID: script.callID, reason: .remoteBye) }
        let record = try await record(server, script.callID)
        #expect(record.endReason == .callerHungUp)
        #expect(record.history.agentTexts.contains(FixedPhrases.defaultTransferFailed),
                "the caller was told: \(record.history.entries)")
        return record
    }

    @Test func aRefusedReferKeepsTheCallAndTheAgentSaysSo() async throws {
        try await withScriptedAgent { server, peer in
            let (script, ok, refer) = try await pressOneAndAwaitRefer(server, peer)
            try await peer.reply(to: refer, 403)
            try await server.event("transfer result") { $0 == .transferResult(callID: script.callID, status: 403) }
            let record = try await callerHangsUpAfterFailedTransfer(server, peer, script, ok, cseq: 10)
            #expect(record.transfers.map(\.target) == ["sip:desk@pbx.test"])
            #expect(record.transfers.map(\.outcome) == [.failed(.refused(status: 403))])
            #expect(record.transfers.allSatisfy { transfer in transfer.endedAt.map { $0 >= transfer.requestedAt } ?? false })
            #expect(record.history.entries.contains {
                if case .toolResult(_, let content) = $0 { content == TransferFailure.refused(status: 403).toolResult } else { false }
            }, "the model sees why the transfer failed")
        }
    }

    @Test func aBusyTargetKeepsTheCallAndTheRecordSaysSo() async throws {
        try await withScriptedAgent { server, peer in
            let (script, ok, refer) = try await pressOneAndAwaitRefer(server, peer)
            try await peer.reply(to: refer, 202)
            try await peer.send(script.request("NOTIFY", cseq: 10, toTag: ok.headers.to.tag,
                                               headers: ["Event: refer", "Subscription-State: terminated;reason=noresource"],
                                               contentType: "message/sipfrag;version=2.0", body: "SIP/2.0 486 Busy Here\r\n"))
            _ = try await peer.response(200, .notify)
            try await server.event("transfer result") { $0 == .transferResult(callID: script.callID, status: 486) }
            let record = try await callerHangsUpAfterFailedTransfer(server, peer, script, ok, cseq: 11)
            #expect(record.transfers.map(\.outcome) == [.failed(.targetFailed(status: 486))])
            #expect(record.transfers.first?.outcomeLabel == "target_failed")
        }
    }
}
