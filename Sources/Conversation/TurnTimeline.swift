import Speech

/// When each step of one agent turn happened, from the caller's speech end to the first frame of the
/// reply leaving for the caller. Built by the turn machine from the instants of the events it handles and
/// recorded (`TimelineEntry.turnLatency`) when the turn ends; feeds the latency histograms and the call record.
public struct TurnTimeline: Sendable, Hashable {
    /// Which agent turn of the call (1-based; the greeting is turn 1 when there is one).
    public var turn: Int
    /// The caller stopped speaking (VAD speech end; the `#` key for keypad turns). Nil for turns the agent
    /// starts itself (greeting, reprompt).
    public var speechEnded: CallInstant?
    /// The STT final that completed the caller's words, when one did before the request.
    public var sttFinal: CallInstant?
    /// The language-model request was started (the endpoint decision).
    public var llmRequested: CallInstant?
    /// The first token (or tool call) arrived.
    public var firstToken: CallInstant?
    /// The chunker released the first sentence.
    public var firstSentence: CallInstant?
    /// The first text-to-speech request was made.
    public var ttsRequested: CallInstant?
    /// The first audio of the reply arrived from text-to-speech.
    public var firstAudio: CallInstant?
    /// The first audio of the reply was handed to the playout queue. The queue is empty when a reply
    /// starts, so this is when the media clock sends its first frame (within one 20 ms tick).
    public var firstFrameSent: CallInstant?
    /// Tokens the language model reported using for this turn (summed over tool rounds).
    public var usage: TokenUsage?

    public init(turn: Int, speechEnded: CallInstant? = nil, sttFinal: CallInstant? = nil,
                llmRequested: CallInstant? = nil, firstToken: CallInstant? = nil,
                firstSentence: CallInstant? = nil, ttsRequested: CallInstant? = nil,
                firstAudio: CallInstant? = nil, firstFrameSent: CallInstant? = nil, usage: TokenUsage? = nil) {
        self.turn = turn
        self.speechEnded = speechEnded
        self.sttFinal = sttFinal
        self.llmRequested = llmRequested
        self.firstToken = firstToken
        self.firstSentence = firstSentence
        self.ttsRequested = ttsRequested
        self.firstAudio = firstAudio
        self.firstFrameSent = firstFrameSent
        self.usage = usage
    }

    /// Voice-to-voice latency: caller's speech end → first agent audio frame sent.
    public var voiceToVoice: Duration? {
        guard let speechEnded, let firstFrameSent else { return nil }
        return firstFrameSent - speechEnded
    }

    /// Time spent waiting on providers between the speech end and the first frame:
    /// - STT: speech end → the final transcript, when the final came after the speech end and the
    ///   request waited for it;
    /// - LLM: request → first sentence complete (first token latency plus the tokens of that sentence);
    /// - TTS: first request → first audio.
    public var providerWait: Duration? {
        guard let speechEnded, let llmRequested, let firstSentence, let ttsRequested, let firstAudio else {
            return nil
        }
        var stt = Duration.zero
        if let sttFinal, sttFinal > speechEnded, sttFinal <= llmRequested { stt = sttFinal - speechEnded }
        return stt + (firstSentence - llmRequested) + (firstAudio - ttsRequested)
    }

    /// Orchestration overhead: voice-to-voice latency minus the provider wait — what Switchboard itself
    /// added (endpointing delay, hand-offs between stages, queueing).
    public var orchestrationOverhead: Duration? {
        guard let voiceToVoice, let providerWait else { return nil }
        return voiceToVoice - providerWait
    }
}
