import Testing
import Speech
@testable import Conversation

@Suite struct ToolCallTests {
    let lookup = ToolCall(id: "call_1", name: "opening_hours", argumentsJSON: #"{"day":"saturday"}"#)

    @Test func aToolCallRunsAndTheModelContinuesWithItsResult() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "Let me check. "))
        #expect(call.at(2300, .llmToolCall(g1, lookup)) == [.runTool(lookup)])
        #expect(call.at(2310, .llmDone(g1, nil)) == [])
        call.at(2400, .ttsAudio(u1, c1, duration: ms(900)))
        call.at(2410, .ttsDone(u1))
        #expect(call.at(2600, .toolResult(callID: "call_1", content: #"{"open":"09:00"}"#)) == [
            .startLLM(g2, [system, .user("Is the bakery open on Saturday?"),
                           .assistant("Let me check.", toolCalls: [lookup]),
                           .tool(callID: "call_1", content: #"{"open":"09:00"}"#)]),
        ])
        call.at(2800, .llmToken(g2, "We open at nine."))
        call.at(2810, .llmDone(g2, nil))
        call.at(2900, .ttsAudio(u2, c1, duration: ms(1000)))
        call.at(2910, .ttsDone(u2))
        call.at(3300, .playoutMark(m1))
        call.at(4300, .playoutMark(m2))
        #expect(call.history == [
            .user("Is the bakery open on Saturday?"),
            .agent("Let me check.", interrupted: false, toolCalls: [lookup]),
            .toolResult(callID: "call_1", content: #"{"open":"09:00"}"#),
            .agent("We open at nine.", interrupted: false, toolCalls: []),
        ])
    }

    @Test func bargeInWhileAToolRunsCancelsItAndKeepsTheUnansweredCallOutOfHistory() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "Let me check. "))
        call.at(2300, .llmToolCall(g1, lookup))
        call.at(2310, .llmDone(g1, nil))
        call.at(2400, .ttsAudio(u1, c1, duration: ms(900)))
        call.at(2410, .ttsDone(u1))
        call.at(3300, .playoutMark(m1))
        call.at(3400, .vadSpeechStarted)
        #expect(actions(call.at(3700, .timerFired(.bargeIn))) == [.cancelTool(callID: "call_1")])
        #expect(call.history.last == .agent("Let me check.", interrupted: true, toolCalls: []))
        #expect(call.at(3800, .toolResult(callID: "call_1", content: "{}")) == [])
    }
}
