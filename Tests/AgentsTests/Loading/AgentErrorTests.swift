import Testing
@testable import Agents

/// One test per class of problem, each asserting the exact line and column reported.
@Suite struct AgentErrorTests {
    @Test func unknownKeyPointsAtTheKeyAndSuggestsTheNearestOne() {
        let yaml = Fixtures.minimalAgent + "gretting: Hello\n"
        let problem = expectProblem(Fixtures.agent(yaml).problems, .unknownKey, line: 10, column: 1)
        #expect(problem?.message == "unknown key \"gretting\"; did you mean \"greeting\"?")
        #expect(problem?.description == "agent.yaml:10:1: error: unknown key \"gretting\"; did you mean \"greeting\"?")
    }

    @Test func unknownNestedKeyNamesItsSection() {
        let yaml = Fixtures.minimalAgent + "turn_taking:\n  endpointing_silense_ms: 500\n"
        expectProblem(Fixtures.agent(yaml).problems, .unknownKey, line: 11, column: 3,
                      containing: "in \"turn_taking\"; did you mean \"endpointing_silence_ms\"?")
    }

    @Test func wrongTypeIsReportedAtTheValue() {
        let yaml = Fixtures.minimalAgent + "turn_taking:\n  no_input_timeout_ms: [1, 2]\n"
        expectProblem(Fixtures.agent(yaml).problems, .wrongType, line: 11, column: 24,
                      containing: "must be a whole number of ms, found a list")
    }

    @Test func quotedNumberIsTextNotANumber() {
        let yaml = Fixtures.minimalAgent + "turn_taking:\n  max_call_seconds: \"60\"\n"
        expectProblem(Fixtures.agent(yaml).problems, .wrongType, line: 11, column: 21, containing: "found the text \"60\"")
    }

    @Test func outOfRangeNumberStatesTheBounds() {
        let yaml = Fixtures.minimalAgent + "turn_taking:\n  no_input_reprompts: 11\n"
        expectProblem(Fixtures.agent(yaml).problems, .outOfRange, line: 11, column: 23,
                      containing: "is 11, but must be between 0 and 10")
    }

    @Test func contradictoryEndpointingBoundsAreOutOfRange() {
        let yaml = Fixtures.minimalAgent + "turn_taking:\n  endpointing_silence_ms: 800\n  max_endpointing_ms: 500\n"
        expectProblem(Fixtures.agent(yaml).problems, .outOfRange, line: 12, column: 23, containing: "must be at least")
    }

    @Test func ttsHedgeNotBelowTheFirstAudioBudgetIsOutOfRange() {
        let yaml = Fixtures.minimalAgent + "latency_budgets:\n  tts_first_audio_ms: 800\n  tts_hedge_after_ms: 800\n"
        expectProblem(Fixtures.agent(yaml).problems, .outOfRange, line: 12, column: 23,
                      containing: "\"latency_budgets.tts_hedge_after_ms\" (800) must be below tts_first_audio_ms (800)")
    }

    @Test func missingProviderListIsReportedAtTheTopMapping() {
        let yaml = Fixtures.minimalAgent.replacingOccurrences(of: "tts: [espeak]\n", with: "")
        expectProblem(Fixtures.agent(yaml).problems, .missingField, line: 1, column: 1, containing: "missing required key \"tts\"")
    }

    @Test func emptyProviderListIsItsOwnError() {
        let yaml = Fixtures.minimalAgent.replacingOccurrences(of: "stt: [pocketsphinx]", with: "stt: []")
        expectProblem(Fixtures.agent(yaml).problems, .emptyProviderList, line: 2, column: 6)
    }

    @Test func unknownProviderKindSuggestsAndNamesTheRightLayer() {
        let misspelt = Fixtures.minimalAgent.replacingOccurrences(of: "tts: [espeak]", with: "tts: [espeek]")
        expectProblem(Fixtures.agent(misspelt).problems, .unknownProvider, line: 4, column: 7,
                      containing: "unknown tts provider \"espeek\"; did you mean \"espeak\"?")
        let wrongLayer = Fixtures.minimalAgent.replacingOccurrences(of: "tts: [espeak]", with: "tts: [pocketsphinx]")
        expectProblem(Fixtures.agent(wrongLayer).problems, .unknownProvider, line: 4, column: 7,
                      containing: "\"pocketsphinx\" belongs in \"stt\"")
    }

    @Test func cloudProviderWithoutKeyIsMissingField() {
        let yaml = Fixtures.minimalAgent.replacingOccurrences(of: "tts: [espeak]", with: "tts:\n  - kind: cartesia")
        expectProblem(Fixtures.agent(yaml).problems, .missingField, line: 5, column: 5,
                      containing: "missing required key \"api_key\" in \"tts[0]\"")
    }

    @Test func unsetEnvironmentVariableIsAnErrorAtTheValue() {
        let yaml = Fixtures.minimalAgent.replacingOccurrences(of: "tts: [espeak]",
                                                              with: "tts:\n  - kind: cartesia\n    api_key: ${CARTESIA_KEY}")
        let result = Fixtures.agent(yaml)
        expectProblem(result.problems, .environmentVariable, line: 6, column: 14,
                      containing: "environment variable CARTESIA_KEY is not set")
        #expect(result.value == nil)
        let set = Fixtures.agent(yaml, environment: ["CARTESIA_KEY": "k"])
        #expect(set.value?.tts.first?.apiKey?.reveal() == "k")
        let empty = Fixtures.agent(yaml, environment: ["CARTESIA_KEY": ""])
        expectProblem(empty.problems, .environmentVariable, line: 6, column: 14, containing: "is set but empty")
    }

