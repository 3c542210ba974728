import Speech

/// Stopping a reply: barge-in, stale context, and recovering from provider failures.
extension TurnMachine {
    /// Barge-in: the caller talked (or pressed a key) over the reply. Audio is cleared first, then every
    /// stream of the reply is cancelled, and only what was played goes into the history, flagged.
    mutating func interrupt(at now: CallInstant, into effects: inout [Effect]) {
        guard let reply else { return }
        cancelWork(of: reply, clearingPlayout: true, into: &effects)
        timers.disarm(.bargeIn, into: &effects)
        effects.append(.record(.bargeIn(at: now)))
        finalizeReply(interrupted: true, at: now, into: &effects)
    }

    /// Stale context: newer caller input arrived before any of the reply was heard. The reply is dropped
    /// silently (nothing to clear) and the caller's turn stays open for the new words.
    mutating func abandonUnheardReply(at now: CallInstant, into effects: inout [Effect]) {
        guard let reply else { return }
        cancelWork(of: reply, clearingPlayout: true, into: &effects)
        timers.disarm(.bargeIn, into: &effects)
        if let generation = reply.latestGeneration {
            effects.append(.record(.generationRestarted(generation, at: now)))
        }
        finalizeReply(interrupted: true, at: now, into: &effects)
    }

    /// Cancels the reply's live streams and tool runs (and clears its queued audio when asked).
    func cancelWork(of reply: AgentReply, clearingPlayout: Bool, into effects: inout [Effect]) {
        if clearingPlayout, reply.hasUnplayedAudio { effects.append(.clearPlayout) }
        if let generation = reply.generation { effects.append(.cancelLLM(generation)) }
        if reply.hasLiveSynthesis { effects.append(.cancelTTS) }
        for call in reply.unresolvedToolCalls { effects.append(.cancelTool(callID: call.id)) }
    }

    /// A provider failed (or the reply ran out of time): keep the caller's turn, stop what cannot finish,
    /// and queue the pre-synthesized recovery phrase after whatever audio is already on its way. Sentences
    /// already being synthesized still play after a language-model failure; after a speech failure or a
    /// missed deadline all synthesis is cancelled.
    mutating func recover(from kind: ProviderKind?, _ error: ProviderError?, at now: CallInstant,
                          into effects: inout [Effect]) {
        guard var reply else { return }
        if let kind, let error { effects.append(.record(.providerFailed(kind, error, at: now))) }
        if let generation = reply.generation {
            effects.append(.cancelLLM(generation))
            reply.generation = nil
        }
        if kind != .languageModel, reply.hasLiveSynthesis {
            effects.append(.cancelTTS)
            for index in reply.utterances.indices where reply.utterances[index].phrase == nil {
                reply.utterances[index].synthesisEnded = true
                for chunk in reply.utterances[index].chunks.indices[reply.utterances[index].enqueuedCount...] {
                    reply.utterances[index].chunks[chunk].dropped = true
                }
            }
        }
        for call in reply.unresolvedToolCalls {
            effects.append(.cancelTool(callID: call.id))
        }
        for index in reply.segments.indices {
            let results = reply.segments[index].results
            reply.segments[index].toolCalls.removeAll { results[$0.id] == nil }
        }
        reply.textComplete = true
        for timer in [TimerKind.firstToken, .firstAudio, .replyDeadline] { timers.disarm(timer, into: &effects) }
        if !reply.recovering {
            reply.recovering = true
            let id = UtteranceID(nextUtterance)
            nextUtterance += 1
            var phrase = Utterance(id: id, text: settings.phrases.recovery, segment: reply.segments.count - 1,
                                   phrase: .recovery, synthesisComplete: true,
                                   synthesisEnded: true)
            phrase.chunks = [Utterance.Chunk(id: ChunkID(0), duration: .zero)]
            reply.utterances.append(phrase)
        }
        self.reply = reply
        pumpPlayout(at: now, into: &effects)
        finishReplyIfComplete(at: now, into: &effects)
    }
}
