import Agents
import Speech
import Testing
@testable import Providers

@Suite struct ScriptedDialogueEngineTests {
    let engine = ScriptedDialogueEngine(dialogue: Receptionist.dialogue, variables: Receptionist.agent.initialVariables)

    private func answer(_ said: [String]) -> ScriptedTurn? {
        var messages: [ChatMessage] = [.system("prompt")]
        for (index, text) in said.enumerated() {
            messages.append(.user(text))
            if index < said.count - 1 {
                messages.append(.assistant(engine.turn(answering: messages)?.reply ?? ""))
            }
        }
        return engine.turn(answering: messages)
    }

    @Test func matchesIntentAnywhereInWhatWasSaidAndRendersVariables() {
        let turn = answer(["Hi there, what are your hours please?"])
        #expect(turn?.intentName == "opening_hours")
        #expect(turn?.reply == "We're open Monday to Friday, nine to five. Is there anything else?")
        #expect(turn?.action == nil)
    }

    @Test func bookingMovesToTheNameStateAndCapturesTheName() {
        let asked = answer(["I'd like to book an appointment"])
        #expect(asked?.intentName == "booking")
        #expect(asked?.after.state == "booking_name")

        let named = answer(["I'd like to book an appointment", "my name is Ada Lovelace"])
        #expect(named?.intentName == "booking_name")
        #expect(named?.reply == "Thank you, Ada Lovelace. You're booked in for tomorrow at ten. Is there anything else?")
        #expect(named?.after.state == "start")
        #expect(named?.after.variables["name"] == "Ada Lovelace")
    }

    @Test func stateSpecificIntentIsNotHeardOutsideItsState() {
        // "{name}" alone would match anything; in the start state only the fallback answers.
        let turn = answer(["purple elephants"])
        #expect(turn?.intentName == nil)
        #expect(turn?.reply == Receptionist.fallback)
        #expect(turn?.after.state == "start")
    }

    @Test func nameIsCapturedInTheBookingState() {
        let bare = answer(["book an appointment", "Grace"])
        #expect(bare?.intentName == "booking_name")
        #expect(bare?.after.variables["name"] == "Grace")
        let introduced = answer(["book an appointment", "it's Grace Hopper"])
        #expect(introduced?.after.variables["name"] == "Grace Hopper")
    }

    @Test func capturedVariablesStayForLaterTurns() {
        let state = engine.replay([.user("book an appointment"), .assistant("Happy to help."),
                                   .user("this is Alan"), .assistant("Thank you, Alan."),
                                   .user("what are your hours")][...])
        #expect(state.variables["name"] == "Alan")
        #expect(state.state == "start")
        #expect(state.variables["business_name"] == "Acme Dental")
    }

    @Test func goodbyeEndsTheCall() {
        let turn = answer(["no thanks, goodbye"])
        #expect(turn?.intentName == "goodbye")
        #expect(turn?.action == .endCall)
        #expect(turn?.reply == "Thanks for calling Acme Dental. Goodbye!")
    }

    @Test func keypadDigitsSelectTheDTMFIntent() {
        let turn = answer(["[keypad] 0"])
        #expect(turn?.intentName == "human")
        let unknown = answer(["[keypad] 7"])
        #expect(unknown?.intentName == nil)
        #expect(unknown?.reply == Receptionist.fallback)
    }

    @Test func keypadDigitsAfterMergedSpeechStillCount() {
        #expect(answer(["um [keypad] 0"])?.intentName == "human")
        #expect(KeypadInput().digits(in: "um [keypad] 0") == "0")
        #expect(KeypadInput().digits(in: "[keypad] 1 [keypad] 2#") == "2#")
        #expect(KeypadInput().digits(in: "the keypad is broken") == nil)
        #expect(KeypadInput().digits(in: "[keypad] hello") == nil)
    }

    @Test func handoffAndTransferBecomeActions() {
        let dialogue = ScriptedDialogue(intents: [
            ScriptedIntent(name: "billing", patterns: [try! IntentPattern(parsing: "billing")],
                           reply: TextTemplate("Passing you to billing."), handoff: "billing"),
            ScriptedIntent(name: "desk", patterns: [try! IntentPattern(parsing: "front desk")],
                           reply: TextTemplate("Transferring."), transfer: "sip:desk@example.com"),
        ])
        let engine = ScriptedDialogueEngine(dialogue: dialogue)
        #expect(engine.turn(answering: [.user("billing please")])?.action == .handoff(agent: "billing"))
        #expect(engine.turn(answering: [.user("the front desk")])?.action == .transfer(target: "sip:desk@example.com"))
    }

    @Test func replayStartsAfterTheLastHandoff() {
        let handoff = ScriptedControlTool.call(for: .handoff(agent: "receptionist"), turn: 1)
        let messages: [ChatMessage] = [
            .user("book an appointment"),  // said to the previous agent: must not put us in booking_name
            .assistant("Passing you over.", toolCalls: [handoff]),
            .tool(callID: handoff.id, content: "ok"),
            .user("Grace Hopper"),
        ]
        let turn = engine.turn(answering: messages)
        #expect(turn?.intentName == nil)
        #expect(turn?.reply == Receptionist.fallback)
    }

    @Test func sameConversationAlwaysGetsTheSameTurn() {
        let said = ["hello", "book an appointment", "it's Ada", "what are your hours", "bye"]
        #expect(answer(said) == answer(said))
        #expect(answer(said)?.intentName == "goodbye")
    }

    @Test func conversationNotEndingWithTheCallerHasNoTurn() {
        #expect(engine.turn(answering: [.system("prompt")]) == nil)
        #expect(engine.turn(answering: [.user("hello"), .assistant("Hello!")]) == nil)
    }
}
