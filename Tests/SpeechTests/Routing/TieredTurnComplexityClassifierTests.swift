import Speech
import Testing

@Suite struct TieredTurnComplexityClassifierTests {
    let classifier = TurnComplexityClassifier()

    @Test func shortConfirmationGoesToFastModel() {
        #expect(classifier.classify("Yes, that's right.") == TurnClassification(tier: .fast, reason: .simple(words: 3)))
    }

    @Test func questionWordSendsTurnToStrongModelEvenInContraction() {
        #expect(classifier.classify("What's the address?").reason == .questionWord("what's"))
        #expect(classifier.classify("why").tier == .strong)
    }

    @Test func strongKeywordMatchesInflectedWords() {
        let decision = classifier.classify("I cancelled it")
        #expect(decision == TurnClassification(tier: .strong, reason: .strongKeyword("cancel")))
    }

    @Test func longTurnGoesToStrongModel() {
        let text = "yes yes yes yes yes yes yes yes yes"
        #expect(classifier.classify(text) == TurnClassification(tier: .strong, reason: .tooManyWords(9)))
        #expect(classifier.classify("yes yes yes yes yes yes yes yes").tier == .fast)
    }

    @Test func multiWordKeywordMustAppearAsConsecutiveWords() {
        let rules = TurnComplexityRules(maxWords: 20, questionWords: [], strongKeywords: ["talk to someone"])
        let custom = TurnComplexityClassifier(rules: rules)
        #expect(custom.classify("can I talk to someone").reason == .strongKeyword("talk to someone"))
        #expect(custom.classify("someone to talk to").tier == .fast)
    }

    @Test func configuredListsReplaceDefaults() {
        let custom = TurnComplexityClassifier(rules: TurnComplexityRules(maxWords: 3, questionWords: ["pourquoi"],
                                                                         strongKeywords: []))
        #expect(custom.classify("why").tier == .fast)
        #expect(custom.classify("Pourquoi?").reason == .questionWord("pourquoi"))
        #expect(custom.classify("please cancel it now").reason == .tooManyWords(4))
    }

    @Test func conversationNotEndingWithCallerGoesToStrongModel() {
        #expect(classifier.classify([.user("yes"), .tool(callID: "1", content: "{}")]).reason == .noCallerMessage)
        #expect(classifier.classify([]).tier == .strong)
        #expect(classifier.classify([.system("be brief"), .user("no thanks")]).tier == .fast)
    }

    @Test func questionWordInsideAnotherWordDoesNotCount() {
        #expect(classifier.classify("somehow whatever").tier == .fast)
    }
}
