import Speech

/// Handing the caller on: once the reply that called the `transfer` tool has been played, the machine
/// asks for the transfer and waits for the transport's answer. Success ends the call as `transferred`;
/// failure keeps it: the model's tool call gets the failure as its result (so its next reply can offer
/// something else) and the caller hears the canned transfer-failed phrase, then the call goes on.
///
/// While waiting, the caller is not answered: VAD edges are only noted (so speech in progress is known
/// when the call goes on), transcripts and keys are dropped, and every timer but the call's length is off.
/// If the call's length runs out meanwhile, a failed transfer is followed by that goodbye instead.
extension TurnMachine {
    mutating func beginTransfer(_ request: TransferRequest, at now: CallInstant, into effects: inout [Effect]) {
        keypadDigits.removeAll()
        for kind in timers.armedKinds where kind != .maximumCallDuration { timers.disarm(kind, into: &effects) }
        phase = .transferring(request)
        effects.append(.transfer(request))
    }

    /// An event while the transfer's outcome is awaited.
    mutating func handleWhileTransferring(_ event: Event, request: TransferRequest, at now: CallInstant,
                                          into effects: inout [Effect]) {
        switch event {
        case .transferCompleted:
            hangUp(.transferred, at: now, into: &effects)
        case .transferFailed(let failure):
            transferFailed(failure, request: request, at: now, into: &effects)
        case .callerHungUp:
            endCall(.callerHungUp, at: now, into: &effects)
        case .vadSpeechStarted:
            speechStarted(at: now, into: &effects)
        case .vadSpeechEnded:
            speechEnded(at: now, into: &effects)
        case .timerFired(.maximumCallDuration):
            if timers.fire(.maximumCallDuration, now: now) { closeAfterTransfer = .maximumDuration }
        default:
            break
        }
    }

    private mutating func transferFailed(_ failure: TransferFailure, request: TransferRequest, at now: CallInstant,
                                         into effects: inout [Effect]) {
        phase = .conversing
        let call = ToolCall(id: request.toolCallID, name: Self.transferToolName, argumentsJSON: request.argumentsJSON)
        history.appendToolCallToLastAgentTurn(call)
        history.appendToolResult(callID: call.id, content: failure.toolResult)
        input.clearText()
        if let reason = closeAfterTransfer {
            closeAfterTransfer = nil
            return closeCall(reason, at: now, into: &effects)
        }
        speakTransferFailedPhrase(at: now, into: &effects)
    }

    /// A reply made of the transfer-failed phrase alone (interruptible); the call goes on after it.
    private mutating func speakTransferFailedPhrase(at now: CallInstant, into effects: inout [Effect]) {
        agentTurns += 1
        speakPhraseReply(.transferFailed, text: settings.phrases.transferFailed, recovering: false, at: now,
                         into: &effects)
    }

    /// The transfer the machine is waiting on, if any.
    public var pendingTransfer: TransferRequest? {
        if case .transferring(let request) = phase { request } else { nil }
    }
}

extension ConversationHistory {
    /// Adds `call` to the tool calls of the last agent turn (the reply that asked for it), or adds an agent
    /// turn with no text carrying it when the last entry is not the agent's.
    public mutating func appendToolCallToLastAgentTurn(_ call: ToolCall) {
        if case .agent(let text, let interrupted, let calls)? = entries.last {
            replaceLast(with: .agent(text, interrupted: interrupted, toolCalls: calls + [call]))
        } else {
            appendAgent("", interrupted: false, toolCalls: [call])
        }
    }
}
