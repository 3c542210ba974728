import Foundation
import Testing

/// Provider entries an adapter refuses are found before any call: `switchboard check` reports them at the
/// agent's name, and `serve` logs them at load and refuses that agent's calls with the reason.
@Suite(.serialized) struct ProviderSetupTests {
    static let agentYAML = """
        name: nospeech
        greeting: Hi.
        system_prompt: Be brief.
        stt:
          - kind: speechmatics
            api_key: ${SETUP_TEST_KEY}
        llm:
          - kind: groq
            api_key: ${SETUP_TEST_KEY}
            settings: { model: llama }
        tts: [espeak]
        """

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("agents"), withIntermediateDirectories: true)
        try agentYAML.write(to: folder.appendingPathComponent("agents/nospeech.yaml"), atomically: true, encoding: .utf8)
        try """
            listeners:
              http: 127.0.0.1:0
            agents_folder: agents
            routes:
              - path: /pcm
                protocol: pcm
                agent: nospeech
            default_agent: nospeech
            """.write(to: folder.appendingPathComponent("switchboard.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func checkReportsAnAdapterThatCannotBeBuiltAtTheAgentsName() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let child = try ChildProcess(try SwitchboardBinary.path(), ["check", folder.appendingPathComponent("switchboard.yaml").path],
                                     environment: ["SETUP_TEST_KEY": "k"])
        #expect(try await child.exitStatus() == 1)
        #expect(child.lines.contains { $0.hasSuffix("nospeech.yaml:1:7: error: agent \"nospeech\" cannot take calls: "
                                                    + "provider speechmatics: has no adapter in this build (stt: deepgram, assemblyai, "
                                                    + "openai, pocketsphinx; llm: openai, groq, anthropic, scripted; tts: elevenlabs, "
                                                    + "cartesia, openai, deepgram, espeak)") }, "\(child.lines)")
    }

    @Test func serveLogsTheAgentAtLoadAndRefusesItsCallsWithTheReason() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try await ServeCommandTests.startServer(["--config", folder.appendingPathComponent("switchboard.yaml").path],
                                                             environment: ["SETUP_TEST_KEY": "k"])
        #expect(server.process.lines.contains { $0.contains("agent cannot take calls") && $0.contains("speechmatics") })
        let script = #"""
            import asyncio, json, sys, websockets
            async def main():
                async with websockets.connect(sys.argv[1]) as ws:
                    await ws.send(json.dumps({"type": "start", "sampleRate": 16000}))
                    try:
                        while True: await asyncio.wait_for(ws.recv(), 10)
                    except websockets.ConnectionClosed as closed:
                        print(closed.code, closed.reason)
            asyncio.run(main())
            """#
        let result = try await ServeCommandTests.run("/usr/bin/python3", ["-c", script, "ws://\(server.http)/pcm"])
        #expect(result.output.hasPrefix("1011 providers unavailable: agent nospeech: speechmatics: has no adapter"), "\(result.output)")
        server.process.signal(SIGTERM)
        #expect(try await server.process.exitStatus(timeout: .seconds(20)) == 0)
    }
}
