import Testing
@testable import Agents

@Suite struct AgentLoadingTests {
    @Test func minimalAgentTakesDocumentedDefaults() throws {
        let result = Fixtures.agent(Fixtures.minimalAgent)
        #expect(result.problems.isEmpty, "\(result.problems)")
        let agent = try #require(result.value)
        #expect(agent.name == "test")
        #expect(agent.language == "en-US")
        #expect(agent.greeting == nil)
        #expect(agent.stt == [STTProviderConfig(kind: .pocketsphinx)])
        #expect(agent.llm == [LLMProviderConfig(kind: .scripted)])
        #expect(agent.tts == [TTSProviderConfig(kind: .espeak)])
        #expect(agent.turnTaking == TurnTakingConfig())
        #expect(agent.turnTaking.endpointingSilenceMs == 600)
        #expect(agent.latencyBudgets == LatencyBudgets())
        #expect(agent.recovery == RecoveryPhrases())
        #expect(agent.voice == VoiceConfig())
        #expect(agent.tools.isEmpty && agent.variables.isEmpty)
        #expect(agent.scripted?.initialState == "start")
        #expect(agent.scripted?.intents.map(\.name) == ["hi"])
    }

    @Test func nameDefaultsToFileBaseName() throws {
        let yaml = Fixtures.minimalAgent.replacingOccurrences(of: "name: test\n", with: "")
        let result = AgentConfigLoader.load(yaml: yaml, file: "Config/agents/front-desk.yaml", environment: [:])
        #expect(try #require(result.value).name == "front-desk")
    }

    @Test func everySectionIsRead() throws {
        let yaml = """
            name: full
            greeting: Hello {caller_number}
            system_prompt: Be brief about {topic}.
            language: de-DE
            voice: { name: anna, speaking_rate: 1.25 }
            stt:
              - kind: deepgram
                api_key: ${DG_KEY}
                settings: { model: nova-2, endpointing: 300, smart_format: true, base: "${DG_HOST:-api.deepgram.com}" }
              - pocketsphinx
            llm:
              - kind: openai
                api_key: ${OPENAI_KEY}
                settings: { model: gpt-4o-mini, temperature: 0.3 }
            tts: [espeak]
            turn_taking:
              endpointing_silence_ms: 700
              min_endpointing_ms: 100
              max_endpointing_ms: 3000
              barge_in: false
              barge_in_min_speech_ms: 500
              no_input_timeout_ms: 5000
              no_input_reprompts: 1
              reprompt_phrases: [Hello?]
              max_call_seconds: 600
            latency_budgets: { stt_final_ms: 900, llm_first_token_ms: 1200, tts_first_audio_ms: 800,
                               stream_stall_ms: 1500, hedge_after_ms: 600, filler_after_ms: 1800,
                               tts_hedge_after_ms: 400, stt_result_ms: 1700 }
            recovery:
              provider_failure: Oops.
              not_understood: Pardon?
              fillers: [Hmm., Let me see.]
              no_input_goodbye: Bye then.
              max_duration_goodbye: Time is up.
            variables: { topic: trains }
            tools:
              - name: lookup
                description: Looks things up.
                webhook: https://hooks.example.com/lookup
                headers: { Authorization: "Bearer ${HOOK_TOKEN}" }
                timeout_ms: 2500
                parameters:
                  type: object
                  properties: { query: { type: string } }
                  required: [query]

            """
        let env = ["DG_KEY": "dg-secret", "OPENAI_KEY": "sk-secret", "HOOK_TOKEN": "tok"]
        let result = Fixtures.agent(yaml, environment: env)
        #expect(result.problems.isEmpty, "\(result.problems)")
        let agent = try #require(result.value)
        #expect(agent.greeting?.variableNames == ["caller_number"])
        #expect(agent.language == "de-DE")
        #expect(agent.voice == VoiceConfig(name: "anna", speakingRate: 1.25))
        #expect(agent.stt.map(\.kind) == [.deepgram, .pocketsphinx])
        #expect(agent.stt[0].apiKey?.reveal() == "dg-secret")
        #expect(agent.stt[0].apiKey?.source == "DG_KEY")
        #expect(agent.stt[0].string("model") == "nova-2")
        #expect(agent.stt[0].int("endpointing") == 300)
        #expect(agent.stt[0].bool("smart_format") == true)
        #expect(agent.stt[0].string("base") == "api.deepgram.com")
        #expect(agent.llm[0].double("temperature") == 0.3)
        #expect(agent.turnTaking == TurnTakingConfig(endpointingSilenceMs: 700, minEndpointingMs: 100, maxEndpointingMs: 3000,
                                                     bargeIn: false, bargeInMinSpeechMs: 500, noInputTimeoutMs: 5000,
                                                     noInputReprompts: 1, repromptPhrases: [TextTemplate("Hello?")],
                                                     maxCallSeconds: 600))
        #expect(agent.latencyBudgets == LatencyBudgets(sttFinalMs: 900, llmFirstTokenMs: 1200, ttsFirstAudioMs: 800,
                                                       streamStallMs: 1500, hedgeAfterMs: 600, fillerAfterMs: 1800,
                                                       ttsHedgeAfterMs: 400, sttResultMs: 1700))
        #expect(agent.recovery.fillers.map(\.source) == ["Hmm.", "Let me see."])
        #expect(agent.recovery.maxDurationGoodbye.source == "Time is up.")
        #expect(agent.variables == ["topic": "trains"])
        let tool = try #require(agent.tools.first)
        #expect(tool.name == "lookup" && tool.timeoutMs == 2500 && tool.webhook == "https://hooks.example.com/lookup")
        #expect(tool.headers["Authorization"]?.reveal() == "Bearer tok")
        #expect(tool.parameters["required"] == .list([.string("query")]))
        #expect(tool.parameters["properties"]?["query"]?["type"] == .string("string"))
        #expect(agent.scripted == nil)
    }

    @Test func scriptedIntentsKeepStatesHandoffsAndCaptures() throws {
        let yaml = """
            stt: [pocketsphinx]
            llm: [scripted]
            tts: [espeak]
            scripted:
              initial_state: welcome
              fallback_reply: Say that again?
              intents:
                - name: book
                  patterns: [book a table]
                  reply: Under what name?
                  next_state: naming
                - name: naming
                  state: naming
                  patterns: ["my name is {name}"]
                  reply: Thanks {name}.
                  next_state: welcome
                - name: menu
                  dtmf: "1"
                  reply: Here is the menu.
                - name: bye
                  patterns: [bye]
                  reply: Bye.
                  end_call: true

            """
        let result = Fixtures.agent(yaml)
        #expect(result.problems.isEmpty, "\(result.problems)")
        let dialogue = try #require(result.value?.scripted)
        #expect(dialogue.initialState == "welcome")
        #expect(dialogue.fallbackReply.source == "Say that again?")
        #expect(dialogue.intents.map(\.name) == ["book", "naming", "menu", "bye"])
        #expect(dialogue.intents[1].state == "naming" && dialogue.intents[0].nextState == "naming")
        #expect(dialogue.intents[1].patterns.first?.captureNames == ["name"])
        #expect(dialogue.intents[2].dtmf == "1" && dialogue.intents[2].patterns.isEmpty)
        #expect(dialogue.intents[3].endCall)
    }
}
