import Agents
import Conversation
@testable import Orchestrator
import Speech
import Testing

@Suite struct AgentMappingTests {
    static let agent = AgentConfig(
        name: "bakery",
        greeting: TextTemplate("Hi {caller_name}, this is {agent_name}."),
        systemPrompt: TextTemplate("You work at {shop}."),
        language: "en-GB",
        stt: [STTProviderConfig(kind: .deepgram)],
        llm: [LLMProviderConfig(kind: .openai, settings: ["max_tokens": .int(200), "temperature": .double(0.4)])],
        tts: [TTSProviderConfig(kind: .cartesia, settings: ["voice": .string("sonic-en")])],
        voice: VoiceConfig(name: "ignored", speakingRate: 1.25),
        turnTaking: TurnTakingConfig(endpointingSilenceMs: 700, minEndpointingMs: 250, maxEndpointingMs: 2000,
                                     bargeIn: false, bargeInMinSpeechMs: 400, noInputTimeoutMs: 6000,
                                     noInputReprompts: 3,
                                     repromptPhrases: [TextTemplate("Hello?"), TextTemplate("{caller_name}, are you there?")],
                                     maxCallSeconds: 600),
        latencyBudgets: Agents.LatencyBudgets(llmFirstTokenMs: 1800, ttsFirstAudioMs: 1200, hedgeAfterMs: 900),
        recovery: RecoveryPhrases(providerFailure: TextTemplate("Sorry {caller_name}."),
                                  noInputGoodbye: TextTemplate("Bye from {shop}."),
                                  maxDurationGoodbye: TextTemplate("Out of time.")),
        tools: [Agents.ToolDeclaration(name: "hours", description: "Opening hours", webhook: "https://example.com/h")],
        variables: ["shop": "Ada's bakery"])

    @Test func turnSettingsFollowTheAgentFile() {
        let settings = TurnSettings(agent: Self.agent, variables: ["caller_name": "Sam", "agent_name": "bakery", "shop": "Ada's"])
        #expect(settings.systemPrompt == "You work at Ada's.")
        #expect(settings.greeting == "Hi Sam, this is bakery.")
        // Settled transcripts are answered after 250 ms of silence (the VAD hangover); without a final
        // the answer waits until 700 + 2000 ms of silence.
        #expect(Self.agent.turnTaking.vadSilenceHangover == .milliseconds(250))
        #expect(settings.endpointing == EndpointingSettings(minimumDelay: .zero, maximumDelay: .milliseconds(2450)))
        #expect(settings.bargeIn.enabled == false)
        #expect(settings.bargeIn.minimumSpeech == .milliseconds(400))
        #expect(settings.noInput == NoInputSettings(timeout: .seconds(6), reprompts: ["Hello?", "Sam, are you there?", "Hello?"]))
        #expect(settings.budgets == Conversation.LatencyBudgets(firstToken: .milliseconds(900), firstAudio: nil,
                                                                 replyDeadline: .milliseconds(3000),
                                                                 transcriptResult: nil))
        #expect(settings.phrases == FixedPhrases(recovery: "Sorry Sam.", noInputGoodbye: "Bye from Ada's.",
                                                 maximumDurationGoodbye: "Out of time."))
        #expect(settings.maximumCallDuration == .seconds(600))
        #expect(settings.speechPerCharacter == .milliseconds(52))
    }

    @Test func transcriptResultDeadlineIsOffUnlessTheAgentSetsIt() {
        var agent = Self.agent
        #expect(TurnSettings(agent: agent, variables: [:]).budgets.transcriptResult == nil)
        agent.latencyBudgets.sttResultMs = 1500
        #expect(TurnSettings(agent: agent, variables: [:]).budgets.transcriptResult == .milliseconds(1500))
    }

    @Test func noGreetingAndNoRepromptsMapToNil() {
        var agent = Self.agent
        agent.greeting = TextTemplate("{unset}")
        agent.turnTaking.noInputReprompts = 0
        agent.latencyBudgets.hedgeAfterMs = nil
        let settings = TurnSettings(agent: agent, variables: [:])
        #expect(settings.greeting == nil)
        #expect(settings.noInput.reprompts.isEmpty)
        #expect(settings.budgets.firstToken == nil)
    }

    @Test func sessionConfigurationTakesVoiceToolsAndVariablesFromTheAgent() {
        let configuration = CallSessionConfiguration(agent: Self.agent, callID: "CA9", variables: ["shop": "Bo's"],
                                                     inputFormat: AudioFormat(encoding: .linear16, sampleRate: .hz16000),
                                                     outputFormat: .telephony)
        #expect(configuration.agentName == "bakery")
        #expect(configuration.voice == "sonic-en")
        #expect(configuration.language == "en-GB")
        #expect(configuration.maximumTokens == 200 && configuration.temperature == 0.4)
        #expect(configuration.transcription == TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz16000),
                                                                    language: "en-GB"))
        #expect(configuration.variables == ["shop": "Bo's", "agent_name": "bakery", "call_id": "CA9"])
        #expect(configuration.turn.systemPrompt == "You work at Bo's.")
        #expect(configuration.tools == [Speech.ToolDeclaration(name: "hours", description: "Opening hours",
                                                               parametersSchemaJSON: #"{"properties":{},"type":"object"}"#)])
    }

    @Test func routerBudgetsHedgeAndFailOverAtTheAgentsLatencyBudgets() {
        var agent = Self.agent
        agent.latencyBudgets.ttsHedgeAfterMs = 400
        let budgets = RouterBudgets(agent: agent)
        #expect(budgets.languageModel == .init(hedgeAfter: .milliseconds(900), firstOutputTimeout: .milliseconds(1800)))
        #expect(budgets.textToSpeech == .init(hedgeAfter: .milliseconds(400), firstOutputTimeout: .milliseconds(1200)))
        let turn = TurnSettings(agent: agent, variables: [:])
        #expect(turn.budgets.firstToken == .milliseconds(900))
        #expect(turn.budgets.firstAudio == .milliseconds(400), "the machine records the hedge the router starts")
        agent.latencyBudgets.ttsHedgeAfterMs = nil
        #expect(RouterBudgets(agent: agent).textToSpeech.hedgeAfter == nil)
    }

    @Test func configValuesEncodeAsCompactSortedJSON() {
        let schema = ConfigValue.map([
            "type": .string("object"),
            "required": .list([.string("day")]),
            "properties": .map(["day": .map(["type": .string("string"), "description": .string("Say \"Mon\"\n\\ \u{1}")])]),
            "limits": .list([.int(-3), .double(2.5), .double(.infinity), .bool(true), .null]),
        ])
        #expect(schema.jsonText == #"{"limits":[-3,2.5,null,true,null],"properties":{"day":{"description":"Say \"Mon\"\n\\ \u0001","type":"string"}},"required":["day"],"type":"object"}"#)
    }
}
