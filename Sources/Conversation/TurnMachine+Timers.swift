/// Timers: endpointing and barge-in windows, no-input reprompts, latency budgets, the call's length.
extension TurnMachine {
    mutating func timerFired(_ kind: TimerKind, at now: CallInstant, into effects: inout [Effect]) {
        guard timers.fire(kind, now: now) else { return }
        switch kind {
        case .endpoint:
            if reply == nil, phase == .conversing { commitOrDiscardInput(at: now, into: &effects) }
        case .bargeIn:
            if input.vadSpeaking, reply?.interruptible == true { interrupt(at: now, into: &effects) }
        case .noInput:
            noInputElapsed(at: now, into: &effects)
        case .keypadInterDigit:
            commitKeypadDigits(at: now, into: &effects)
        case .maximumCallDuration:
            closeCall(.maximumDuration, at: now, into: &effects)
        case .firstToken:
            guard let generation = reply?.generation else { return }
            effects.append(.record(.budgetExceeded(.firstToken, at: now)))
            effects.append(.hedgeLLM(generation))
        case .firstAudio:
            guard let first = reply?.utterances.first(where: \.synthesisLive), reply?.timeline.firstAudio == nil
            else { return }
            effects.append(.record(.budgetExceeded(.firstAudio, at: now)))
            effects.append(.hedgeTTS(first.id))
        case .replyDeadline:
            // Before the first audio, or (`watchForSilentReply`) everything played and nothing more came.
            guard let reply, !reply.isAudible || (!reply.hasUnplayedAudio && !reply.recovering) else { return }
            effects.append(.record(.budgetExceeded(.replyDeadline, at: now)))
            recover(from: nil, nil, at: now, into: &effects)
        case .transcriptResult:
            transcriptDeadlinePassed(at: now, into: &effects)
        case .hangUpGrace:
            if case .closing(let reason) = phase { hangUp(reason, at: now, into: &effects) }
        }
    }

    /// Starts the no-input timer when the line is quiet and nothing is pending.
    mutating func armNoInputIfIdle(at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing, reply == nil, !input.vadSpeaking, !input.hasText, keypadDigits.isEmpty else {
            return
        }
        if owesRecoveryPhrase {
            owesRecoveryPhrase = false
            return speakRecoveryPhrase(at: now, into: &effects)
        }
        timers.arm(.noInput, at: now.advanced(by: settings.noInput.timeout), now: now, into: &effects)
    }

    private mutating func noInputElapsed(at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing, reply == nil, !input.vadSpeaking, !input.hasText, keypadDigits.isEmpty else {
            return
        }
        if repromptsSpoken < settings.noInput.reprompts.count {
            let text = settings.noInput.reprompts[repromptsSpoken]
            repromptsSpoken += 1
            speakFixedText(text, kind: .reprompt, at: now, into: &effects)
        } else {
            closeCall(.noInput, at: now, into: &effects)
        }
    }
}
