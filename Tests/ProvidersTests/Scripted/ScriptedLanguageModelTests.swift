import Agents
import Speech
import Testing
@testable import Providers

@Suite struct ScriptedLanguageModelTests {
    let model = try! ScriptedLanguageModel(agent: Receptionist.agent, settings: LLMProviderConfig(kind: .scripted))

    private func tokens(_ events: [CompletionEvent]) -> [String] {
        events.compactMap { if case .token(let text) = $0 { text } else { nil } }
    }

    @Test func streamsTheReplyAsWordTokensThenDone() async throws {
        let events = try await withTimeout { [model] in
            await collect(model.complete(CompletionRequest(messages: [.system("p"), .user("when are you open?")])))
        }
        let words = tokens(events)
        #expect(words.joined() == Receptionist.reply("opening_hours"))
        #expect(words.count == Receptionist.reply("opening_hours").split(separator: " ").count)
        #expect(words.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(events.last == .done(nil))
        #expect(events.count == words.count + 1)
    }

    @Test func endCallIntentAddsTheEndCallToolBeforeDone() async throws {
        let events = try await withTimeout { [model] in
            await collect(model.complete(CompletionRequest(messages: [.user("that's all, bye")])))
        }
        #expect(tokens(events).joined() == Receptionist.reply("goodbye"))
        guard events.count >= 2, case .toolCall(let call) = events[events.count - 2] else {
            Issue.record("no tool call before done: \(events)")
            return
        }
        #expect(call.name == ScriptedControlTool.endCall)
        #expect(call.argumentsJSON == "{}")
        #expect(events.last == .done(nil))
    }

    @Test func handoffToolCarriesTheAgentAsJSON() {
        let call = ScriptedControlTool.call(for: .handoff(agent: "sales \"east\""), turn: 3)
        #expect(call.name == "handoff")
        #expect(call.argumentsJSON == #"{"agent":"sales \"east\""}"#)
        #expect(call.id == "scripted-3-handoff")
    }

    @Test func toolResultIsAnsweredWithNothingMore() async throws {
        let call = ScriptedControlTool.call(for: .endCall, turn: 0)
        let request = CompletionRequest(messages: [.user("bye"), .assistant("Goodbye!", toolCalls: [call]),
                                                   .tool(callID: call.id, content: "hanging up")])
        let events = try await withTimeout { [model] in await collect(model.complete(request)) }
        #expect(events == [.done(nil)])
    }

    @Test func conversationWithoutCallerMessageFailsAsBadRequest() async throws {
        let events = try await withTimeout { [model] in
            await collect(model.complete(CompletionRequest(messages: [.system("prompt")])))
        }
        guard case .failed(.badRequest)? = events.first, events.count == 1 else {
            Issue.record("expected one badRequest failure, got \(events)")
            return
        }
    }

    @Test func dtmfMessageFromTheTurnMachineSelectsTheKeypadIntent() async throws {
        let events = try await withTimeout { [model] in
            await collect(model.complete(CompletionRequest(messages: [.user("[keypad] 0")])))
        }
        #expect(tokens(events).joined() == Receptionist.reply("human"))
    }

    @Test func maximumTokensCutsTheReply() async throws {
        let events = try await withTimeout { [model] in
            await collect(model.complete(CompletionRequest(messages: [.user("hello")], maximumTokens: 2)))
        }
        #expect(tokens(events) == ["Hello!", " I"])
        #expect(events.last == .done(nil))
    }

    @Test func cancellingTheConsumerStopsTheStreamMidReply() async throws {
        // A long per-token delay: were cancellation ignored, the next token would still come (and the
        // test would see it); cancelled, the sleeping pull ends at once.
        let slow = ScriptedLanguageModel(engine: model.engine,
                                         configuration: .init(tokenDelay: .seconds(30)))
        let stream = slow.complete(CompletionRequest(messages: [.user("what are your hours")]))
        let received = try await withTimeout(.seconds(20), "cancelled stream") {
            var seen: [CompletionEvent] = []
            for await event in stream {
                seen.append(event)
                withUnsafeCurrentTask { $0?.cancel() }
            }
            return seen
        }
        #expect(received.count == 1)
        #expect(tokens(received) == ["We're"])
    }

    @Test func tokenDelaySettingIsRead() {
        let configured = ScriptedLanguageModel.Configuration(
            settings: LLMProviderConfig(kind: .scripted, settings: ["token_delay_ms": .int(40)]))
        #expect(configured.tokenDelay == .milliseconds(40))
        #expect(ScriptedLanguageModel.Configuration(settings: LLMProviderConfig(kind: .scripted)).tokenDelay == .zero)
    }

    @Test func agentWithoutScriptedSectionIsRefused() {
        var agent = Receptionist.agent
        agent.scripted = nil
        #expect(throws: ProviderError.self) {
            try ScriptedLanguageModel(agent: agent, settings: LLMProviderConfig(kind: .scripted))
        }
    }
}
