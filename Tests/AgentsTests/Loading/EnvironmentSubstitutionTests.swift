import Testing
@testable import Agents

@Suite struct EnvironmentSubstitutionTests {
    private func expand(_ text: String, _ environment: [String: String] = [:]) -> Result<String, EnvironmentSubstitution.Failures> {
        EnvironmentSubstitution.expand(text, environment: environment)
    }

    @Test func referencesAreReplacedFromTheInjectedEnvironment() {
        #expect(expand("Bearer ${TOKEN}", ["TOKEN": "abc"]) == .success("Bearer abc"))
        #expect(expand("${A}-${B}", ["A": "1", "B": "2"]) == .success("1-2"))
        #expect(expand("no references") == .success("no references"))
    }

    @Test func fallbackAppliesWhenUnsetOrEmpty() {
        #expect(expand("${MODEL:-nova-2}") == .success("nova-2"))
        #expect(expand("${MODEL:-nova-2}", ["MODEL": ""]) == .success("nova-2"))
        #expect(expand("${MODEL:-nova-2}", ["MODEL": "nova-3"]) == .success("nova-3"))
    }

    @Test func doubleDollarIsALiteralDollar() {
        #expect(expand("pa$$word ${X}", ["X": "y"]) == .success("pa$word y"))
        #expect(expand("cost: $5") == .success("cost: $5"))
        #expect(EnvironmentSubstitution.containsReference("$${NOT}") == false)
    }

    @Test func everyUnsetVariableIsReported() {
        guard case .failure(let failures) = expand("${A} ${B} ${C}", ["B": "b"]) else {
            Issue.record("expected failures")
            return
        }
        #expect(failures.all.map(\.message) == ["environment variable A is not set", "environment variable C is not set"])
    }

    @Test func malformedReferencesAreRejected() {
        guard case .failure(let unclosed) = expand("${TOKEN") else { Issue.record("unclosed accepted"); return }
        #expect(unclosed.all.first?.message.contains("not closed") == true)
        guard case .failure(let invalid) = expand("${1BAD}") else { Issue.record("bad name accepted"); return }
        #expect(invalid.all.first?.message.contains("not a valid reference") == true)
    }

    @Test func providerSettingsAreSubstitutedButSpokenTextIsNot() throws {
        let yaml = Fixtures.minimalAgent.replacingOccurrences(of: "tts: [espeak]",
            with: "tts:\n  - kind: espeak\n    settings: { voice: \"${VOICE}\" }") + "greeting: Costs ${PRICE}\n"
        let agent = try #require(Fixtures.agent(yaml, environment: ["VOICE": "en-gb", "PRICE": "5"]).value)
        #expect(agent.tts.first?.string("voice") == "en-gb")
        #expect(agent.greeting?.source == "Costs ${PRICE}")
    }
}
