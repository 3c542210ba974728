import Testing
@testable import Agents

@Suite struct SecretTests {
    @Test func secretNeverPrintsItsValue() {
        let secret = Secret("sk-live-very-secret", source: "OPENAI_API_KEY")
        #expect("\(secret)" == "***")
        #expect(String(describing: secret) == "***")
        #expect(String(reflecting: secret) == "***")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("very-secret"), "dump printed \(dumped)")
        #expect(secret.reveal() == "sk-live-very-secret")
        #expect(secret.source == "OPENAI_API_KEY")
    }

    @Test func secretsInsideConfigsDoNotLeakThroughTheirDescriptions() throws {
        let yaml = Fixtures.minimalAgent.replacingOccurrences(of: "tts: [espeak]",
                                                              with: "tts:\n  - kind: cartesia\n    api_key: ${KEY}")
        let agent = try #require(Fixtures.agent(yaml, environment: ["KEY": "cartesia-secret-42"]).value)
        #expect(!"\(agent)".contains("cartesia-secret-42"))
        #expect(!String(reflecting: agent).contains("cartesia-secret-42"))
        var dumped = ""
        dump(agent, to: &dumped)
        #expect(!dumped.contains("cartesia-secret-42"))
        #expect(agent.tts.first?.apiKey?.reveal() == "cartesia-secret-42")
    }
}
