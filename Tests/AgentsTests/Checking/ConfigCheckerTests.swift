import Testing
@testable import Agents

@Suite struct ConfigCheckerTests {
    private let server = """
        listeners: { http: "127.0.0.1:8080" }
        agents_folder: agents
        routes:
          - { path: /pcm, protocol: pcm, agent: support }
        default_agent: sales

        """

    private func agent(_ name: String, handoff: String? = nil) -> String {
        Fixtures.minimalAgent.replacingOccurrences(of: "name: test", with: "name: \(name)")
            + (handoff.map { "      handoff: \($0)\n" } ?? "")
    }

    private func check(_ files: [String: String], _ paths: [String], environment: [String: String] = [:]) -> CheckReport {
        ConfigChecker(fileSystem: InMemoryConfigFileSystem(files: files), environment: environment).check(paths)
    }

    @Test func serverConfigBringsItsAgentsFolderAndChecksRoutes() {
        let report = check(["cfg/switchboard.yaml": server, "cfg/agents/support.yaml": agent("support"),
                            "cfg/agents/notes.txt": "not yaml"], ["cfg/switchboard.yaml"])
        #expect(report.files == ["cfg/switchboard.yaml", "cfg/agents/support.yaml"])
        expectProblem(report.problems, .unknownAgent, line: 5, column: 16,
                      containing: "default_agent names agent \"sales\", which is not in the agents folder (agents: support)")
        #expect(report.summary == "checked 2 files: 1 error, 0 warnings")
        #expect(!report.passed)
    }

    @Test func folderStandsForItsYAMLFiles() {
        let files = ["cfg/switchboard.yaml": server, "cfg/agents/support.yaml": agent("support"),
                     "cfg/agents/sales.yml": agent("sales"), "cfg/README.md": "# hi"]
        let report = check(files, ["cfg"])
        #expect(report.files == ["cfg/switchboard.yaml", "cfg/agents/sales.yml", "cfg/agents/support.yaml"])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.summary == "checked 3 files: no problems")
        #expect(report.lines == ["checked 3 files: no problems"])
    }

    @Test func agentsAreReportedOnceWhenNamedTwice() {
        let files = ["cfg/switchboard.yaml": server, "cfg/agents/support.yaml": agent("support") + "bogus: 1\n",
                     "cfg/agents/sales.yaml": agent("sales")]
        let report = check(files, ["cfg", "cfg/agents", "cfg/agents/support.yaml"])
        #expect(report.problems.filter { $0.code == .unknownKey }.count == 1, "\(report.problems)")
        #expect(report.files.count == 3)
    }

    @Test func handoffToUnknownAgentIsReportedAcrossTheFolder() {
        let files = ["agents/a.yaml": agent("a", handoff: "b"), "agents/b.yaml": agent("b", handoff: "c")]
        let report = check(files, ["agents/a.yaml", "agents/b.yaml"])
        expectProblem(report.problems, .unknownAgent, line: 10, column: 16,
                      containing: "hand-off names agent \"c\", which is not in the agents folder (agents: a, b)")
        #expect(report.problems.first?.location.file == "agents/b.yaml")
    }

    @Test func siblingProblemsAreNotReportedForASingleFile() {
        let files = ["agents/a.yaml": agent("a", handoff: "b"), "agents/b.yaml": agent("b", handoff: "zzz") + "bogus: 1\n"]
        let report = check(files, ["agents/a.yaml"])
        #expect(report.problems.isEmpty, "b is only consulted for its name: \(report.problems)")
    }

    @Test func duplicateAgentNamesInOneFolderAreErrors() {
        let files = ["agents/one.yaml": agent("same"), "agents/two.yaml": agent("same")]
        let report = check(files, ["agents"])
        expectProblem(report.problems, .duplicateAgent, line: 1, column: 7, containing: "also defined in agents/one.yaml")
        #expect(report.problems.first?.location.file == "agents/two.yaml")
    }

    @Test func missingPathsFoldersAndFilesAreReported() {
        let files = ["cfg/switchboard.yaml": "agents_folder: nowhere\ntls: { certificate: c.pem, private_key: k.pem }\n"
                        + "default_agent: x\n", "cfg/c.pem": "pem"]
        let report = check(files, ["cfg/switchboard.yaml", "missing.yaml"])
        #expect(report.problems.map(\.description) == [
            "cfg/switchboard.yaml:1:16: error: agents folder \"cfg/nowhere\" does not exist",
            "cfg/switchboard.yaml:2:41: error: file \"cfg/k.pem\" does not exist",
            "missing.yaml: error: no such file or directory",
        ])
    }

    @Test func brokenAgentInTheFolderIsReported() {
        let files = ["cfg/switchboard.yaml": server, "cfg/agents/support.yaml": agent("support"),
                     "cfg/agents/sales.yaml": "name: [sales\n"]
        let report = check(files, ["cfg/switchboard.yaml"])
        #expect(report.problems.contains { $0.location.file == "cfg/agents/sales.yaml" && $0.code == .yamlSyntax })
        #expect(report.problems.contains { $0.code == .unknownAgent && $0.message.contains("\"sales\"") },
                "a broken file defines no agent")
    }

    @Test func environmentIsInjected() {
        let yaml = agent("a").replacingOccurrences(of: "tts: [espeak]", with: "tts:\n  - kind: cartesia\n    api_key: ${K}")
        #expect(!check(["a.yaml": yaml], ["a.yaml"]).passed)
        #expect(check(["a.yaml": yaml], ["a.yaml"], environment: ["K": "v"]).passed)
    }

    @Test func deploymentLoadsServerAndAgents() throws {
        let files = ["cfg/switchboard.yaml": server.replacingOccurrences(of: "sales", with: "support"),
                     "cfg/agents/support.yaml": agent("support")]
        let result = DeploymentLoader.load(serverConfigAt: "cfg/switchboard.yaml",
                                           fileSystem: InMemoryConfigFileSystem(files: files), environment: [:])
        let deployment = try #require(result.value, "\(result.problems)")
        #expect(deployment.agents.keys.sorted() == ["support"])
        #expect(deployment.agent(path: "/pcm", calledNumber: nil, streamParameters: [:])?.name == "support")
    }

    @Test func deploymentRefusesAnAgentFileAsServerConfig() {
        let result = DeploymentLoader.load(serverConfigAt: "a.yaml", fileSystem: InMemoryConfigFileSystem(files: ["a.yaml": agent("a")]),
                                           environment: [:])
        #expect(result.value == nil)
        #expect(result.errors.first?.message.contains("this is an agent file") == true)
    }
}
