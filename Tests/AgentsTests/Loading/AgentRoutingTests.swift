import Testing
@testable import Agents

/// `pricing`, `llm_tiers`, `languages` and `shadow`: loading, and every bad value located exactly.
@Suite struct AgentRoutingTests {
    static let environment = ["OPENAI_API_KEY": "sk-1", "GROQ_API_KEY": "gq-1", "DEEPGRAM_API_KEY": "dg-1",
                              "CARTESIA_API_KEY": "ca-1", "ASSEMBLYAI_API_KEY": "aa-1"]

    static let routedAgent = """
        name: concierge
        system_prompt: Be brief.
        stt: [pocketsphinx]
        llm:
          - kind: openai
            api_key: ${OPENAI_API_KEY}
            settings: {model: gpt-4o}
            pricing: {input_per_million_tokens: 2.5, output_per_million_tokens: 10}
        tts: [espeak]
        llm_tiers:
          fast: {kind: groq, api_key: "${GROQ_API_KEY}", pricing: {input_per_million_tokens: 0.05, output_per_million_tokens: 0.000_08}}
          rules: {max_words: 6, question_words: [why], strong_keywords: [book, talk to someone]}
        languages:
          es-ES:
            stt: [{kind: deepgram, api_key: "${DEEPGRAM_API_KEY}", pricing: {per_audio_minute: 0.0043}}]
            tts: [{kind: cartesia, api_key: "${CARTESIA_API_KEY}", pricing: {per_million_characters: 15}}]
          fr: {tts: [espeak]}
        shadow:
          stt: {kind: assemblyai, api_key: "${ASSEMBLYAI_API_KEY}"}
          llm: scripted

        """

