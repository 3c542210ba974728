import Agents
import Foundation
import Net
import Orchestrator
import Speech
import SwitchboardTesting
import Telephony

/// Gives every call fresh fakes: STT that never transcribes, an LLM the test never answers, and TTS that
/// answers at once with audio proportional to the text (`perCharacter`).
struct FakeProvidersFactory: CallProvidersFactory {
    let perCharacter: Duration

    func providers(for agent: AgentConfig) throws -> CallProviders {
        CallProviders(speechToText: FakeSpeechToText(), languageModel: FakeLanguageModel(),
                      textToSpeech: FakeTextToSpeech(behavior: .immediate(perCharacter: perCharacter)))
    }
}

/// Keeps every delivered call record.
final class RecordingSink: CallRecordSink {
    let records = ObservationLog<CallRecord>()
    func callEnded(_ record: CallRecord) { records.append(record) }
}

enum TelephonyFixture {
    static let greeting = "Hello caller, thanks for calling the test line."

    static var deployment: Deployment {
        let agent = AgentConfig(name: "tester", greeting: TextTemplate(greeting), stt: [STTProviderConfig(kind: .deepgram)],
                                llm: [LLMProviderConfig(kind: .openai)], tts: [TTSProviderConfig(kind: .cartesia)])
        let server = ServerConfig(routes: [Route(match: .webSocketPath("/twilio", protocol: .twilio), agent: "tester"),
                                           Route(match: .webSocketPath("/pcm", protocol: .pcm), agent: "tester")])
        return Deployment(serverConfigPath: "test.yaml", server: server, agents: ["tester": agent])
    }

    /// Starts a server with the media endpoints, runs `body` with its port, then stops it.
    static func withServer<T: Sendable>(records: RecordingSink, deployment: Deployment = deployment,
                                        _ body: (Int) async throws -> T) async throws -> T {
        let group = try EventLoopGroup(loopCount: 1, name: "t-tel")
        var configuration = HTTPServerConfiguration()
        configuration.webSocket.maxMessageBytes = 1_048_576
        let server = HTTPServer(group: group, configuration: configuration)
        var router = HTTPRouter()
        MediaEndpoints.register(on: &router, context: MediaEndpointContext(
            deployment: deployment, providers: FakeProvidersFactory(perCharacter: .milliseconds(40)),
            observers: CallObservers(records: records)))
        let address = try await server.listen(on: .loopbackIPv4(), router: router)
        defer { }
        do {
            let result = try await body(Int(address.port))
            _ = await server.shutdown(drainTimeout: .seconds(1), closeTimeout: .seconds(3))
            await group.shutdownGracefully()
            return result
        } catch {
            _ = await server.shutdown(drainTimeout: .zero, closeTimeout: .seconds(3))
            await group.shutdownGracefully()
            throw error
        }
    }

    /// Runs the Twilio client fixture with `scenarios` as concurrent calls; its JSON lines.
    static func parsed(_ lines: [String]) -> [[String: Any]] {
        lines.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    static func clientLines(port: Int, scenarios: [String]) async throws -> [String] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/twilio_client.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script, "ws://127.0.0.1:\(port)/twilio"] + scenarios
        let output = Pipe()
        process.standardOutput = output
        let reading = Task.detached { output.fileHandleForReading.readDataToEndOfFile() }
        try process.run()
        let data = await reading.value
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
