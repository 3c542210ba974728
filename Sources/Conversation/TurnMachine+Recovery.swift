/// Telling the caller that speech-to-text is down: the canned recovery phrase (it plays with every TTS
/// down too), said once per outage, never over the agent or the caller: when the line is busy it is said
/// as soon as the line is idle (`armNoInputIfIdle`), unless a transcript shows speech-to-text is back.
extension TurnMachine {
    mutating func transcriptionUnavailable(at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing else { return }
        owesRecoveryPhrase = true
        armNoInputIfIdle(at: now, into: &effects)
    }

    /// A reply made of the recovery phrase alone; the call goes on after it as after any reply.
    mutating func speakRecoveryPhrase(at now: CallInstant, into effects: inout [Effect]) {
        agentTurns += 1
        timers.disarm(.noInput, into: &effects)
        speakPhraseReply(.recovery, text: settings.phrases.recovery, recovering: true, at: now, into: &effects)
    }

    /// Plays `phrase` (pre-synthesized) as an interruptible reply of its own; the call goes on after it.
    mutating func speakPhraseReply(_ phrase: CannedPhrase, text: String, recovering: Bool, at now: CallInstant,
                                   into effects: inout [Effect]) {
        var reply = AgentReply(kind: .reprompt, interruptible: true, chunking: settings.chunking,
                               timeline: TurnTimeline(turn: agentTurns))
        reply.textComplete = true
        reply.recovering = recovering
        let id = UtteranceID(nextUtterance)
        nextUtterance += 1
        var utterance = Utterance(id: id, text: text, segment: 0, phrase: phrase, synthesisComplete: true,
                                  synthesisEnded: true)
        utterance.chunks = [Utterance.Chunk(id: ChunkID(0), duration: .zero)]
        reply.utterances.append(utterance)
        self.reply = reply
        pumpPlayout(at: now, into: &effects)
        finishReplyIfComplete(at: now, into: &effects)
    }
}

extension TurnMachine {
    /// The greeting as its pre-synthesized phrase: one reply of one phrase utterance, no TTS request.
    /// Interruptible per `greetingInterruptible`; like every phrase it is heard all or nothing (an
    /// interrupted greeting leaves no assistant text in the history).
    mutating func speakGreetingPhrase(_ text: String, at now: CallInstant, into effects: inout [Effect]) {
        precondition(reply == nil, "a reply is already in flight")
        agentTurns += 1
        var reply = AgentReply(kind: .greeting, interruptible: settings.bargeIn.greetingInterruptible,
                               chunking: settings.chunking, timeline: TurnTimeline(turn: agentTurns))
        reply.textComplete = true
        let id = UtteranceID(nextUtterance)
        nextUtterance += 1
        var phrase = Utterance(id: id, text: text, segment: 0, phrase: .greeting,
                               synthesisComplete: true, synthesisEnded: true)
        phrase.chunks = [Utterance.Chunk(id: ChunkID(0), duration: .zero)]
        reply.utterances.append(phrase)
        self.reply = reply
        pumpPlayout(at: now, into: &effects)
        finishReplyIfComplete(at: now, into: &effects)
    }
}
