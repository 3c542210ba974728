import Conversation
import Speech

/// Language-model generations and tool runs: one task per stream or run, feeding its events back into
/// the machine on the session's executor.
extension CallSession {
    func startGeneration(_ id: GenerationID, messages: [ChatMessage]) {
        let request = CompletionRequest(messages: messages, tools: configuration.tools,
                                        maximumTokens: configuration.maximumTokens,
                                        temperature: configuration.temperature)
        let stream = providers.languageModel.complete(request)
        tasks.generations[id] = Task {
            for await event in stream {
                if Task.isCancelled { return }
                switch event {
                case .token(let text):
                    handle(.llmToken(id, text))
                case .toolCall(let call):
                    handle(.llmToolCall(id, call))
                case .done(let usage):
                    tasks.generations[id] = nil
                    handle(.llmDone(id, usage))
                    return
                case .failed(let error):
                    tasks.generations[id] = nil
                    handle(.llmFailed(id, error))
                    return
                }
            }
            guard !Task.isCancelled else { return }
            // The stream ended without `done` or `failed`: the connection went away.
            tasks.generations[id] = nil
            handle(.llmFailed(id, .connectionLost))
        }
    }

    func startTool(_ call: ToolCall) {
        let runner = providers.tools
        let context = ToolCallContext(callID: callID, agentName: agentName, variables: configuration.variables)
        tasks.tools[call.id] = Task {
            let content = await runner.run(call, for: context)
            guard !Task.isCancelled else { return }
            tasks.tools[call.id] = nil
            handle(.toolResult(callID: call.id, content: content))
        }
    }
}
