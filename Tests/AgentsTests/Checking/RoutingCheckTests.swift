import Testing
@testable import Agents

/// `switchboard check` on agents using pricing, tiers, languages and shadows.
@Suite struct RoutingCheckTests {
    private func check(_ files: [String: String], environment: [String: String]) -> CheckReport {
        ConfigChecker(fileSystem: InMemoryConfigFileSystem(files: files), environment: environment).check(["agents"])
    }

    @Test func routedAgentPassesTheCheck() {
        let report = check(["agents/concierge.yaml": AgentRoutingTests.routedAgent], environment: AgentRoutingTests.environment)
        #expect(report.problems.filter(\.isError).isEmpty, "\(report.problems)")
        #expect(report.files == ["agents/concierge.yaml"])
    }

    @Test func checkPrintsRoutingErrorsWithFileLineAndColumn() {
        let yaml = AgentRoutingTests.routedAgent
            .replacingOccurrences(of: "0.0043", with: "0.00000043")
            .replacingOccurrences(of: "fr: {tts: [espeak]}", with: "fr: {tts: [espeek]}")
        let report = check(["agents/concierge.yaml": yaml], environment: AgentRoutingTests.environment)
        let lines = report.problems.filter(\.isError).map(\.description)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix("agents/concierge.yaml:15:") == true)
        #expect(lines.last?.hasPrefix("agents/concierge.yaml:17:") == true)
        #expect(!report.passed)
    }
}
