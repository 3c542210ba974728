/// The end of a call: goodbye then hang-up from our side, or the caller leaving. Either way every stream
/// and timer of the call is stopped exactly once, and nothing is emitted afterwards.
extension TurnMachine {
    /// Stops whatever is in flight, says the goodbye phrase, and hangs up once it has been played (or
    /// after `hangUpGrace`).
    mutating func closeCall(_ reason: CallEndReason, at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing else { return }
        if let reply {
            cancelWork(of: reply, clearingPlayout: true, into: &effects)
            finalizeReply(interrupted: true, at: now, into: &effects)
        }
        keypadDigits.removeAll()
        timers.disarmAll(into: &effects)
        phase = .closing(reason)
        agentTurns += 1
        var goodbye = AgentReply(kind: .goodbye, interruptible: false, chunking: settings.chunking,
                                 timeline: TurnTimeline(turn: agentTurns))
        let id = UtteranceID(nextUtterance)
        nextUtterance += 1
        var utterance = Utterance(id: id, text: settings.phrases.text(of: .goodbye(reason)), segment: 0,
                                  phrase: .goodbye(reason), synthesisComplete: true,
                                  synthesisEnded: true)
        utterance.chunks = [Utterance.Chunk(id: ChunkID(0), duration: .zero)]
        goodbye.utterances = [utterance]
        goodbye.textComplete = true
        reply = goodbye
        pumpPlayout(at: now, into: &effects)
        timers.arm(.hangUpGrace, at: now.advanced(by: settings.hangUpGrace), now: now, into: &effects)
    }

    /// Our side ends the call.
    mutating func hangUp(_ reason: CallEndReason, at now: CallInstant, into effects: inout [Effect]) {
        if let reply {
            cancelWork(of: reply, clearingPlayout: false, into: &effects)
            finalizeReply(interrupted: false, at: now, into: &effects)
        }
        timers.disarmAll(into: &effects)
        effects.append(.hangUp(reason))
        effects.append(.record(.callEnded(reason, at: now)))
        phase = .ended
    }

    /// The caller (or carrier) ended the call: cancel every stream, tool and timer, record, and stop.
    /// No `clearPlayout`: the transport is already gone.
    mutating func endCall(_ reason: CallEndReason, at now: CallInstant, into effects: inout [Effect]) {
        if let reply {
            cancelWork(of: reply, clearingPlayout: false, into: &effects)
            finalizeReply(interrupted: !reply.isComplete, at: now, into: &effects)
        }
        keypadDigits.removeAll()
        timers.disarmAll(into: &effects)
        effects.append(.record(.callEnded(reason, at: now)))
        phase = .ended
    }
}
