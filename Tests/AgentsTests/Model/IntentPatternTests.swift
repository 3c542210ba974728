import Testing
@testable import Agents

@Suite struct IntentPatternTests {
    private func pattern(_ text: String) throws -> IntentPattern { try IntentPattern(parsing: text) }

    @Test func literalPatternMatchesAnywhereIgnoringCaseAndPunctuation() throws {
        let hours = try pattern("opening hours")
        #expect(hours.match(Utterance("Um, what are your OPENING hours?"))?.literalWordCount == 2)
        #expect(hours.match(Utterance("are you open")) == nil)
        #expect(try pattern("that's all").match(Utterance("That’s all, thanks")) != nil, "typographic apostrophe")
    }

    @Test func trailingCaptureKeepsTheCallersSpelling() throws {
        let match = try pattern("my name is {name}").match(Utterance("Hi, my name is Ada Lovelace."))
        #expect(match?.captures == ["name": "Ada Lovelace"])
        #expect(match?.literalWordCount == 3)
    }

    @Test func middleCaptureTakesAsFewWordsAsPossible() throws {
        let match = try pattern("from {from} to {to}").match(Utterance("a ticket from New York to Boston please"))
        #expect(match?.captures == ["from": "New York", "to": "Boston please"])
    }

    @Test func leadingCapturePrefersTheShortestSpan() throws {
        let match = try pattern("{name} here").match(Utterance("hello it is Bob here"))
        #expect(match?.captures == ["name": "Bob"])
    }

    @Test func bareCaptureTakesTheWholeUtterance() throws {
        let match = try pattern("{name}").match(Utterance("Grace Hopper"))
        #expect(match?.captures == ["name": "Grace Hopper"])
        #expect(match?.capturedWordCount == 2)
    }

    @Test func bareCaptureOfALongUtteranceTakesItsFirstWordsUpToTheBound() throws {
        let match = try pattern("{what}").match(Utterance("one two three four five six seven eight"))
        #expect(match?.captures == ["what": "one two three four five six"])
    }

    @Test func trailingCaptureTakesTheRestFromTheEarliestOccurrence() throws {
        let match = try pattern("it's {name}").match(Utterance("well it's Grace Brewster Hopper, it's me"))
        #expect(match?.captures == ["name": "Grace Brewster Hopper it's me"])
        let named = try pattern("name is {name}").match(Utterance("my name is Grace Hopper"))
        #expect(named?.captures == ["name": "Grace Hopper"])
    }

    @Test func leadingAndTrailingCapturesAroundALiteral() throws {
        let match = try pattern("{who} calling about {what}").match(Utterance("hi this is Ada calling about my teeth"))
        #expect(match?.captures == ["who": "Ada", "what": "my teeth"])
    }

    @Test func captureIsBoundedInLength() throws {
        let words = (1...20).map { "w\($0)" }.joined(separator: " ")
        let match = try pattern("say {what}").match(Utterance("say " + words))
        #expect(match?.captures["what"]?.split(separator: " ").count == IntentPattern.maxCaptureWords)
    }

    @Test func captureNeedsAtLeastOneWord() throws {
        #expect(try pattern("my name is {name}").match(Utterance("my name is")) == nil)
    }

    @Test func syntaxErrorsCarryOffsets() {
        #expect(throws: IntentPattern.SyntaxError(message: "\"{\" is not closed", offset: 8)) {
            try IntentPattern(parsing: "call me {name")
        }
        #expect(throws: IntentPattern.SyntaxError.self) { try IntentPattern(parsing: "name}") }
        #expect(throws: IntentPattern.SyntaxError.self) { try IntentPattern(parsing: "hi{name}") }
        #expect(throws: IntentPattern.SyntaxError.self) { try IntentPattern(parsing: "{1st}") }
        #expect(throws: IntentPattern.SyntaxError.self) { try IntentPattern(parsing: "   ") }
    }
}
