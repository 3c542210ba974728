import Foundation
import Testing

/// `switchboard chat` on the embedded receptionist, typed to through a pipe.
@Suite struct ChatCommandTests {
    /// Runs `switchboard chat` with `lines` on standard input; returns the exit status and output lines.
    static func chat(_ arguments: [String] = [], typing lines: [String]) async throws -> (status: Int32, lines: [String]) {
        let process = try ChildProcess(try SwitchboardBinary.path(), ["chat"] + arguments)
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

    @Test func anAgentFileWithACloudModelIsRefusedWithAMessage() async throws {
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
        #expect(result.lines.contains { $0.contains("llm provider \"openai\" is not available in this build") })
    }
}
