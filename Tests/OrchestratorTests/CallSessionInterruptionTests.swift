import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct CallSessionInterruptionTests {
    /// The caller asked; the agent is answering "We open at nine. We close at five." The first sentence's
    /// two 500 ms chunks are queued and the first has been played; the model is still generating.
    struct ReplyInProgress {
        let call: CallHarness
        let stt: FakeTranscriptionSession
        let completion: FakeCompletion
        let firstSentence: FakeSynthesis
        let secondSentence: FakeSynthesis
    }

    static func replyInProgress() async throws -> ReplyInProgress {
        let call = CallHarness()
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.callerSays("Is the bakery open on Saturday?", on: stt)
        let completion = try await call.llm.completion(0)
        completion.token("We open at nine. We close at five. ")
        let first = try await call.tts.synthesis(0)
        let second = try await call.tts.synthesis(1)
        first.audio(.milliseconds(500))
        first.audio(.milliseconds(500))
        first.done()
        try await call.transport.waitForMark(MarkID(2))
        await call.session.playoutMarkReached(MarkID(1))
        return ReplyInProgress(call: call, stt: stt, completion: completion, firstSentence: first, secondSentence: second)
    }

    @Test func bargeInCancelsGenerationAndSynthesisSendsClearAndKeepsOnlyHeardWords() async throws {
        let reply = try await Self.replyInProgress()
        let call = reply.call
        // 300 ms of speech over the agent (15 frames) reaches the barge-in minimum.
        await call.speak(frames: 16)
        try await call.transport.waitFor("clear") { $0 == .clear }
        try await reply.completion.waitUntilCancelled()
        try await reply.secondSentence.waitUntilCancelled()
        #expect(reply.firstSentence.ends.items == [.finished])
        // Half of "We open at nine." was played: whole words within its first 8 characters.
        #expect(await call.session.history.entries == [
            .user("Is the bakery open on Saturday?"),
            .agent("We open", interrupted: true, toolCalls: []),
        ])
        #expect(call.metrics.count(of: .bargeIns) == [MetricLabels(agent: "ada")])
        // Nothing is sent after the clear, even if the cancelled synthesis still had audio on its way.
        reply.secondSentence.audio(.milliseconds(300))
        let clearIndex = call.transport.events.items.firstIndex(of: .clear)!
        // The caller's words become the next turn, answered with what they heard in the history.
        await call.pause(frames: 5)
        reply.stt.emit(.final("Do you have rye bread?", confidence: nil))
        let next = try await call.llm.completion(1)
        #expect(next.request.messages == [
            .system("You are Ada."), .user("Is the bakery open on Saturday?"), .assistant("We open"),
            .user("Do you have rye bread?"),
        ])
        #expect(call.transport.events.items.count == clearIndex + 1)
    }

    @Test func shortSpeechOverTheAgentDoesNotInterrupt() async throws {
        let reply = try await Self.replyInProgress()
        let call = reply.call
        await call.speak(frames: 5)
        await call.pause(frames: 20)
        reply.completion.finish()
        reply.secondSentence.audio(.milliseconds(400))
        reply.secondSentence.done()
        try await call.transport.waitForMark(MarkID(3))
        #expect(!call.transport.events.items.contains(.clear))
        #expect(!reply.completion.wasCancelled)
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        #expect(await call.session.history.entries.last == .agent("We open at nine. We close at five.",
                                                                  interrupted: false, toolCalls: []))
    }

    @Test func correctionWhileGeneratingRestartsGenerationWithTheCorrectedTurn() async throws {
        let call = CallHarness()
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.callerSays("Is the bakery open on Saturday?", on: stt)
        let stale = try await call.llm.completion(0)
        // Before any of the answer is heard, the caller adds a correction.
        stt.emit(.final("Sorry, I meant Sunday.", confidence: nil))
        try await stale.waitUntilCancelled()
        let fresh = try await call.llm.completion(1)
        #expect(fresh.request.messages == [
            .system("You are Ada."), .user("Is the bakery open on Saturday? Sorry, I meant Sunday."),
        ])
        // The stale generation's late tokens are ignored; only the fresh answer is spoken.
        stale.token("On Saturday we open at nine. ")
        fresh.token("On Sunday we are closed. ")
        let synthesis = try await call.tts.synthesis(0)
        #expect(synthesis.request.text == "On Sunday we are closed.")
        #expect(call.tts.syntheses.count == 1)
        #expect(call.records.records.items.isEmpty)
    }
}