    @Test func literalApiKeyWorksButWarns() {
        let yaml = Fixtures.minimalAgent.replacingOccurrences(of: "tts: [espeak]",
                                                              with: "tts:\n  - kind: cartesia\n    api_key: sk-live-123")
        let result = Fixtures.agent(yaml)
        expectProblem(result.problems, .literalSecret, line: 6, column: 14, severity: .warning)
        #expect(result.value?.tts.first?.apiKey?.reveal() == "sk-live-123")
    }

    @Test func duplicateIntentNamePointsAtTheSecond() {
        let yaml = Fixtures.minimalAgent + "    - name: hi\n      patterns: [hey]\n      reply: Hey.\n"
        expectProblem(Fixtures.agent(yaml).problems, .duplicateName, line: 10, column: 13,
                      containing: "intent \"hi\" is declared twice (first at line 7)")
    }

    @Test func malformedPatternPointsAtTheOffendingCharacter() {
        let unclosed = Fixtures.minimalAgent.replacingOccurrences(of: "patterns: [hello]", with: "patterns: [\"call me {name\"]")
        expectProblem(Fixtures.agent(unclosed).problems, .malformedPattern, line: 8, column: 27, containing: "is not closed")
        let adjacent = Fixtures.minimalAgent.replacingOccurrences(of: "patterns: [hello]", with: "patterns: [\"{first} {last}\"]")
        expectProblem(Fixtures.agent(adjacent).problems, .malformedPattern, line: 8, column: 27, containing: "next to each other")
        let empty = Fixtures.minimalAgent.replacingOccurrences(of: "patterns: [hello]", with: "patterns: [\"hi {}\"]")
        expectProblem(Fixtures.agent(empty).problems, .malformedPattern, line: 8, column: 22, containing: "empty capture")
        let twice = Fixtures.minimalAgent.replacingOccurrences(of: "patterns: [hello]", with: "patterns: [\"{a} and {a}\"]")
        expectProblem(Fixtures.agent(twice).problems, .malformedPattern, line: 8, column: 27, containing: "appears twice")
        let punctuation = Fixtures.minimalAgent.replacingOccurrences(of: "patterns: [hello]", with: "patterns: [\"?!\"]")
        expectProblem(Fixtures.agent(punctuation).problems, .malformedPattern, line: 8, column: 19, containing: "no words")
    }

    @Test func scriptedModelWithoutIntentsIsMissingField() {
        let yaml = "stt: [pocketsphinx]\nllm: [scripted]\ntts: [espeak]\n"
        expectProblem(Fixtures.agent(yaml).problems, .missingField, line: 2, column: 6, containing: "needs a \"scripted\" section")
    }

    @Test func unusedAndUndeclaredVariablesWarn() {
        let yaml = Fixtures.minimalAgent + "greeting: Welcome to {shop}, {callr_number}.\nvariables:\n  shop: Acme\n  colour: red\n"
        let result = Fixtures.agent(yaml)
        #expect(result.value != nil, "warnings alone keep the agent usable")
        expectProblem(result.problems, .unusedVariable, line: 13, column: 3, severity: .warning, containing: "\"colour\"")
        expectProblem(result.problems, .undeclaredVariable, line: 10, column: 11, severity: .warning,
                      containing: "did you mean \"caller_number\"?")
    }

    @Test func capturedVariablesCountAsDeclared() {
        let yaml = Fixtures.minimalAgent + "    - name: named\n      patterns: [\"i am {who}\"]\n      reply: Hi {who}.\n"
        #expect(Fixtures.agent(yaml).problems.isEmpty)
    }

    @Test func unreachableStateWarnsWithSuggestion() {
        let yaml = Fixtures.minimalAgent + """
                - name: ask
                  patterns: [order]
                  reply: What size?
                  next_state: sizing
                - name: size
                  state: sizin
                  patterns: [large]
                  reply: Large it is.

            """
        let problems = Fixtures.agent(yaml).problems
        let unreachable = problems.filter { $0.message.contains("never entered") }
        #expect(unreachable.count == 1)
        #expect(unreachable.first?.location.line == 15 && unreachable.first?.location.column == 14)
        #expect(unreachable.first?.message.contains("did you mean \"sizing\"?") == true)
    }

    @Test func invalidToolIsReportedFieldByField() {
        let yaml = Fixtures.minimalAgent + """
            tools:
              - name: look up
                description: Finds things.
                webhook: ftp://example.com
                parameters:
                  type: object
                  properties:
                    q: { type: text }
                  required: [q, z]

            """
        let problems = Fixtures.agent(yaml).problems
        #expect(problems.filter { $0.code == .invalidValue }.map { [$0.location.line, $0.location.column] }
                == [[11, 11], [13, 14], [17, 20], [18, 21]], "\(problems)")
    }

    @Test func nonMappingRootIsAWrongType() {
        expectProblem(Fixtures.agent("- just\n- a list\n").problems, .wrongType, line: 1, column: 1,
                      containing: "must be a mapping")
    }

    @Test func handoffTogetherWithEndCallIsRejected() {
        let yaml = Fixtures.minimalAgent + "      handoff: sales\n      end_call: true\n"
        expectProblem(Fixtures.agent(yaml).problems, .invalidValue, line: 7, column: 7, containing: "only one way")
    }
}
