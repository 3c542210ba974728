import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct CallSessionEndingTests {
    @Test func silenceGetsARepromptThenAGoodbyeThenTheAgentHangsUp() async throws {
        let tts = FakeTextToSpeech(behavior: .immediate(perCharacter: .milliseconds(10)))
        let call = CallHarness(tts: tts)
        await call.session.answer()
        call.clock.advance(by: .seconds(8))
        let reprompt = try await tts.synthesis(0)
        #expect(reprompt.request.text == "Are you still there?")
        try await call.transport.waitForMark(MarkID(1))
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        call.clock.advance(by: .seconds(8))
        try await call.transport.waitForMark(MarkID(2))
        await call.playOut()
        let reason = try await call.ended()
        #expect(reason == .noInput)
        let events = call.transport.events.items
        #expect(events.count == 5)
        #expect(events.suffix(3) == [.audio(CallHarness.noInputGoodbyeAudio), .mark(MarkID(2)), .hangUp(.noInput)])
        let record = try await call.record()
        #expect(record.endReason == .noInput)
        #expect(record.history.agentTexts == ["Are you still there?", TurnSettings.sessionTesting.phrases.noInputGoodbye])
        #expect(record.endedAt == .milliseconds(16_000))
        #expect(call.clock.pendingSleepers == 0)
        #expect(call.metrics.count(of: .callsEnded) == [MetricLabels(agent: "ada", reason: "noInput")])
    }

    @Test func goodbyeThatIsNeverReportedPlayedStillHangsUpAfterTheGrace() async throws {
        let call = CallHarness(settings: .sessionTesting.with {
            $0.maximumCallDuration = .seconds(60)
            $0.hangUpGrace = .seconds(5)
        })
        await call.session.answer()
        call.clock.advance(by: .seconds(60))
        try await call.transport.waitForMark(MarkID(1))
        #expect(call.transport.events.items.first == .audio(CallHarness.maximumDurationGoodbyeAudio))
        call.clock.advance(by: .seconds(5))
        #expect(try await call.ended() == .maximumDuration)
        #expect(call.transport.events.items.last == .hangUp(.maximumDuration))
    }

    @Test func callerHangUpMidReplyCancelsEveryStreamToolAndTimerExactlyOnce() async throws {
        let tools = HangingToolRunner()
        let call = CallHarness(settings: .sessionTesting.with {
            $0.maximumCallDuration = .seconds(600)
            $0.budgets = LatencyBudgets(firstToken: .seconds(2), firstAudio: .seconds(2), replyDeadline: .seconds(5))
        }, tools: tools)
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.callerSays("Where is my order?", on: stt)
        let completion = try await call.llm.completion(0)
        completion.token("Let me check that. ")
        completion.toolCall(ToolCall(id: "t1", name: "order_status", argumentsJSON: "{}"))
        let synthesis = try await call.tts.synthesis(0)
        _ = try await tools.started.element(0)
        await call.speak(frames: 3)
        #expect(call.clock.pendingSleepers > 0)

        await call.session.hangUp()
        #expect(call.session.ending.reason == .callerHungUp)
        try await completion.waitUntilCancelled()
        try await synthesis.waitUntilCancelled()
        _ = try await tools.cancelled.element(0)
        #expect(stt.cancelCount == 1)
        #expect(call.clock.pendingSleepers == 0)
        let record = try await call.record()
        #expect(record.endReason == .callerHungUp)
        #expect(record.timeline.last == .callEnded(.callerHungUp, at: .milliseconds(760)))
        // The caller left: nothing is sent to the transport, not even a hang-up.
        #expect(!call.transport.events.items.contains { if case .hangUp = $0 { true } else { false } })

        // Whatever arrives afterwards changes nothing.
        let framesBefore = stt.framesReceived
        await call.session.hangUp()
        await call.session.terminate(.serverShutdown)
        await call.session.receive(frame: .loud)
        await call.session.dtmf("1")
        completion.token("Your order shipped. ")
        #expect(stt.framesReceived == framesBefore)
        #expect(stt.cancelCount == 1)
        #expect(completion.ends.items == [.cancelled])
        #expect(synthesis.ends.items == [.cancelled])
        #expect(tools.cancelled.count == 1)
        #expect(call.records.records.count == 1)
        #expect(call.transport.events.items.isEmpty)
    }

    @Test func terminateHangsUpTheTransportAndRecordsTheReason() async throws {
        let call = CallHarness()
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.session.terminate(.serverShutdown)
        #expect(call.transport.events.items == [.hangUp(.serverShutdown)])
        // The session may still be attaching the opened STT stream: it cancels it then (not at once).
        try await stt.calls.wait(for: "the STT session's cancel") { $0.contains(.cancel) }
        #expect(stt.cancelCount == 1)
        let record = try await call.record()
        #expect(record.endReason == .serverShutdown)
        #expect(call.clock.pendingSleepers == 0)
    }

    @Test func hangUpBeforeAnswerEndsTheCallWithoutOpeningProviders() async throws {
        let call = CallHarness()
        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.answeredAt == nil)
        #expect(record.endReason == .callerHungUp)
        await call.session.answer()
        #expect(call.stt.sessions.count == 0)
        #expect(call.records.records.count == 1)
    }
}
