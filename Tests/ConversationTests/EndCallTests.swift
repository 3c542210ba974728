import Testing
import Speech
@testable import Conversation

@Suite struct EndCallTests {
    let endCall = ToolCall(id: "call_end", name: TurnMachine.endCallToolName, argumentsJSON: "{}")

    @Test func endCallHangsUpOnceTheReplyHasBeenPlayedWithoutRunningATool() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "Thanks for calling. Goodbye!"))
        #expect(call.at(2300, .llmToolCall(g1, endCall)) == [], "end_call is not run as a tool")
        call.at(2310, .llmDone(g1, nil))
        call.at(2400, .ttsAudio(u1, c1, duration: ms(900)))
        call.at(2410, .ttsDone(u1))
        call.at(2420, .ttsAudio(u2, c1, duration: ms(500)))
        call.at(2430, .ttsDone(u2))
        #expect(!actions(call.at(3300, .playoutMark(m1))).contains(.hangUp(.agentEnded)), "not before it was all played")
        let effects = call.at(3800, .playoutMark(m2))
        #expect(actions(effects).contains(.hangUp(.agentEnded)))
        #expect(records(effects).contains(.callEnded(.agentEnded, at: t(3800))))
        #expect(call.history.last == .agent("Thanks for calling. Goodbye!", interrupted: false, toolCalls: []))
        #expect(call.machine.hasEnded)
    }

    @Test func interruptingTheLastReplyKeepsTheCallOpen() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "Thanks for calling. Goodbye!"))
        call.at(2300, .llmToolCall(g1, endCall))
        call.at(2310, .llmDone(g1, nil))
        call.at(2400, .ttsAudio(u1, c1, duration: ms(900)))
        call.at(2410, .ttsDone(u1))
        call.at(2500, .vadSpeechStarted)
        let effects = call.at(2800, .timerFired(.bargeIn))
        #expect(!actions(effects).contains(.hangUp(.agentEnded)))
        #expect(!call.machine.hasEnded)
    }
}
