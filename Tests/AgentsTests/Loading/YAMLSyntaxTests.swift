import Testing
@testable import Agents

@Suite struct YAMLSyntaxTests {
    @Test func syntaxErrorCarriesYamsLineAndColumn() {
        let result = Fixtures.agent("name: x\nstt: [pocketsphinx\nllm: [scripted]\n")
        #expect(result.value == nil)
        #expect(result.problems.count == 1)
        let problem = result.problems.first
        #expect(problem?.code == .yamlSyntax)
        #expect(problem?.location.line == 3 && problem?.location.column == 4, "\(result.problems)")
        #expect(problem?.message.hasPrefix("YAML syntax: ") == true)
    }

    @Test func badIndentationIsASyntaxError() {
        let result = Fixtures.agent("name: x\n  stt: [a]\n")
        expectProblem(result.problems, .yamlSyntax, line: 2, column: 6, containing: "mapping values are not allowed")
    }

    @Test func duplicateKeyPointsAtTheSecondOccurrence() {
        let yaml = Fixtures.minimalAgent + "tts: [espeak]\n"
        expectProblem(Fixtures.agent(yaml).problems, .yamlSyntax, line: 10, column: 1,
                      containing: "duplicate key \"tts\" (first written at line 4)")
    }

    @Test func duplicateKeyInANestedMappingIsFoundToo() {
        let yaml = Fixtures.minimalAgent + "      reply: Again.\n"
        expectProblem(Fixtures.agent(yaml).problems, .yamlSyntax, line: 10, column: 7, containing: "first written at line 9")
    }

    @Test func emptyFileIsReportedForTheWholeFile() {
        let problems = Fixtures.agent("# only a comment\n").problems
        #expect(problems.map(\.description) == ["agent.yaml: error: file is empty"])
    }

    @Test func controlCharacterIsAReaderError() {
        let problems = Fixtures.agent("name: a\u{01}b\n").problems
        expectProblem(problems, .yamlSyntax, line: 1, column: 8)
    }

    @Test func multipleDocumentsAreRejected() {
        let problems = Fixtures.agent(Fixtures.minimalAgent + "---\nname: second\n").problems
        #expect(problems.count == 1 && problems.first?.code == .yamlSyntax, "\(problems)")
        #expect(problems.first?.location.line == 10)
    }

    @Test func oversizedFileIsRefusedBeforeParsing() {
        let yaml = "name: x\n" + String(repeating: "#", count: ConfigFileLimits.maxFileBytes)
        expectProblem(Fixtures.agent(yaml).problems, .unreadableFile, line: 0, column: 0, containing: "limit")
    }

    @Test func aliasBombIsBoundedInFreeFormSettings() {
        var yaml = "stt: [pocketsphinx]\nllm: [scripted]\nscripted: { intents: [{ name: a, patterns: [a], reply: b }] }\n"
        yaml += "x0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for level in 1...8 { yaml += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "tts:\n  - kind: espeak\n    settings: { huge: *a8 }\n"
        let problems = Fixtures.agent(yaml).problems
        #expect(problems.contains { $0.message.contains("too large or too deeply nested") }, "\(problems)")
    }
}
