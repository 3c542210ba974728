import Speech
import Testing

@Suite struct ShadowWordErrorRateTests {
    @Test func countsSubstitutionsDeletionsAndInsertions() {
        let rate = WordErrorRate.between(reference: "book a table for two", hypothesis: "look table for two please")
        #expect(rate == WordErrorRate(substitutions: 1, deletions: 1, insertions: 1, referenceWords: 5))
        #expect(rate.rate == 0.6)
    }

    @Test func ignoresCaseAndPunctuation() {
        #expect(WordErrorRate.between(reference: "Yes, please!", hypothesis: "yes please").errors == 0)
    }

    @Test func emptySidesAreDefined() {
        #expect(WordErrorRate.between(reference: "", hypothesis: "").rate == nil)
        #expect(WordErrorRate.between(reference: "", hypothesis: "hi there").insertions == 2)
        #expect(WordErrorRate.between(reference: "hi there", hypothesis: "").rate == 1)
    }
}
