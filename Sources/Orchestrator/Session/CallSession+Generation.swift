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
        tasks.generations[id] = spawn { [self] in
            for await event in stream {
                guard await generationEvent(event, of: id) else { return }
            }
            await generationStreamEnded(id)
        }
    }

    /// Hands one event to the machine; returns whether to keep reading.
    private func generationEvent(_ event: CompletionEvent, of id: GenerationID) -> Bool {
        guard !Task.isCancelled else { return false }
        switch event {
        case .token(let text):
            handle(.llmToken(id, text))
            return true
        case .toolCall(let call):
            handle(.llmToolCall(id, call))
            return true
        case .done(let usage):
            tasks.generations[id] = nil
            handle(.llmDone(id, usage))
        case .failed(let error):
            tasks.generations[id] = nil
            handle(.llmFailed(id, error))
        }
        return false
    }

    /// The stream ended without `done` or `failed`: the connection went away.
    private func generationStreamEnded(_ id: GenerationID) {
        guard !Task.isCancelled else { return }
        tasks.generations[id] = nil
        handle(.llmFailed(id, .connectionLost))
    }

    func startTool(_ call: ToolCall) {
        let runner = providers.tools
        let context = ToolCallContext(callID: callID, agentName: agentName, variables: configuration.variables)
        tasks.tools[call.id] = spawn { [self] in
            let content = await runner.run(call, for: context)
            await toolFinished(call.id, content: content)
        }
    }

    private func toolFinished(_ callID: String, content: String) {
        guard !Task.isCancelled else { return }
        tasks.tools[callID] = nil
        handle(.toolResult(callID: callID, content: content))
    }
}
