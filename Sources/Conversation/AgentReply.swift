import Speech

/// One agent reply in flight: its language-model generation (if any), the sentences cut from it, each
/// sentence's audio chunks and marks, and its tool rounds. Owned by `TurnMachine`; lives from the moment
/// a reply is decided until it has been fully played or is abandoned.
struct AgentReply: Sendable {
    enum Kind: Sendable, Equatable { case greeting, answer, reprompt, goodbye }

    /// Where a mark points: utterance index and chunk index within the reply.
    struct ChunkRef: Sendable { var utterance: Int; var chunk: Int }

    /// A tool round: the tools the model called in one generation and their results.
    struct Segment: Sendable {
        var toolCalls: [ToolCall] = []
        var results: [String: String] = [:]
        var unresolved: [ToolCall] { toolCalls.filter { results[$0.id] == nil } }
    }

    let kind: Kind
    let interruptible: Bool
    /// The live language-model stream, if any.
    var generation: GenerationID? {
        didSet { if let generation { latestGeneration = generation } }
    }
    /// The reply's most recent generation, live or not.
    private(set) var latestGeneration: GenerationID?
    /// No more sentences will be added (generation done and chunker flushed, or fixed text).
    var textComplete = false
    /// The model asked to end the call (`end_call`): hang up once the reply has been played.
    var endsCall = false
    /// The model asked to transfer the call (`transfer`): hand it on once the reply has been played.
    var transfer: TransferRequest?
    /// The reply already fell back to the recovery phrase; a second failure adds nothing.
    var recovering = false
    var chunker: SentenceChunker
    var utterances: [Utterance] = []
    /// First utterance whose audio is not yet all enqueued (audio is enqueued strictly in order).
    var head = 0
    var segments = [Segment()]
    /// Every chunk handed to the playout queue, in queue order; the i-th carries mark `firstMark + i`
    /// (a reply's marks are consecutive: only the current reply queues audio).
    var queued: [ChunkRef] = []
    var firstMark: MarkID?
    /// How many of `queued` have been reported played (marks come back in queue order).
    var playedCount = 0
    var timeline: TurnTimeline

    init(kind: Kind, interruptible: Bool, chunking: ChunkerSettings, timeline: TurnTimeline) {
        self.kind = kind
        self.interruptible = interruptible
        self.chunker = SentenceChunker(settings: chunking)
        self.timeline = timeline
    }

    /// Some of the reply's audio has been handed to the playout queue.
    var isAudible: Bool { timeline.firstFrameSent != nil }

    var hasLiveSynthesis: Bool { utterances.contains(where: \.synthesisLive) }

    var hasUnplayedAudio: Bool { playedCount < queued.count }

    var unresolvedToolCalls: [ToolCall] { segments.flatMap(\.unresolved) }

    /// Everything is said, played and answered: the reply can end.
    var isComplete: Bool {
        // `head` only moves past utterances whose synthesis ended.
        generation == nil && textComplete && head == utterances.count && !hasUnplayedAudio
            && unresolvedToolCalls.isEmpty
    }

    func index(of id: UtteranceID) -> Int? {
        guard let first = utterances.first?.id.rawValue else { return nil }
        let index = id.rawValue - first  // ids of one reply are consecutive
        return utterances.indices.contains(index) && utterances[index].id == id ? index : nil
    }
}

/// One sentence (or cached phrase) of a reply and what became of its audio.
struct Utterance: Sendable {
    struct Chunk: Sendable {
        var id: ChunkID
        var duration: Duration
        var mark: MarkID?
        var played = false
        /// Dropped by `cancelTTS` before it was enqueued: never played.
        var dropped = false
    }

    let id: UtteranceID
    let text: String
    /// The tool round the sentence belongs to.
    let segment: Int
    /// Set for cached phrases (one pseudo-chunk, enqueued with `playPhrase`).
    let phrase: CannedPhrase?
    var chunks: [Chunk] = []
    var enqueuedCount = 0
    /// Synthesis was requested and has not ended: its audio may still arrive.
    var synthesisLive: Bool { !synthesisEnded }
    /// `ttsDone` arrived: the total audio length is known.
    var synthesisComplete: Bool
    /// No more audio will come (done, failed or cancelled).
    var synthesisEnded: Bool

    /// What the caller heard of this utterance: played audio over total audio, as whole words. While the
    /// total is unknown it is estimated from the text at `speechPerCharacter`.
    func heardText(speechPerCharacter: Duration) -> String {
        guard !chunks.isEmpty else { return "" }
        if phrase != nil { return chunks[0].played ? text : "" }
        var played = Duration.zero
        var received = Duration.zero
        for chunk in chunks {
            received += chunk.duration
            if chunk.played { played += chunk.duration }
        }
        if synthesisComplete, played == received, !chunks.contains(where: { !$0.played }) { return text }
        let total = synthesisComplete ? received : max(received, speechPerCharacter * text.count)
        return HeardText.prefix(of: text, fraction: HeardText.fraction(played: played, of: total))
    }
}
