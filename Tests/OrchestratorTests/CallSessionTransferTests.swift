import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct CallSessionTransferTests {
    static let target = "sip:desk@pbx.example.com"

    /// The caller asks for a human; the reply is played, then the transport is asked to transfer with the
    /// model's target and the caller's words as context. The call waits for the transport's outcome.
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

    private func transferRequested(on call: CallHarness) async throws {
        try await transferAfterReply(on: call, arguments: #"{"target":"\#(Self.target)"}"#)
        try await call.transport.waitFor("transfer") { if case .transfer = $0 { true } else { false } }
    }

    /// The transfer-failed phrase was sent, and its mark; the far end plays it.
    private func transferFailedPhrasePlayed(on call: CallHarness) async throws {
        try await call.transport.waitFor("the transfer-failed phrase") { $0 == .audio(CallHarness.transferFailedAudio) }
        try await call.transport.waitForMark(MarkID(2))
        await call.playOut()
        try await call.waitForRepliesEnded(2)
    }

    @Test func aCompletedTransferEndsTheCallAsTransferredWithTheContextPassedOn() async throws {
        let call = CallHarness()
        try await transferRequested(on: call)
        let expected = CallTransfer(target: Self.target, summary: "Caller said: I want to talk to a person",
                                    variables: [:], callID: "CA-test", agentName: "ada")
        #expect(call.transport.events.items.last == .transfer(expected), "no hang-up before the outcome")
        #expect(await !call.session.hasEnded)
        call.clock.advance(by: .seconds(3))
        await call.session.transferEnded(.completed(status: 200))
        #expect(try await call.ended() == .transferred)
        try await call.transport.waitFor("hang-up") { $0 == .hangUp(.transferred) }
        #expect(call.transport.events.items.suffix(2) == [.transfer(expected), .hangUp(.transferred)])
        let record = try await call.record()
        #expect(record.endReason == .transferred)
        #expect(record.transfers.count == 1)
        #expect(record.transfers.first?.target == Self.target)
        #expect(record.transfers.first?.outcome == .completed(status: 200))
        if let transfer = record.transfers.first, let endedAt = transfer.endedAt {
            #expect(endedAt - transfer.requestedAt == .seconds(3), "when the outcome came, on the call clock")
        } else {
            Issue.record("the transfer's end is not recorded")
        }
    }

    @Test func aRefusedTransferKeepsTheCallTheCallerIsToldAndTheModelSeesWhy() async throws {
        let call = CallHarness()
        try await transferRequested(on: call)
        await call.session.transferEnded(.failed(.refused(status: 403)))
        try await transferFailedPhrasePlayed(on: call)
        #expect(await !call.session.hasEnded)
        // The caller goes on; the model's next request shows the failed transfer.
        let stt = try await call.stt.session(0)
        await call.callerSays("Can I leave a message?", on: stt)
        let next = try await call.llm.completion(1).request
        let failure = TransferFailure.refused(status: 403).toolResult
        #expect(next.messages.contains(.tool(callID: "x1", content: failure)))
        #expect(next.messages.contains(.assistant("Let me put you through.", toolCalls: [
            ToolCall(id: "x1", name: TurnMachine.transferToolName, argumentsJSON: #"{"target":"\#(Self.target)"}"#),
        ])))
        #expect(next.messages.contains(.assistant(FixedPhrases.defaultTransferFailed)))
        await call.session.hangUp()
        #expect(try await call.ended() == .callerHungUp)
        let record = try await call.record()
        #expect(record.transfers.map(\.outcome) == [.failed(.refused(status: 403))])
        #expect(!call.transport.events.items.contains(.hangUp(.transferred)))
    }

    @Test func aTransportThatCannotTransferKeepsTheCallAndTheAgentSaysSo() async throws {
        let call = CallHarness(transport: FakeTransport(acceptsTransfers: false))
        try await transferAfterReply(on: call, arguments: #"{"target":"\#(Self.target)"}"#)
        try await transferFailedPhrasePlayed(on: call)
        #expect(await !call.session.hasEnded)
        await call.session.hangUp()
        _ = try await call.ended()
        let record = try await call.record()
        #expect(record.transfers.map(\.outcome) == [.failed(.unsupported)])
        #expect(record.history.entries.contains(.toolResult(callID: "x1", content: TransferFailure.unsupported.toolResult)))
    }

    @Test func theModelsSummaryIsPassedOnWhenItWroteOne() async throws {
        let call = CallHarness()
        try await transferAfterReply(on: call, arguments: #"{"target":"1001","summary":"wants a refund"}"#)
        let events = try await call.transport.waitFor("transfer") { if case .transfer = $0 { true } else { false } }
        let transfers = events.compactMap { if case .transfer(let t) = $0 { t } else { nil } }
        #expect(transfers.map(\.summary) == ["wants a refund"])
        #expect(transfers.map(\.target) == ["1001"])
        await call.session.hangUp()
        _ = try await call.ended()
        #expect(try await call.record().transfers.map(\.outcomeLabel) == ["pending"], "the call ended first")
    }

    @Test func aTransferWithoutATargetIsNotAttemptedAndTheCallGoesOn() async throws {
        let call = CallHarness()
        try await transferAfterReply(on: call, arguments: #"{"summary":"no target"}"#)
        try await transferFailedPhrasePlayed(on: call)
        #expect(!call.transport.events.items.contains { if case .transfer = $0 { true } else { false } })
        await call.session.hangUp()
        _ = try await call.ended()
        #expect(try await call.record().transfers.map(\.outcome) == [.failed(.invalidTarget)])
    }

    @Test func anOutcomeWithNoTransferPendingIsIgnored() async throws {
        let call = CallHarness()
        await call.session.answer()
        await call.session.transferEnded(.completed(status: 200))
        #expect(await !call.session.hasEnded)
        await call.session.hangUp()
        #expect(try await call.ended() == .callerHungUp)
        #expect(try await call.record().transfers.isEmpty)
    }
}
