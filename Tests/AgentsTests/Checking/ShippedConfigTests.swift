import Foundation
import Testing
@testable import Agents

@Suite struct ShippedConfigTests {
    @Test func embeddedDefaultsEqualTheFilesInConfig() throws {
        #expect(EmbeddedDefaults.serverConfigYAML == (try Fixtures.packageFile("Config/switchboard.yaml")),
                "run Scripts/embed-defaults.sh")
        #expect(EmbeddedDefaults.receptionistAgentYAML == (try Fixtures.packageFile("Config/agents/receptionist.yaml")),
                "run Scripts/embed-defaults.sh")
    }

    @Test func shippedConfigFolderChecksClean() throws {
        let files = [
            "Config/switchboard.yaml": try Fixtures.packageFile("Config/switchboard.yaml"),
            "Config/agents/receptionist.yaml": try Fixtures.packageFile("Config/agents/receptionist.yaml"),
        ]
        let report = ConfigChecker(fileSystem: InMemoryConfigFileSystem(files: files), environment: [:]).check(["Config"])
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.files == ["Config/switchboard.yaml", "Config/agents/receptionist.yaml"])
    }

    @Test func embeddedDefaultsLoadAsARunnableOfflineDeployment() throws {
        let result = DeploymentLoader.load(serverConfigAt: EmbeddedDefaults.serverConfigPath,
                                           fileSystem: EmbeddedDefaults.fileSystem, environment: [:])
        #expect(result.problems.isEmpty, "\(result.problems)")
        let deployment = try #require(result.value)
        #expect(deployment.server.listeners.http == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(deployment.server.webSocketEndpoints.map(\.path) == ["/twilio", "/pcm"])
        let agent = try #require(deployment.agent(path: "/twilio", calledNumber: nil, streamParameters: [:]))
        #expect(agent.name == "receptionist")
        #expect(agent.stt.map(\.kind) == [.pocketsphinx] && agent.llm.map(\.kind) == [.scripted] && agent.tts.map(\.kind) == [.espeak])
        #expect(agent.scripted?.intents.map(\.name) == ["greeting", "opening_hours", "booking", "booking_name", "human", "goodbye"])
        #expect(agent.greeting?.render(agent.initialVariables).hasPrefix("Hello, thanks for calling Acme Dental.") == true)
        #expect(deployment.agent(path: "/pcm", calledNumber: nil, streamParameters: [:])?.name == "receptionist")
    }
}
