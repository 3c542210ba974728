import Foundation
import Net
import ProviderFakes
import Testing

/// `switchboard chat` on the embedded receptionist, typed to through a pipe.
@Suite struct ChatCommandTests {
    /// Runs `switchboard chat` with `lines` on standard input; returns the exit status and output lines.
    static func chat(_ arguments: [String] = [], typing lines: [String],
                     environment: [String: String] = [:]) async throws -> (status: Int32, lines: [String]) {
        let process = try ChildProcess(try SwitchboardBinary.path(), ["chat"] + arguments, environment: environment)
        for line in lines { process.writeLine(line) }
        process.closeInput()
        let status = try await process.exitStatus()
        return (status, process.lines)
    }

    /// The agent's words after each `you>` line (the greeting first), sentences joined.
    static func replies(in lines: [String]) -> [String] {
        var replies = [""]
        for line in lines {
            if line.hasPrefix("you> ") {
                replies.append("")
            } else if line.hasPrefix("agent: ") {
                replies[replies.count - 1] += (replies[replies.count - 1].isEmpty ? "" : " ") + line.dropFirst(7)
            }
        }
        return replies
    }

    @Test func receptionistAnswersEachTypedLineWithItsIntentsReplyAndEndsTheCallOnGoodbye() async throws {
        let result = try await Self.chat(typing: [
            "hello", "what are your opening hours", "I'd like to book an appointment", "my name is Grace Hopper",
            "goodbye", "this line is never read",
        ])
        #expect(result.status == 0)
        #expect(Self.replies(in: result.lines) == [
            "Hello, thanks for calling Acme Dental. I can tell you our opening hours, or book an appointment. How can I help?",
            "Hello! I can tell you our opening hours, or book an appointment. What would you like?",
            "We're open Monday to Friday, nine to five. Is there anything else?",
            "Happy to help. What name should I put the booking under?",
            "Thank you, Grace Hopper. You're booked in for tomorrow at ten. Is there anything else?",
            "Thanks for calling Acme Dental. Goodbye!",
        ])
        #expect(!result.lines.contains("you> this line is never read"), "the agent ended the call")
        #expect(result.lines.last?.hasPrefix("[call ended: agentEnded; 6 agent turns, 5 caller turns,") == true)
    }

    @Test func endOfInputHangsUpAndAnUnknownRequestGetsTheFallback() async throws {
        let result = try await Self.chat(["receptionist"], typing: ["what's the weather like"])
        #expect(result.status == 0)
        #expect(Self.replies(in: result.lines).last
                == "Sorry, I can only help with opening hours and appointments. What would you like?")
        #expect(result.lines.last?.hasPrefix("[call ended: callerHungUp; 2 agent turns, 1 caller turns") == true)
    }

    @Test func anAgentFileWhoseCloudModelCannotBeBuiltIsRefusedWithTheSetupProblem() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cloud.yaml")
        try """
            name: cloud
            greeting: Hi.
            stt: [pocketsphinx]
            llm:
              - kind: openai
                api_key: ${CHAT_TEST_KEY:-none}
            tts: [espeak]
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try await Self.chat([file.path], typing: ["hello"])
        #expect(result.status == 1)
        #expect(result.lines.contains { $0.contains("llm openai: settings.model is required") }, "\(result.lines)")
    }

    /// Chat builds the agent's llm layer as `serve` does: an OpenAI-compatible primary that fails (500)
    /// falls over to the next entry, here a fake Anthropic, whose reply is printed.
    @Test func aCloudAgentChatsThroughItsFallbackModel() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "chat-fakes")
        let openAI = try await FakeOpenAIChatServer.start(on: group, turns: [.fault(.status(500)), .fault(.status(500))])
        let anthropic = try await FakeAnthropicServer.start(on: group, turns: [.reply(tokens: ["Hello ", "from the fallback."])])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cloud.yaml")
        try """
            name: cloud
            greeting: Hi.
            system_prompt: Be brief.
            stt: [pocketsphinx]
            llm:
              - kind: openai
                api_key: ${CHAT_TEST_KEY}
                settings: { model: gpt-fake, base_url: "\(openAI.baseURL)" }
              - kind: anthropic
                api_key: ${CHAT_TEST_KEY}
                settings: { model: claude-fake, base_url: "\(anthropic.baseURL)" }
            tts: [espeak]
            """.write(to: file, atomically: true, encoding: .utf8)
        let result = try await Self.chat([file.path], typing: ["hello"], environment: ["CHAT_TEST_KEY": "k"])
        await openAI.stop()
        await anthropic.stop()
        await group.shutdownGracefully()
        #expect(result.status == 0, "\(result.lines)")
        #expect(Self.replies(in: result.lines) == ["Hi.", "Hello from the fallback."], "\(result.lines)")
        #expect(anthropic.requests.first?.bodyText.contains("hello") == true)
    }
}
