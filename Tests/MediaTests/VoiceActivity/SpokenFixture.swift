@testable import Media

/// Two espeak-ng sentences separated by known silence, and where their speech really is (from the clean
/// signal's frame energy), for the VAD tests.
struct SpokenFixture {
    static let leadingSilenceSeconds = 0.6, gapSeconds = 1.0, trailingSilenceSeconds = 0.8
    let rate: SampleRate
    /// Silence, sentence one, silence, sentence two, silence: digital zeros between the sentences.
    let clean: [Int16]
    /// Sample ranges of the two (trimmed) sentences within `clean`.
    let sentences: [Range<Int>]

    init(rate: SampleRate) throws {
        self.rate = rate
        let first = try Speech.render("The quick brown fox jumps over the lazy dog.", rate: rate)
        let second = try Speech.render("Please call me back tomorrow morning.", rate: rate)
        func silence(_ seconds: Double) -> [Int16] { [Int16](repeating: 0, count: Int(seconds * Double(rate.hertz))) }
        let lead = silence(Self.leadingSilenceSeconds), gap = silence(Self.gapSeconds)
        clean = lead + first + gap + second + silence(Self.trailingSilenceSeconds)
        let secondStart = lead.count + first.count + gap.count
        sentences = [lead.count..<(lead.count + first.count), secondStart..<(secondStart + second.count)]
    }

    static let at8k = Result { try SpokenFixture(rate: .hz8000) }
    static let at16k = Result { try SpokenFixture(rate: .hz16000) }

    static func at(_ rate: SampleRate) throws -> SpokenFixture {
        try (rate == .hz8000 ? at8k : at16k).get()
    }

    /// Ground truth: frames of the clean signal louder than `thresholdDBFS`, merged across gaps shorter
    /// than the hangover and dropped when shorter than the minimum speech duration — the detector's
    /// stated definition applied to the clean signal. Returns (first frame, first frame after) pairs.
    func voicedSegments(thresholdDBFS: Float, timing: VoiceActivityTiming) -> [(start: Int, end: Int)] {
        let size = rate.samplesPerFrame
        let loud = stride(from: 0, to: clean.count - size + 1, by: size).map {
            Signals.decibels(Signals.rms(clean[$0..<($0 + size)]) / 32_768) > Double(thresholdDBFS)
        }
        var runs: [(start: Int, end: Int)] = []
        var index = 0
        while index < loud.count {
            guard loud[index] else { index += 1; continue }
            let start = index
            while index < loud.count && loud[index] { index += 1 }
            runs.append((start, index))
        }
        var segments: [(start: Int, end: Int)] = []
        var current: (start: Int, end: Int)?
        for run in runs {
            if var open = current {
                if run.start - open.end < max(1, timing.hangoverFrames) {  // a pause inside the utterance
                    open.end = run.end
                    current = open
                    continue
                }
                segments.append(open)
                current = nil
            }
            if run.end - run.start >= timing.minimumSpeechFrames { current = run }
        }
        if let open = current { segments.append(open) }
        return segments
    }
}
