import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct CallSessionTransferTests {
    /// The caller asks for a human; the reply is played, then the transport is asked to transfer with the
    /// model's target and the caller's words as context, then the call ends as `transferred`.
    private func transferAfterReply(on call: CallHarness, arguments: String) async throws {
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.callerSays("I want to talk to a person", on: stt)
        let completion = try await call.llm.completion(0)
        completion.token("Let me put you through.")
        completion.toolCall(ToolCall(id: "x1", name: TurnMachine.transferToolName, argumentsJSON: arguments))
        completion.finish()
        let synthesis = try await call.tts.synthesis(0)
        synthesis.audio(.milliseconds(400))
        synthesis.done()
        try await call.transport.waitForMark(MarkID(1))
        await call.playOut()
    }

    @Test func transferHandsTheCallerOnWithContextThenEndsTheCall() async throws {
        let call = CallHarness()
        try await transferAfterReply(on: call, arguments: #"{"target":"sip:desk@pbx.example.com"}"#)
        #expect(try await call.ended() == .transferred)
        let events = call.transport.events.items
        let expected = CallTransfer(target: "sip:desk@pbx.example.com", summary: "Caller said: I want to talk to a person",
                                    variables: [:], callID: "CA-test", agentName: "ada")
        #expect(events.suffix(2) == [.transfer(expected), .hangUp(.transferred)])
        #expect(try await call.record().endReason == .transferred)
    }

    @Test func theModelsSummaryIsPassedOnWhenItWroteOne() async throws {
        let call = CallHarness()
        try await transferAfterReply(on: call, arguments: #"{"target":"1001","summary":"wants a refund"}"#)
        _ = try await call.ended()
        let transfers = call.transport.events.items.compactMap { if case .transfer(let t) = $0 { t } else { nil } }
        #expect(transfers.map(\.summary) == ["wants a refund"])
        #expect(transfers.map(\.target) == ["1001"])
    }

    @Test func aTransportThatCannotTransferEndsTheCallAsTheAgentsHangUp() async throws {
        let call = CallHarness(transport: FakeTransport(acceptsTransfers: false))
        try await transferAfterReply(on: call, arguments: #"{"target":"sip:desk@pbx.example.com"}"#)
        #expect(try await call.ended() == .agentEnded)
        #expect(try await call.record().endReason == .agentEnded)
    }

    @Test func aTransferWithoutATargetIsNotAttempted() async throws {
        let call = CallHarness()
        try await transferAfterReply(on: call, arguments: #"{"summary":"no target"}"#)
        #expect(try await call.ended() == .agentEnded)
        #expect(!call.transport.events.items.contains { if case .transfer = $0 { true } else { false } })
    }
}
