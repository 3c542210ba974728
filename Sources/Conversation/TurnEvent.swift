import Speech

extension TurnMachine {
    /// Everything that can happen to a call, as the session reports it to the machine. Together with
    /// `Effect` this is the whole vocabulary of a call.
    ///
    /// Events about provider streams carry the id the machine gave the stream; an event for a stream the
    /// machine already cancelled (it raced the cancellation) is ignored.
    public enum Event: Sendable, Hashable {
        /// The call is connected (SIP 200 OK / media stream `start`).
        case callAnswered
        /// The voice-activity detector heard the caller start speaking.
        case vadSpeechStarted
        /// The VAD says the caller stopped (after its own hangover).
        case vadSpeechEnded
        /// An interim transcript of the caller's current words (replaces the previous partial).
        case sttPartial(String)
        /// A finalized transcript segment (appended to the caller's turn).
        case sttFinal(String)
        /// The STT provider detected the end of the caller's utterance.
        case sttUtteranceEnd
        /// Speech-to-text failed (after the router tried every provider); the session keeps retrying.
        /// The caller is told once with the recovery phrase: now if the line is idle, else after the
        /// current reply.
        case sttUnavailable
        /// The next piece of reply text of generation `GenerationID`.
        case llmToken(GenerationID, String)
        /// The model asked to run a tool.
        case llmToolCall(GenerationID, ToolCall)
        /// The generation finished.
        case llmDone(GenerationID, TokenUsage?)
        /// The generation failed (after the router tried every provider).
        case llmFailed(GenerationID, ProviderError)
        /// A tool the machine asked for (`Effect.runTool`) returned; `content` is what the model will see.
        case toolResult(callID: String, content: String)
        /// Synthesized audio for an utterance arrived; the session holds the bytes under `ChunkID`.
        case ttsAudio(UtteranceID, ChunkID, duration: Duration)
        /// All audio of the utterance arrived.
        case ttsDone(UtteranceID)
        /// Synthesis of the utterance failed (after the router tried every provider).
        case ttsFailed(UtteranceID, ProviderError)
        /// The audio queued before this mark has been played to the caller.
        case playoutMark(MarkID)
        /// The caller pressed a key (`0`–`9`, `*`, `#`, `A`–`D`).
        case dtmf(Character)
        /// A timer the machine started has fired.
        case timerFired(TimerKind)
        /// The transport handed the caller on (`Effect.transfer`): the call ends as `transferred`.
        case transferCompleted
        /// The transport could not hand the caller on: the caller is still here and is told so
        /// (`CannedPhrase.transferFailed`), the model sees the failure as the tool's result.
        case transferFailed(TransferFailure)
        /// The caller (or the carrier) ended the call.
        case callerHungUp
    }
}
