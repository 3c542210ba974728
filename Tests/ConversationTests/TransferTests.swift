import Testing
import Speech
@testable import Conversation

@Suite struct TransferTests {
    let transfer = ToolCall(id: "call_transfer", name: TurnMachine.transferToolName,
                            argumentsJSON: #"{"target":"sip:desk@pbx.example.com"}"#)
    let reply = "Let me put you through. One moment."

    /// The caller asked a question; the model says `reply` in two sentences and calls `transfer`; both
    /// sentences are synthesized and the first one played.
    private func transferReplyHalfPlayed(settings: TurnSettings = .testing) -> CallScript {
        var call = CallScript.askedQuestion(settings: settings)
        call.at(2200, .llmToken(g1, reply))
        #expect(call.at(2300, .llmToolCall(g1, transfer)) == [], "transfer is not run as a tool")
        call.at(2310, .llmDone(g1, nil))
        call.at(2400, .ttsAudio(u1, c1, duration: ms(900)))
        call.at(2410, .ttsDone(u1))
        call.at(2420, .ttsAudio(u2, c1, duration: ms(500)))
        call.at(2430, .ttsDone(u2))
        let early = actions(call.at(3300, .playoutMark(m1)))
        #expect(!early.contains { if case .transfer = $0 { true } else { false } }, "not before it was all played")
        return call
    }

    private func transferRequested(settings: TurnSettings = .testing) -> CallScript {
        var call = transferReplyHalfPlayed(settings: settings)
        let expected = TransferRequest(argumentsJSON: transfer.argumentsJSON,
                                       lastCallerText: "Is the bakery open on Saturday?", toolCallID: transfer.id)
        #expect(actions(call.at(3800, .playoutMark(m2))) == [.transfer(expected)])
        return call
    }

    @Test func transferIsAskedForOnceTheReplyHasBeenPlayedAndTheCallWaitsForItsOutcome() {
        var call = transferRequested()
        #expect(!call.machine.hasEnded, "no hang-up before the transport says the transfer happened")
        #expect(call.machine.pendingTransfer?.toolCallID == transfer.id)
        #expect(call.machine.armedTimers.isEmpty, "no reprompt while the caller is being handed on")
        #expect(call.at(20_000, .timerFired(.noInput)) == [])
    }

    @Test func aCompletedTransferEndsTheCallAsTransferred() {
        var call = transferRequested()
        let effects = call.at(4500, .transferCompleted)
        #expect(actions(effects) == [.hangUp(.transferred)])
        #expect(records(effects).contains(.callEnded(.transferred, at: t(4500))))
        #expect(call.machine.hasEnded)
        #expect(call.history.last == .agent(reply, interrupted: false, toolCalls: []))
    }

    @Test func aFailedTransferKeepsTheCallTellsTheCallerAndShowsTheModelTheFailure() {
        var call = transferRequested()
        let failure = TransferFailure.refused(status: 403)
        #expect(actions(call.at(4500, .transferFailed(failure))) == [.playPhrase(.transferFailed), .sendMark(m3)])
        #expect(!call.machine.hasEnded)
        #expect(call.machine.pendingTransfer == nil)
        #expect(actions(call.at(8000, .playoutMark(m3))) == [.startTimer(.noInput, after: .seconds(8))])
        let phrase = FixedPhrases().transferFailed
        #expect(call.history.suffix(3) == [
            .agent(reply, interrupted: false, toolCalls: [transfer]),
            .toolResult(callID: transfer.id, content: failure.toolResult),
            .agent(phrase, interrupted: false, toolCalls: []),
        ])
        // The caller's next turn goes to the model with the failed transfer in view.
        call.at(9000, .vadSpeechStarted)
        call.at(9800, .vadSpeechEnded)
        let next = actions(call.at(9900, .sttFinal("Can I leave a message then?")))
        guard case .startLLM(let id, let messages)? = next.first(where: { if case .startLLM = $0 { true } else { false } })
        else { Issue.record("no generation for the next turn: \(next)"); return }
        #expect(id == g2)
        #expect(messages.suffix(4) == [
            .assistant(reply, toolCalls: [transfer]), .tool(callID: transfer.id, content: failure.toolResult),
            .assistant(phrase), .user("Can I leave a message then?"),
        ])
    }

    @Test func theFailureResultNamesWhatWentWrong() {
        #expect(TransferFailure.targetFailed(status: 486).toolResult.contains("486"))
        #expect(TransferFailure.refused(status: 403).toolResult.contains("refused"))
        #expect(TransferFailure.timedOut.toolResult.contains("in time"))
        #expect(TransferFailure.unsupported.toolResult.contains("cannot be transferred"))
        #expect(TransferOutcome.failed(.targetFailed(status: 486)).label == "target_failed")
        #expect(TransferOutcome.completed(status: 200).label == "completed")
    }

    @Test func callerSpeechWhileTheTransferRunsIsNotAnswered() {
        var call = transferRequested()
        #expect(actions(call.at(4000, .vadSpeechStarted)) == [])
        #expect(actions(call.at(4200, .sttFinal("Hello? Anyone there?"))) == [])
        #expect(actions(call.at(4300, .dtmf("5"))) == [])
        #expect(actions(call.at(4400, .vadSpeechEnded)) == [])
        // The failure phrase follows; the words said while waiting were not taken as a turn.
        #expect(actions(call.at(4500, .transferFailed(.timedOut))) == [.playPhrase(.transferFailed), .sendMark(m3)])
        #expect(actions(call.at(7000, .playoutMark(m3))) == [.startTimer(.noInput, after: .seconds(8))])
        #expect(!call.history.contains(.user("Hello? Anyone there?")))
    }

    @Test func theCallerHangingUpWhileTheTransferRunsEndsTheCall() {
        var call = transferRequested()
        let effects = call.at(4000, .callerHungUp)
        #expect(actions(effects) == [])
        #expect(records(effects) == [.callEnded(.callerHungUp, at: t(4000))])
        #expect(call.machine.hasEnded)
        #expect(call.at(4100, .transferCompleted) == [], "a late outcome after the end is ignored")
    }

    @Test func theCallLengthRunningOutDuringTheTransferSaysGoodbyeIfItFails() {
        let settings = TurnSettings.testing.with { $0.maximumCallDuration = .seconds(4) }
        var call = transferRequested(settings: settings)
        #expect(call.machine.armedTimers == [.maximumCallDuration], "the call's length still counts")
        #expect(actions(call.at(4000, .timerFired(.maximumCallDuration))) == [], "nothing said over the hand-off")
        let effects = actions(call.at(4500, .transferFailed(.targetFailed(status: 486))))
        #expect(effects.prefix(2) == [.playPhrase(.goodbye(.maximumDuration)), .sendMark(m3)])
        #expect(!effects.contains(.playPhrase(.transferFailed)))
    }

    @Test func anOutcomeWithNoTransferPendingIsIgnored() {
        var call = CallScript.askedQuestion()
        #expect(call.at(2200, .transferCompleted) == [])
        #expect(call.at(2300, .transferFailed(.timedOut)) == [])
        #expect(!call.machine.hasEnded)
    }

    @Test func interruptingTheTransferReplyCancelsTheTransfer() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, reply))
        call.at(2300, .llmToolCall(g1, transfer))
        call.at(2310, .llmDone(g1, nil))
        call.at(2400, .ttsAudio(u1, c1, duration: ms(900)))
        call.at(2410, .ttsDone(u1))
        call.at(2500, .vadSpeechStarted)
        let effects = call.at(2800, .timerFired(.bargeIn))
        #expect(!effects.contains { if case .transfer = $0 { true } else { false } })
        #expect(!call.machine.hasEnded)
        #expect(call.machine.pendingTransfer == nil)
    }
}
