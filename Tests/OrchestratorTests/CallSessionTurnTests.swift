import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct CallSessionTurnTests {
    @Test func greetingIsSynthesizedPlayedInSentenceOrderAndRemembered() async throws {
        let call = CallHarness(settings: .sessionTesting.with { $0.greeting = "Hello! How can I help?" })
        await call.session.answer()
        let first = try await call.tts.synthesis(0)
        let second = try await call.tts.synthesis(1)
        #expect(first.request == SynthesisRequest(text: "Hello!", voice: "test-voice", format: .telephony,
                                                  language: "en-GB"))
        #expect(second.request.text == "How can I help?")
        #expect(second.request.previousText == "Hello!")
        // The second sentence's audio arrives first; it still plays second.
        let secondAudio = second.audio(.milliseconds(300))
        second.done()
        let firstAudio = first.audio(.milliseconds(400))
        first.done()
        let events = try await call.transport.events.wait(for: "both sentences") { $0.count >= 4 }
        #expect(events == [.audio(firstAudio), .mark(MarkID(1)), .audio(secondAudio), .mark(MarkID(2))])
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        #expect(await call.session.history.entries == [.agent("Hello! How can I help?", interrupted: false, toolCalls: [])])
    }

    @Test func fullTurnFromCallerSpeechToHeardReply() async throws {
        let call = CallHarness()
        await call.session.answer()
        let stt = try await call.stt.session(0)
        #expect(stt.request.format == AudioFormat(encoding: .linear16, sampleRate: .hz8000))
        await call.speak(frames: 25)
        #expect(stt.framesReceived == 25)
        await call.pause(frames: 10)
        stt.emit(.partial("what time do"))
        stt.emit(.final("What time do you open?", confidence: 0.9))

        let completion = try await call.llm.completion(0)
        #expect(completion.request.messages == [.system("You are Ada."), .user("What time do you open?")])
        completion.token("We open ")
        completion.token("at nine. Every")
        let synthesis = try await call.tts.synthesis(0)
        #expect(synthesis.request.text == "We open at nine.")
        let chunk = synthesis.audio(.milliseconds(500))
        synthesis.done()
        completion.token(" day.")
        completion.finish(usage: TokenUsage(promptTokens: 20, completionTokens: 7))
        let last = try await call.tts.synthesis(1)
        #expect(last.request.text == "Every day.")
        let lastChunk = last.audio(.milliseconds(400))
        last.done()

        let events = try await call.transport.events.wait(for: "the reply") { $0.count >= 4 }
        #expect(events == [.audio(chunk), .mark(MarkID(1)), .audio(lastChunk), .mark(MarkID(2))])
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        #expect(await call.session.history.entries == [
            .user("What time do you open?"),
            .agent("We open at nine. Every day.", interrupted: false, toolCalls: []),
        ])
        // Speech ended at 500 ms (the first quiet frame); the reply's first audio left at 700 ms.
        #expect(call.metrics.values(of: .voiceToVoice) == [.milliseconds(200)])
        // All of it was spent waiting for the STT final: Switchboard added nothing.
        #expect(call.metrics.values(of: .orchestrationOverhead) == [.zero])

        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.endReason == .callerHungUp)
        #expect(record.turns.count == 1)
        #expect(record.turns.first?.usage == TokenUsage(promptTokens: 20, completionTokens: 7))
        #expect(record.turns.first?.speechEnded == .milliseconds(500))
        #expect(record.turns.first?.firstFrameSent == .milliseconds(700))
        #expect(record.history == (await call.session.history))
        #expect(record.timeline.contains(.userTurn("What time do you open?", source: .speech, at: .milliseconds(700))))
        #expect(record.callID == "CA-test" && record.agentName == "ada")
        #expect(record.providerFailures.isEmpty && record.silentPhrases.isEmpty)
    }

    @Test func keypadDigitsBecomeACallerTurn() async throws {
        let call = CallHarness()
        await call.session.answer()
        for key in "42#" { await call.session.dtmf(key) }
        let completion = try await call.llm.completion(0)
        #expect(completion.request.messages.last == .user("[keypad] 42"))
    }

    @Test func toolCallsRunAndTheirResultsContinueTheReply() async throws {
        let call = CallHarness(tools: EchoToolRunner())
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.callerSays("Is order 7 ready?", on: stt)
        let first = try await call.llm.completion(0)
        let lookup = ToolCall(id: "t1", name: "order_status", argumentsJSON: #"{"order":7}"#)
        first.toolCall(lookup)
        first.finish()
        let second = try await call.llm.completion(1)
        #expect(second.request.messages.suffix(2) == [
            .assistant("", toolCalls: [lookup]), .tool(callID: "t1", content: #"order_status({"order":7}) for CA-test"#),
        ])
    }
}

/// Answers every tool call with its name, arguments and call id.
struct EchoToolRunner: ToolRunner {
    func run(_ call: ToolCall, for context: ToolCallContext) async -> String {
        "\(call.name)(\(call.argumentsJSON)) for \(context.callID)"
    }
}
