import Testing
@testable import Agents

@Suite struct ScriptedDialogueTests {
    private func intent(_ name: String, _ patterns: [String], state: String? = nil, dtmf: String? = nil) throws -> ScriptedIntent {
        ScriptedIntent(name: name, patterns: try patterns.map { try IntentPattern(parsing: $0) }, dtmf: dtmf,
                       reply: TextTemplate(name), state: state)
    }

    @Test func mostSpecificMatchWins() throws {
        let dialogue = ScriptedDialogue(intents: [
            try intent("greeting", ["hi"]),
            try intent("booking", ["book an appointment", "appointment"]),
        ])
        let selection = dialogue.bestMatch(for: Utterance("hi, I'd like to book an appointment"), inState: "start")
        #expect(selection?.intent.name == "booking")
        #expect(dialogue.bestMatch(for: Utterance("hi there"), inState: "start")?.intent.name == "greeting")
        #expect(dialogue.bestMatch(for: Utterance("what's the weather"), inState: "start") == nil)
    }

    @Test func stateSpecificIntentsAreOnlyHeardInTheirState() throws {
        let dialogue = ScriptedDialogue(intents: [
            try intent("name", ["{name}"], state: "naming"),
            try intent("goodbye", ["goodbye"]),
        ])
        #expect(dialogue.bestMatch(for: Utterance("Ada"), inState: "start") == nil)
        let naming = dialogue.bestMatch(for: Utterance("Ada"), inState: "naming")
        #expect(naming?.intent.name == "name" && naming?.captures == ["name": "Ada"])
        #expect(dialogue.bestMatch(for: Utterance("goodbye"), inState: "naming")?.intent.name == "goodbye",
                "a literal word beats a bare capture")
    }

    @Test func digitsSelectIntentsPreferringTheCurrentState() throws {
        let dialogue = ScriptedDialogue(intents: [
            try intent("operator", [], dtmf: "0"),
            try intent("menu-operator", [], state: "menu", dtmf: "0"),
        ])
        #expect(dialogue.intent(forDigits: "0", inState: "start")?.name == "operator")
        #expect(dialogue.intent(forDigits: "0", inState: "menu")?.name == "menu-operator")
        #expect(dialogue.intent(forDigits: "9", inState: "start") == nil)
    }

    @Test func exampleReceptionistAnswersItsIntents() throws {
        let agent = try #require(AgentConfigLoader.load(yaml: EmbeddedDefaults.receptionistAgentYAML,
                                                        file: "receptionist.yaml", environment: [:]).value)
        let dialogue = try #require(agent.scripted)
        #expect(dialogue.bestMatch(for: Utterance("When are you open?"), inState: "start")?.intent.name == "opening_hours")
        let booking = dialogue.bestMatch(for: Utterance("I'd like to book an appointment"), inState: "start")
        #expect(booking?.intent.name == "booking" && booking?.intent.nextState == "booking_name")
        let name = dialogue.bestMatch(for: Utterance("my name is Ada Lovelace"), inState: "booking_name")
        #expect(name?.intent.name == "booking_name" && name?.captures["name"] == "Ada Lovelace")
        #expect(name?.intent.reply.render(agent.initialVariables.merging(name!.captures) { $1 })
                == "Thank you, Ada Lovelace. You're booked in for tomorrow at ten. Is there anything else?")
        let bare = dialogue.bestMatch(for: Utterance("Grace Hopper"), inState: "booking_name")
        #expect(bare?.intent.name == "booking_name" && bare?.captures["name"] == "Grace Hopper",
                "a bare {name} takes the whole name, not its last word")
        let its = dialogue.bestMatch(for: Utterance("it's Grace Hopper"), inState: "booking_name")
        #expect(its?.captures["name"] == "Grace Hopper")
        #expect(dialogue.bestMatch(for: Utterance("can I talk to a person"), inState: "start")?.intent.name == "human")
        #expect(dialogue.intent(forDigits: "0", inState: "start")?.name == "human")
        #expect(dialogue.bestMatch(for: Utterance("no thanks, goodbye"), inState: "booking_name")?.intent.endCall == true)
    }
}
