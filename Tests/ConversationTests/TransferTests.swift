import Testing
import Speech
@testable import Conversation

@Suite struct TransferTests {
    let transfer = ToolCall(id: "call_transfer", name: TurnMachine.transferToolName,
                            argumentsJSON: #"{"target":"sip:desk@pbx.example.com"}"#)

    @Test func transferIsEmittedOnceTheReplyHasBeenPlayedThenTheCallEnds() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "Let me put you through. One moment."))
        #expect(call.at(2300, .llmToolCall(g1, transfer)) == [], "transfer is not run as a tool")
        call.at(2310, .llmDone(g1, nil))
        call.at(2400, .ttsAudio(u1, c1, duration: ms(900)))
        call.at(2410, .ttsDone(u1))
        call.at(2420, .ttsAudio(u2, c1, duration: ms(500)))
        call.at(2430, .ttsDone(u2))
        let early = actions(call.at(3300, .playoutMark(m1)))
        #expect(!early.contains { if case .transfer = $0 { true } else { false } }, "not before it was all played")
        let effects = actions(call.at(3800, .playoutMark(m2)))
        let transferIndex = effects.firstIndex { if case .transfer = $0 { true } else { false } }
        let hangUpIndex = effects.firstIndex(of: .hangUp(.transferred))
        #expect(transferIndex != nil && hangUpIndex != nil && transferIndex! < hangUpIndex!,
                "the transfer comes first, then the hang-up")
        if let transferIndex, case .transfer(let request) = effects[transferIndex] {
            #expect(request.argumentsJSON == transfer.argumentsJSON)
            #expect(request.lastCallerText == call.machine.history.lastCallerText)
            #expect(request.lastCallerText != nil)
        }
        #expect(call.machine.hasEnded)
    }

    @Test func interruptingTheTransferReplyCancelsTheTransfer() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "Let me put you through. One moment."))
        call.at(2300, .llmToolCall(g1, transfer))
        call.at(2310, .llmDone(g1, nil))
        call.at(2400, .ttsAudio(u1, c1, duration: ms(900)))
        call.at(2410, .ttsDone(u1))
        call.at(2500, .vadSpeechStarted)
        let effects = actions(call.at(2800, .timerFired(.bargeIn)))
        #expect(!effects.contains { if case .transfer = $0 { true } else { false } })
        #expect(!call.machine.hasEnded)
    }
}
