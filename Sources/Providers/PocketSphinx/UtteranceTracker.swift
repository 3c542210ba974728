import Speech

/// Turns pocketsphinx's per-frame "in speech" flag into transcript events: `speechStarted` when it
/// enters speech, a `partial` every `partialInterval` frames of speech when the hypothesis changed, and
/// at the end of speech (or of the audio) the `final` and `utteranceEnd`. Pure bookkeeping; the
/// session's worker asks the decoder what `Step` says.
struct UtteranceTracker: Sendable {
    /// What the worker does after one frame.
    enum Step: Equatable {
        case nothing
        /// Speech began: report it.
        case speechStarted
        /// Read the current hypothesis and pass it to `partial(_:)`.
        case readPartial
        /// Speech ended: end the utterance, report the hypothesis as final, start the next one.
        case endUtterance
    }

    /// Frames of speech between two looks at the partial hypothesis.
    let partialInterval: Int
    private(set) var speaking = false
    private var framesSincePartial = 0
    private var lastPartial = ""

    init(partialInterval: Int) {
        self.partialInterval = max(1, partialInterval)
    }

    /// Records one processed frame and says what to do.
    mutating func frameProcessed(inSpeech: Bool) -> Step {
        switch (speaking, inSpeech) {
        case (false, true):
            speaking = true
            framesSincePartial = 0
            lastPartial = ""
            return .speechStarted
        case (true, true):
            framesSincePartial += 1
            guard framesSincePartial >= partialInterval else { return .nothing }
            framesSincePartial = 0
            return .readPartial
        case (true, false):
            speaking = false
            return .endUtterance
        case (false, false):
            return .nothing
        }
    }

    /// The partial event for `hypothesis`, when it says something new.
    mutating func partial(_ hypothesis: String?) -> TranscriptEvent? {
        guard let hypothesis, !hypothesis.isEmpty, hypothesis != lastPartial else { return nil }
        lastPartial = hypothesis
        return .partial(hypothesis)
    }

    /// The events closing an utterance whose final hypothesis is `hypothesis`: the final (when it has
    /// words) and the utterance end.
    mutating func close(with hypothesis: String?) -> [TranscriptEvent] {
        speaking = false
        lastPartial = ""
        guard let hypothesis, !hypothesis.isEmpty else { return [.utteranceEnd] }
        return [.final(hypothesis, confidence: nil), .utteranceEnd]
    }
}
