import Speech

extension TurnMachine {
    /// Everything the machine can ask the session to do. The session performs the effects of one `handle`
    /// call in order, before handling the next event.
    public enum Effect: Sendable, Hashable {
        /// Start a language-model stream for `messages` (the session adds the agent's tool declarations);
        /// report its output as `llmToken`/`llmToolCall`/`llmDone`/`llmFailed` with this id.
        case startLLM(GenerationID, [ChatMessage])
        /// Cancel that stream; the provider request is really aborted.
        case cancelLLM(GenerationID)
        /// The first token is late: ask the router to race the fallback provider for this generation.
        case hedgeLLM(GenerationID)
        /// Run a tool and report `toolResult`.
        case runTool(ToolCall)
        /// Abandon a tool run whose result is no longer wanted.
        case cancelTool(callID: String)
        /// Synthesize this sentence; report `ttsAudio`/`ttsDone`/`ttsFailed` with this id.
        case synthesize(UtteranceID, String)
        /// The first audio is late: ask the router to race the fallback provider for this utterance.
        case hedgeTTS(UtteranceID)
        /// Speech-to-text gave no result for speech the VAD heard within `LatencyBudgets.transcriptResult`:
        /// treat its stream as failed (fail over or reconnect, replaying the caller's recent audio into the
        /// new stream, so the turn is kept).
        case failTranscription
        /// Cancel every live synthesis stream and drop their audio not yet enqueued.
        case cancelTTS
        /// Append this chunk's audio to the playout queue.
        case enqueuePlayout(UtteranceID, ChunkID)
        /// Append the cached audio of a fixed phrase to the playout queue.
        case playPhrase(CannedPhrase)
        /// Append a mark to the playout queue; report `playoutMark` once everything before it was played.
        case sendMark(MarkID)
        /// Interruption: empty the local playout queue and tell the far end to drop its buffered audio
        /// (`clear`). Performed before anything else queued for the transport.
        case clearPlayout
        /// Start (or restart) the timer of `kind` to fire `after` from now.
        case startTimer(TimerKind, after: Duration)
        /// Stop the timer of `kind`.
        case cancelTimer(TimerKind)
        /// Hand the caller on (SIP REFER) and report how it went with `transferCompleted` (then the
        /// machine hangs up as `transferred`) or `transferFailed` (the call goes on). Until then the
        /// machine waits: caller speech and keys are not answered.
        case transfer(TransferRequest)
        /// End the call from our side (SIP BYE / close the stream). Nothing follows it.
        case hangUp(CallEndReason)
        /// Keep this fact in the call's timeline, records and metrics.
        case record(TimelineEntry)
    }
}
