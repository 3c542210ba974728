import Speech

/// Building a reply: language-model generations and tool rounds, cut into sentences for synthesis.
extension TurnMachine {
    /// Tool rounds one reply may take before the machine gives up on it (a model calling tools forever).
    static let maximumToolRounds = 8
    /// The control tool a model calls to end the call after its reply (the scripted model's `end_call`).
    /// Not run as a tool: the machine hangs up (`CallEndReason.agentEnded`) once the reply has been played,
    /// unless the caller interrupted it.
    public static let endCallToolName = "end_call"
    /// The control tool a model calls to transfer the call after its reply (arguments `target` and an
    /// optional `summary`). Not run as a tool: once the reply has been played (unless the caller
    /// interrupted it) the machine emits `transfer` and waits for the outcome: `transferCompleted` hangs up
    /// (`CallEndReason.transferred`), `transferFailed` answers the tool call with the failure and goes on.
    public static let transferToolName = "transfer"

    /// Starts answering the caller's last turn (which ended at `speechEnded`, completed by an STT final at
    /// `sttFinal`) with a new generation.
    mutating func startAnswer(speechEnded: CallInstant, sttFinal: CallInstant?, at now: CallInstant,
                              into effects: inout [Effect]) {
        precondition(reply == nil, "a reply is already in flight")
        agentTurns += 1
        let timeline = TurnTimeline(turn: agentTurns, speechEnded: speechEnded, sttFinal: sttFinal)
        reply = AgentReply(kind: .answer, interruptible: true, chunking: settings.chunking, timeline: timeline)
        startGeneration(messages: history.messages, at: now, into: &effects)
        if let budget = settings.budgets.replyDeadline {
            timers.arm(.replyDeadline, at: now.advanced(by: budget), now: now, into: &effects)
        }
    }

    /// Says configured text (greeting, reprompt) through TTS, sentence by sentence.
    mutating func speakFixedText(_ text: String, kind: AgentReply.Kind, at now: CallInstant,
                                 into effects: inout [Effect]) {
        precondition(reply == nil, "a reply is already in flight")
        agentTurns += 1
        let interruptible = kind == .greeting ? settings.bargeIn.greetingInterruptible : true
        reply = AgentReply(kind: kind, interruptible: interruptible, chunking: settings.chunking,
                           timeline: TurnTimeline(turn: agentTurns))
        var sentences = reply!.chunker.append(text)
        if let rest = reply!.chunker.flush() { sentences.append(rest) }
        for sentence in sentences { addSentence(sentence, at: now, into: &effects) }
        reply!.textComplete = true
        finishReplyIfComplete(at: now, into: &effects)
    }

    private mutating func startGeneration(messages: [ChatMessage], at now: CallInstant, into effects: inout [Effect]) {
        let id = GenerationID(nextGeneration)
        nextGeneration += 1
        reply!.generation = id
        if reply!.timeline.llmRequested == nil { reply!.timeline.llmRequested = now }
        effects.append(.startLLM(id, messages))
        if let budget = settings.budgets.firstToken {
            timers.arm(.firstToken, at: now.advanced(by: budget), now: now, into: &effects)
        }
    }

    mutating func tokenArrived(_ text: String, of id: GenerationID, at now: CallInstant, into effects: inout [Effect]) {
        guard reply?.generation == id else { return }
        if !text.isEmpty { noteFirstResponse(at: now, into: &effects) }
        for sentence in reply!.chunker.append(text) { addSentence(sentence, at: now, into: &effects) }
    }

    mutating func toolCallRequested(_ call: ToolCall, by id: GenerationID, at now: CallInstant,
                                    into effects: inout [Effect]) {
        guard reply?.generation == id else { return }
        noteFirstResponse(at: now, into: &effects)
        if call.name == Self.endCallToolName {
            reply!.endsCall = true  // performed by the machine itself: hang up once the reply is played
            return
        }
        if call.name == Self.transferToolName {
            reply!.transfer = TransferRequest(argumentsJSON: call.argumentsJSON, lastCallerText: history.lastCallerText,
                                              toolCallID: call.id)
            return
        }
        reply!.segments[reply!.segments.count - 1].toolCalls.append(call)
        effects.append(.runTool(call))
    }

