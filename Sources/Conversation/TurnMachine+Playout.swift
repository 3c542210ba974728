import Speech

/// Synthesized audio into the playout queue, strictly in sentence order, and marks back into what the
/// caller heard; a reply ends when everything it queued has been played.
extension TurnMachine {
    mutating func audioArrived(_ chunk: ChunkID, _ duration: Duration, for id: UtteranceID, at now: CallInstant,
                               into effects: inout [Effect]) {
        guard let index = reply?.index(of: id), reply!.utterances[index].synthesisLive else { return }
        reply!.utterances[index].chunks.append(Utterance.Chunk(id: chunk, duration: duration))
        if reply!.timeline.firstAudio == nil {
            reply!.timeline.firstAudio = now
            timers.disarm(.firstAudio, into: &effects)
        }
        pumpPlayout(at: now, into: &effects)
    }

    mutating func synthesisDone(_ id: UtteranceID, at now: CallInstant, into effects: inout [Effect]) {
        guard let index = reply?.index(of: id), reply!.utterances[index].synthesisLive else { return }
        reply!.utterances[index].synthesisComplete = true
        reply!.utterances[index].synthesisEnded = true
        pumpPlayout(at: now, into: &effects)
        finishReplyIfComplete(at: now, into: &effects)
    }

    mutating func synthesisFailed(_ id: UtteranceID, error: ProviderError, at now: CallInstant,
                                  into effects: inout [Effect]) {
        guard let index = reply?.index(of: id), reply!.utterances[index].synthesisLive else { return }
        reply!.utterances[index].synthesisEnded = true
        recover(from: .textToSpeech, error, at: now, into: &effects)
    }

    /// Enqueues every chunk that is next in speaking order, each followed by its mark.
    mutating func pumpPlayout(at now: CallInstant, into effects: inout [Effect]) {
        guard reply != nil else { return }
        while reply!.head < reply!.utterances.count {
            let index = reply!.head
            while reply!.utterances[index].enqueuedCount < reply!.utterances[index].chunks.count,
                  !reply!.utterances[index].chunks[reply!.utterances[index].enqueuedCount].dropped {
                enqueueNextChunk(ofUtterance: index, at: now, into: &effects)
            }
            guard reply!.utterances[index].synthesisEnded else { return }
            reply!.head += 1
        }
    }

    private mutating func enqueueNextChunk(ofUtterance index: Int, at now: CallInstant, into effects: inout [Effect]) {
        let chunkIndex = reply!.utterances[index].enqueuedCount
        let utterance = reply!.utterances[index]
        let mark = MarkID(nextMark)
        nextMark += 1
        if let phrase = utterance.phrase {
            effects.append(.playPhrase(phrase))
        } else {
            effects.append(.enqueuePlayout(utterance.id, utterance.chunks[chunkIndex].id))
        }
        effects.append(.sendMark(mark))
        reply!.utterances[index].chunks[chunkIndex].mark = mark
        reply!.utterances[index].enqueuedCount += 1
        if reply!.firstMark == nil { reply!.firstMark = mark }
        reply!.queued.append(AgentReply.ChunkRef(utterance: index, chunk: chunkIndex))
        if reply!.timeline.firstFrameSent == nil {
            reply!.timeline.firstFrameSent = now
            timers.disarm(.replyDeadline, into: &effects)
        }
    }

    /// Marks are played in order: this mark and every earlier one of the reply have been heard.
    mutating func markPlayed(_ mark: MarkID, at now: CallInstant, into effects: inout [Effect]) {
        guard let first = reply?.firstMark else { return }
        let position = mark.rawValue - first.rawValue
        guard position >= reply!.playedCount, position < reply!.queued.count else { return }
        while reply!.playedCount <= position {
            let ref = reply!.queued[reply!.playedCount]
            reply!.utterances[ref.utterance].chunks[ref.chunk].played = true
            reply!.playedCount += 1
        }
        finishReplyIfComplete(at: now, into: &effects)
    }

    /// Ends the reply once it is complete, then moves on (pending input, no-input timer, or hang-up).
    mutating func finishReplyIfComplete(at now: CallInstant, into effects: inout [Effect]) {
        guard let reply, reply.isComplete else { return }
        finalizeReply(interrupted: false, at: now, into: &effects)
        if reply.kind == .goodbye, case .closing(let reason) = phase {
            hangUp(reason, at: now, into: &effects)
            return
        }
        if let transfer = reply.transfer {
            beginTransfer(transfer, at: now, into: &effects)
            return
        }
        if reply.endsCall {
            hangUp(.agentEnded, at: now, into: &effects)
            return
        }
        timers.disarm(.bargeIn, into: &effects)
        if !keypadDigits.isEmpty, !timers.isArmed(.keypadInterDigit) {
            commitKeypadDigits(at: now, into: &effects)
        } else if input.hasText {
            evaluateEndpoint(at: now, into: &effects)
        } else {
            armNoInputIfIdle(at: now, into: &effects)
        }
    }

    /// Moves what the caller heard of the reply into the history and the record, and forgets the reply.
    mutating func finalizeReply(interrupted: Bool, at now: CallInstant, into effects: inout [Effect]) {
        guard let reply else { return }
        self.reply = nil
        for kind in [TimerKind.firstToken, .firstAudio, .replyDeadline] { timers.disarm(kind, into: &effects) }
        let heard = reply.segments.indices.map { segment in
            reply.utterances.filter { $0.segment == segment }
                .map { $0.heardText(speechPerCharacter: settings.speechPerCharacter) }
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
        let lastHeard = heard.lastIndex { !$0.isEmpty }
        for (index, segment) in reply.segments.enumerated() {
            let answered = segment.toolCalls.filter { segment.results[$0.id] != nil }
            history.appendAgent(heard[index], interrupted: interrupted && index == lastHeard, toolCalls: answered)
            for call in answered { history.appendToolResult(callID: call.id, content: segment.results[call.id]!) }
        }
        let spoken = heard.filter { !$0.isEmpty }.joined(separator: " ")
        if !spoken.isEmpty { effects.append(.record(.agentTurn(spoken, interrupted: interrupted, at: now))) }
        effects.append(.record(.turnLatency(reply.timeline)))
    }
}
