import Testing
@testable import Agents

@Suite struct TextTemplateTests {
    @Test func placeholdersAreRenderedAndUnsetOnesAreEmpty() {
        let template = TextTemplate("Thanks {name}, see you {when}.")
        #expect(template.variableNames == ["name", "when"])
        #expect(template.render(["name": "Ada", "when": "Monday"]) == "Thanks Ada, see you Monday.")
        #expect(template.render(["name": "Ada"]) == "Thanks Ada, see you .")
    }

    @Test func bracesThatAreNotPlaceholdersStayLiteral() {
        let template = TextTemplate(#"Reply as JSON: {"ok": true} or { } or {1x} {name"#)
        #expect(template.variableNames.isEmpty)
        #expect(template.render([:]) == #"Reply as JSON: {"ok": true} or { } or {1x} {name"#)
    }

    @Test func repeatedPlaceholderIsListedOnce() {
        #expect(TextTemplate("{a}{a} {b}").variableNames == ["a", "b"])
        #expect(TextTemplate("{a}{a}").render(["a": "x"]) == "xx")
    }
}