    mutating func generationDone(_ id: GenerationID, usage: TokenUsage?, at now: CallInstant,
                                 into effects: inout [Effect]) {
        guard reply?.generation == id else { return }
        reply!.generation = nil
        timers.disarm(.firstToken, into: &effects)
        if let usage { reply!.timeline.usage = reply!.timeline.usage.map { $0 + usage } ?? usage }
        if let rest = reply!.chunker.flush() { addSentence(rest, at: now, into: &effects) }
        if !reply!.segments[reply!.segments.count - 1].toolCalls.isEmpty {
            continueAfterToolsIfReady(at: now, into: &effects)
            return
        }
        reply!.textComplete = true
        if reply!.utterances.isEmpty, reply!.segments.count == 1 {
            let error = ProviderError.malformedResponse(detail: "the language model returned an empty reply")
            recover(from: .languageModel, error, at: now, into: &effects)
            return
        }
        finishReplyIfComplete(at: now, into: &effects)
    }

    mutating func generationFailed(_ id: GenerationID, error: ProviderError, at now: CallInstant,
                                   into effects: inout [Effect]) {
        guard reply?.generation == id else { return }
        reply!.generation = nil
        recover(from: .languageModel, error, at: now, into: &effects)
    }

    mutating func toolFinished(_ callID: String, content: String, at now: CallInstant, into effects: inout [Effect]) {
        guard let reply, !reply.recovering,
              let segment = reply.segments.firstIndex(where: { $0.unresolved.contains { $0.id == callID } })
        else { return }
        self.reply!.segments[segment].results[callID] = content
        continueAfterToolsIfReady(at: now, into: &effects)
    }

    /// When the generation that called tools is done and every result is in, asks the model to go on.
    private mutating func continueAfterToolsIfReady(at now: CallInstant, into effects: inout [Effect]) {
        guard let reply, reply.generation == nil, reply.unresolvedToolCalls.isEmpty,
              !reply.segments[reply.segments.count - 1].toolCalls.isEmpty else { return }
        guard reply.segments.count < Self.maximumToolRounds else {
            let error = ProviderError.malformedResponse(detail: "the language model kept calling tools")
            recover(from: .languageModel, error, at: now, into: &effects)
            return
        }
        let messages = history.messages + toolRoundMessages(of: reply)
        self.reply!.segments.append(AgentReply.Segment())
        startGeneration(messages: messages, at: now, into: &effects)
    }

    /// The reply so far as the model produced it: each tool round's text and calls, then the results.
    private func toolRoundMessages(of reply: AgentReply) -> [ChatMessage] {
        var messages: [ChatMessage] = []
        for (index, segment) in reply.segments.enumerated() where !segment.toolCalls.isEmpty {
            let text = reply.utterances.filter { $0.segment == index }.map(\.text).joined(separator: " ")
            messages.append(.assistant(text, toolCalls: segment.toolCalls))
            for call in segment.toolCalls {
                messages.append(.tool(callID: call.id, content: segment.results[call.id] ?? ""))
            }
        }
        return messages
    }

    private mutating func noteFirstResponse(at now: CallInstant, into effects: inout [Effect]) {
        if reply!.timeline.firstToken == nil { reply!.timeline.firstToken = now }
        timers.disarm(.firstToken, into: &effects)
    }

    /// Sends a completed sentence to TTS as the reply's next utterance.
    mutating func addSentence(_ text: String, at now: CallInstant, into effects: inout [Effect]) {
        let id = UtteranceID(nextUtterance)
        nextUtterance += 1
        reply!.utterances.append(Utterance(id: id, text: text, segment: reply!.segments.count - 1, phrase: nil,
                                           synthesisComplete: false, synthesisEnded: false))
        if reply!.timeline.firstSentence == nil { reply!.timeline.firstSentence = now }
        effects.append(.synthesize(id, text))
        if reply!.timeline.ttsRequested == nil {
            reply!.timeline.ttsRequested = now
            if let budget = settings.budgets.firstAudio {
                timers.arm(.firstAudio, at: now.advanced(by: budget), now: now, into: &effects)
            }
        }
    }
}

extension TokenUsage {
    static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(promptTokens: lhs.promptTokens + rhs.promptTokens,
                   completionTokens: lhs.completionTokens + rhs.completionTokens)
    }
}