    /// Line and column (from 1) of the `occurrence`-th `needle` in `yaml`: where a problem about it must point.
    func locate(_ needle: String, in yaml: String, occurrence: Int = 1) -> (line: Int, column: Int) {
        var remaining = occurrence
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var searchFrom = line.startIndex
            while let range = line[searchFrom...].range(of: needle) {
                remaining -= 1
                if remaining == 0 { return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1) }
                searchFrom = range.upperBound
            }
        }
        Issue.record("\(needle) not in the YAML")
        return (0, 0)
    }

    func expectAt(_ yaml: String, _ code: ProblemCode, _ needle: String, occurrence: Int = 1, containing text: String? = nil,
                  sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let at = locate(needle, in: yaml, occurrence: occurrence)
        let result = Fixtures.agent(yaml, environment: Self.environment)
        expectProblem(result.problems, code, line: at.line, column: at.column, containing: text, sourceLocation: sourceLocation)
        #expect(result.value == nil, sourceLocation: sourceLocation)
    }

    @Test func routingSectionsLoadWithExactPrices() throws {
        let result = Fixtures.agent(Self.routedAgent, environment: Self.environment)
        #expect(result.errors.isEmpty, "\(result.problems)")
        let agent = try #require(result.value)
        #expect(agent.llm[0].pricing == ProviderPricing(inputPerMillionTokensMicros: 2_500_000, outputPerMillionTokensMicros: 10_000_000))
        let tiers = try #require(agent.llmTiers)
        #expect(tiers.fast.map(\.kind) == [.groq])
        #expect(tiers.fast[0].pricing == ProviderPricing(inputPerMillionTokensMicros: 50_000, outputPerMillionTokensMicros: 80))
        #expect(tiers.maxWords == 6 && tiers.questionWords == ["why"] && tiers.strongKeywords == ["book", "talk to someone"])
        #expect(agent.languages.map(\.tag) == ["es-ES", "fr"])
        #expect(agent.languages[0].stt?.first?.pricing.perAudioMinuteMicros == 4_300)
        #expect(agent.languages[0].tts?.first?.pricing.perMillionCharactersMicros == 15_000_000)
        #expect(agent.languages[1].stt == nil && agent.languages[1].tts?.map(\.kind) == [.espeak])
        #expect(agent.shadow.stt?.kind == .assemblyai && agent.shadow.stt?.apiKey?.reveal() == "aa-1")
        #expect(agent.shadow.llm?.kind == .scripted && agent.shadow.tts == nil)
    }

    @Test func agentWithoutRoutingSectionsHasNone() throws {
        let agent = try #require(Fixtures.agent(Fixtures.minimalAgent).value)
        #expect(agent.llmTiers == nil && agent.languages.isEmpty && agent.shadow.isEmpty && agent.llm[0].pricing.isEmpty)
    }

    @Test func priceKeyOfAnotherLayerIsUnknownWithSuggestion() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "pricing: {per_audio_minute: 0.0043}",
                                                         with: "pricing: {per_million_characters: 0.0043}")
        expectAt(yaml, .unknownKey, "per_million_characters", containing: "in \"languages.es-ES.stt[0].pricing\"")
    }

    @Test func priceWithMoreThanSixDecimalsIsInvalid() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "0.0043", with: "0.0000001")
        expectAt(yaml, .invalidValue, "0.0000001", containing: "at most 6 decimal places")
    }

    @Test func negativePriceIsOutOfRange() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "input_per_million_tokens: 2.5", with: "input_per_million_tokens: -2.5")
        expectAt(yaml, .outOfRange, "-2.5", containing: "must not be negative")
    }

    @Test func quotedPriceIsText() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "per_million_characters: 15", with: "per_million_characters: \"15\"")
        expectAt(yaml, .wrongType, "\"15\"", containing: "must be a price in US dollars")
    }

    @Test func priceWithExponentMustBePlainDecimal() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "0.0043", with: "4.3e-3")
        expectAt(yaml, .invalidValue, "4.3e-3", containing: "plain decimal")
    }

    @Test func tiersWithoutFastModelAreMissingAField() {
        let yaml = Fixtures.minimalAgent + "llm_tiers:\n  rules: {max_words: 5}\n"
        expectAt(yaml, .missingField, "rules", containing: "missing required key \"fast\" in \"llm_tiers\"")
    }

    @Test func tierWordLimitIsBounded() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "max_words: 6", with: "max_words: 0")
        expectAt(yaml, .outOfRange, "0,", containing: "\"llm_tiers.rules.max_words\" is 0, but must be between 1 and 100")
    }

    @Test func questionWordsAreSingleWords() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "question_words: [why]", with: "question_words: [why, how come]")
        expectAt(yaml, .invalidValue, "how come", containing: "question words are single words")
    }

    @Test func emptyFastListIsAnEmptyProviderList() {
        let yaml = Fixtures.minimalAgent + "llm_tiers:\n  fast: []\n"
        expectAt(yaml, .emptyProviderList, "[]", occurrence: 1, containing: "\"llm_tiers.fast\" lists no providers")
    }

    @Test func malformedLanguageTagIsInvalid() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "fr: {tts: [espeak]}", with: "french!: {tts: [espeak]}")
        expectAt(yaml, .invalidValue, "french!", containing: "must be a BCP 47 tag")
    }

    @Test func sameLanguageTwiceIsADuplicateIgnoringCase() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "fr: {tts: [espeak]}", with: "ES-es: {tts: [espeak]}")
        expectAt(yaml, .duplicateName, "ES-es", containing: "listed twice")
    }

    @Test func languageWithNeitherLayerIsMissingProviders() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "fr: {tts: [espeak]}", with: "fr: {}")
        expectAt(yaml, .missingField, "{}", containing: "\"languages.fr\" names neither stt nor tts")
    }

    @Test func unknownProviderInLanguageRouteIsLocated() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "fr: {tts: [espeak]}", with: "fr: {tts: [espeek]}")
        expectAt(yaml, .unknownProvider, "espeek", containing: "did you mean \"espeak\"")
    }

    @Test func shadowIsOneEntryNotAList() {
        let yaml = Self.routedAgent.replacingOccurrences(of: "  llm: scripted\n", with: "  llm: [scripted]\n")
        expectAt(yaml, .wrongType, "[scripted]", containing: "\"shadow.llm\" must be one provider entry")
    }

    @Test func shadowCredentialsComeFromTheEnvironment() {
        var environment = Self.environment
        environment["ASSEMBLYAI_API_KEY"] = nil
        let result = Fixtures.agent(Self.routedAgent, environment: environment)
        let at = locate("\"${ASSEMBLYAI_API_KEY}\"", in: Self.routedAgent)
        expectProblem(result.problems, .environmentVariable, line: at.line, column: at.column, containing: "ASSEMBLYAI_API_KEY")
    }

    @Test func unknownRoutingKeySuggestsTheNearest() {
        let yaml = Fixtures.minimalAgent + "shadows:\n  tts: espeak\n"
        expectAt(yaml, .unknownKey, "shadows", containing: "did you mean \"shadow\"?")
    }

    @Test func priceParsingIsExact() {
        #expect(PriceParsing.microdollars("2.5", maximumDecimals: 6) == .success(2_500_000))
        #expect(PriceParsing.microdollars("0.000001", maximumDecimals: 6) == .success(1))
        #expect(PriceParsing.microdollars("1_000.10", maximumDecimals: 6) == .success(1_000_100_000))
        #expect(PriceParsing.microdollars("3.1000000", maximumDecimals: 6) == .success(3_100_000))
        #expect(PriceParsing.microdollars(".5", maximumDecimals: 6) == .success(500_000))
        #expect(PriceParsing.microdollars("1.", maximumDecimals: 6) == .success(1_000_000))
        #expect(PriceParsing.microdollars(".", maximumDecimals: 6) == .failure(.notPlainDecimal))
        #expect(PriceParsing.microdollars("1e3", maximumDecimals: 6) == .failure(.notPlainDecimal))
    }
}
