import Media

/// Cuts a stream of 20 ms frames into utterances by level alone, for batch transcription: speech starts
/// at the first frame above `SpeechEnergy.thresholdDBFS` (with `preRollFrames` of what came before),
/// and ends after `silenceFrames` quiet frames in a row or at `maxFrames`. Pure and bounded: it holds
/// at most one utterance plus the pre-roll.
struct EnergyEndpointer: Sendable {
    /// What a frame did.
    enum Step: Sendable, Equatable {
        case nothing
        /// Speech began with this frame.
        case started
        /// An utterance is complete: its samples (pre-roll and trailing silence included).
        case ended([Int16])
    }

    let silenceFrames: Int
    let maxFrames: Int
    let preRollFrames: Int
    private var preRoll: [[Int16]] = []
    private var utterance: [Int16] = []
    private var frames = 0
    private var quietRun = 0
    private(set) var inSpeech = false

    init(silenceFrames: Int, maxFrames: Int, preRollFrames: Int) {
        self.silenceFrames = max(1, silenceFrames)
        self.maxFrames = max(1, maxFrames)
        self.preRollFrames = max(0, preRollFrames)
    }

    mutating func push(_ samples: [Int16], isSpeech: Bool) -> Step {
        guard inSpeech else {
            guard isSpeech else {
                if preRollFrames > 0 {
                    preRoll.append(samples)
                    if preRoll.count > preRollFrames { preRoll.removeFirst() }
                }
                return .nothing
            }
            inSpeech = true
            utterance = preRoll.flatMap { $0 } + samples
            preRoll.removeAll()
            frames = 1
            quietRun = 0
            return .started
        }
        utterance += samples
        frames += 1
        quietRun = isSpeech ? 0 : quietRun + 1
        guard quietRun >= silenceFrames || frames >= maxFrames else { return .nothing }
        return .ended(takeUtterance())
    }

    /// The utterance in progress, if any (at the end of the audio).
    mutating func flush() -> [Int16]? {
        inSpeech ? takeUtterance() : nil
    }

    private mutating func takeUtterance() -> [Int16] {
        defer {
            utterance = []
            inSpeech = false
            frames = 0
            quietRun = 0
        }
        return utterance
    }
}
