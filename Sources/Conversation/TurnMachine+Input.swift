/// Caller speech: VAD edges, transcripts, endpointing, and committing a caller turn.
extension TurnMachine {
    mutating func speechStarted(at now: CallInstant, into effects: inout [Effect]) {
        guard !input.vadSpeaking else { return }
        input.vadSpeaking = true
        input.speechStartedAt = now
        input.sttDoneAt = nil
        input.heardSpeech = true
        input.resultSinceSpeechStarted = false
        guard phase == .conversing else { return }
        timers.disarm(.endpoint, into: &effects)
        timers.disarm(.noInput, into: &effects)
        guard let reply, reply.interruptible, settings.bargeIn.enabled else { return }
        if settings.bargeIn.minimumSpeech <= .zero {
            interrupt(at: now, into: &effects)
        } else {
            timers.arm(.bargeIn, at: now.advanced(by: settings.bargeIn.minimumSpeech), now: now, into: &effects)
        }
    }

    mutating func speechEnded(at now: CallInstant, into effects: inout [Effect]) {
        guard input.vadSpeaking else { return }
        input.vadSpeaking = false
        input.speechEndedAt = now
        guard phase == .conversing else { return }
        if timers.isArmed(.bargeIn) {
            // Too short to interrupt: remembered in the record, and its words (if any) stay pending.
            timers.disarm(.bargeIn, into: &effects)
            let duration = now - (input.speechStartedAt ?? now)
            effects.append(.record(.ignoredSpeech(duration: duration, at: now)))
        }
        armTranscriptDeadline(at: now, into: &effects)
        evaluateEndpoint(at: now, into: &effects)
    }

    mutating func utteranceEnded(at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing, input.sttDoneAt == nil else { return }
        input.sttDoneAt = now
        evaluateEndpoint(at: now, into: &effects)
    }

    mutating func partialTranscript(_ text: String, at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing else { return }
        let text = text.trimmingWhitespace
        guard !text.isEmpty else { return }
        input.partial = text
        input.sttDoneAt = nil
        timers.disarm(.noInput, into: &effects)
        if enoughWordsToInterrupt(text) { interrupt(at: now, into: &effects) }
        evaluateEndpoint(at: now, into: &effects)
    }

    mutating func finalTranscript(_ text: String, at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing else { return }
        let text = text.trimmingWhitespace
        if let committed = unfinalizedCommit {
            unfinalizedCommit = nil
            if reviseCommittedTurn(partial: committed, final: text, at: now, into: &effects) { return }
        }
        input.partial = ""
        input.lastFinalAt = now
        if !text.isEmpty {
            input.finals.append(text)
            timers.disarm(.noInput, into: &effects)
            if let reply, reply.kind == .answer, !reply.isAudible {
                // Stale context: the caller added words before hearing any of the reply to the old ones.
                abandonUnheardReply(at: now, into: &effects)
            } else if enoughWordsToInterrupt(text) {
                interrupt(at: now, into: &effects)
            }
        }
        evaluateEndpoint(at: now, into: &effects)
    }

    /// The final for the partial a reply was started on. Returns true when it was handled as a revision.
    private mutating func reviseCommittedTurn(partial: String, final: String, at now: CallInstant,
                                              into effects: inout [Effect]) -> Bool {
        if Self.normalized(partial) == Self.normalized(final) {
            if reply?.kind == .answer, reply?.timeline.sttFinal == nil { reply?.timeline.sttFinal = now }
            return true
        }
        guard !final.isEmpty, history.reviseLastUser(replacingSuffix: partial, with: final) else { return false }
        guard let reply, reply.kind == .answer, !reply.isAudible else { return true }
        // The reply answers words the caller never said: start over on the corrected turn.
        abandonUnheardReply(at: now, into: &effects)
        startAnswer(speechEnded: reply.timeline.speechEnded ?? now, sttFinal: now, at: now, into: &effects)
        return true
    }

    private func enoughWordsToInterrupt(_ text: String) -> Bool {
        guard let reply, reply.interruptible, settings.bargeIn.enabled,
              let minimum = settings.bargeIn.minimumWords else { return false }
        return text.wordCount >= minimum
    }

    /// Applies the endpointing rule: commit now, arm the endpoint timer, or keep waiting.
    mutating func evaluateEndpoint(at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing, reply == nil else { return }
        guard let deadline = input.endpointDeadline(settings.endpointing, now: now) else {
            timers.disarm(.endpoint, into: &effects)
            return
        }
        if deadline <= now {
            commitOrDiscardInput(at: now, into: &effects)
        } else {
            timers.arm(.endpoint, at: deadline, now: now, into: &effects)
        }
    }

    /// The caller is done: their words become a turn, or (no words at all) the noise is forgotten.
    mutating func commitOrDiscardInput(at now: CallInstant, into effects: inout [Effect]) {
        timers.disarm(.endpoint, into: &effects)
        guard input.hasText else {
            input.clearText()
            armNoInputIfIdle(at: now, into: &effects)
            return
        }
        let text = input.text
        unfinalizedCommit = input.partial.isEmpty ? nil : input.partial
        let speechEnded = input.speechEnd(now: now)
        let sttFinal = input.lastFinalAt
        input.clearText()
        commitUserTurn(text, source: .speech, speechEnded: speechEnded, sttFinal: sttFinal, at: now, into: &effects)
    }

    /// Adds the caller's turn to the history and starts answering it.
    mutating func commitUserTurn(_ text: String, source: InputSource, speechEnded: CallInstant,
                                 sttFinal: CallInstant?, at now: CallInstant, into effects: inout [Effect]) {
        timers.disarm(.noInput, into: &effects)
        repromptsSpoken = 0
        history.appendUser(text)
        effects.append(.record(.userTurn(text, source: source, at: now)))
        startAnswer(speechEnded: speechEnded, sttFinal: sttFinal, at: now, into: &effects)
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().filter { $0.isLetter || $0.isNumber || $0.isWhitespace }
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
