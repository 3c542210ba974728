import Agents
import Orchestrator
import Speech
import Testing

@Suite struct CallProvidersPlanTests {
    static let environment = ["OPENAI_API_KEY": "sk", "GROQ_API_KEY": "gq", "DEEPGRAM_API_KEY": "dg", "CARTESIA_API_KEY": "ca",
                              "ASSEMBLYAI_API_KEY": "aa"]
    static let yaml = """
        name: concierge
        system_prompt: Be brief.
        stt: [pocketsphinx]
        llm:
          - {kind: openai, api_key: "${OPENAI_API_KEY}", settings: {model: gpt-4o}, pricing: {input_per_million_tokens: 2.5, output_per_million_tokens: 10}}
          - {kind: openai, api_key: "${OPENAI_API_KEY}", settings: {model: gpt-4o}, pricing: {input_per_million_tokens: 5}}
        tts: [espeak]
        llm_tiers:
          fast: [{kind: groq, api_key: "${GROQ_API_KEY}"}]
          rules: {max_words: 6}
        languages:
          es-ES:
            stt: [{kind: deepgram, api_key: "${DEEPGRAM_API_KEY}", pricing: {per_audio_minute: 0.0043}}]
            tts: [{kind: cartesia, api_key: "${CARTESIA_API_KEY}"}, espeak]
        shadow:
          stt: {kind: assemblyai, api_key: "${ASSEMBLYAI_API_KEY}"}

        """

    func plan() throws -> CallProvidersPlan {
        let result = AgentConfigLoader.load(yaml: Self.yaml, file: "concierge.yaml", environment: Self.environment)
        return CallProvidersPlan(agent: try #require(result.value, "\(result.problems)"))
    }

    @Test func shadowWrapsLanguageRoutesWhichWrapMeteredProviders() throws {
        guard case .shadowed(let primary, let shadow) = try plan().stt,
              case .languages(let routes, let otherwise) = primary,
              case .single(let english) = otherwise,
              case .single(let spanish)? = routes.first?.plan else {
            Issue.record("unexpected stt plan: \(try plan().stt)")
            return
        }
        #expect(shadow.label == "shadow/assemblyai" && shadow.config.kind == .assemblyai)
        #expect(routes.map(\.tag) == ["es-ES"])
        #expect(english.label == "pocketsphinx" && english.prices.isEmpty)
        #expect(spanish.label == "deepgram" && spanish.prices == UsagePrices(audioPerMinute: 4_300))
    }

    @Test func tiersPutFastListBesideStrongFallbackList() throws {
        guard case .tiers(let fast, let strong, let rules) = try plan().llm,
              case .single(let groq) = fast, case .fallback(let openai) = strong else {
            Issue.record("unexpected llm plan: \(try plan().llm)")
            return
        }
        #expect(groq.label == "groq")
        #expect(openai.map(\.label) == ["openai/gpt-4o", "openai/gpt-4o#2"])
        #expect(openai.map(\.prices) == [UsagePrices(inputTokensPerMillion: 2_500_000, outputTokensPerMillion: 10_000_000),
                                         UsagePrices(inputTokensPerMillion: 5_000_000)])
        #expect(rules == TurnComplexityRules(maxWords: 6))
    }

    @Test func sameEntryInTwoPlacesKeepsOneLabel() throws {
        let tts = try plan().tts
        guard case .languages(let routes, .single(let espeak)) = tts, case .fallback(let spanish)? = routes.first?.plan else {
            Issue.record("unexpected tts plan: \(tts)")
            return
        }
        #expect(spanish.map(\.label) == ["cartesia", "espeak"] && espeak.label == "espeak")
        #expect(tts.providers.map(\.label) == ["espeak", "cartesia"])
    }

    @Test func plainAgentIsOneMeteredProviderPerLayer() throws {
        let yaml = "stt: [pocketsphinx]\nllm: [scripted]\ntts: [espeak]\nscripted: {intents: [{name: hi, patterns: [hello], reply: Hi.}]}\n"
        let agent = try #require(AgentConfigLoader.load(yaml: yaml, file: "a.yaml", environment: [:]).value)
        let plan = CallProvidersPlan(agent: agent)
        #expect(plan.llm.providers.map(\.label) == ["scripted"])
        guard case .single = plan.stt, case .single = plan.tts, case .single = plan.llm else {
            Issue.record("unexpected plan: \(plan)")
            return
        }
    }
}
