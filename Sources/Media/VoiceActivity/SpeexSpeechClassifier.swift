import CSpeexDSP

/// Classifies frames with the speexdsp preprocessor's voice activity detector (a speech probability
/// from its spectral noise estimate, with start/continue probability thresholds). An alternative to
/// `EnergySpeechClassifier`; owns the speex state of one stream (not thread-safe). The preprocessor
/// runs on a private copy, so the caller's frame is left as it was.
public final class SpeexSpeechClassifier: SpeechFrameClassifier {
    /// Rate of the frames it is given.
    public let sampleRate: SampleRate
    /// speex_preprocess.h `SPEEX_PREPROCESS_SET_PROB_START`: probability (%) to go from silence to speech.
    public let startProbabilityPercent: Int32
    /// `SPEEX_PREPROCESS_SET_PROB_CONTINUE`: probability (%) to stay in speech.
    public let continueProbabilityPercent: Int32
    private var state: OpaquePointer
    private var scratch: [Int16]

    /// speexdsp's own defaults are 35 % to start and 20 % to continue.
    public init(sampleRate: SampleRate, startProbabilityPercent: Int32 = 35, continueProbabilityPercent: Int32 = 20) throws(MediaError) {
        self.sampleRate = sampleRate
        self.startProbabilityPercent = startProbabilityPercent
        self.continueProbabilityPercent = continueProbabilityPercent
        scratch = [Int16](repeating: 0, count: sampleRate.samplesPerFrame)
        state = try Self.makeState(sampleRate, startProbabilityPercent, continueProbabilityPercent)
    }

    deinit { speex_preprocess_state_destroy(state) }

    public func isSpeech(_ frame: UnsafeBufferPointer<Int16>) -> Bool {
        precondition(frame.count == scratch.count, "speex VAD at \(sampleRate.hertz) Hz takes \(scratch.count)-sample frames")
        return scratch.withUnsafeMutableBufferPointer { copy in
            _ = copy.initialize(fromContentsOf: frame)
            return speex_preprocess_run(state, copy.baseAddress) == 1
        }
    }

    public func reset() {
        guard let fresh = try? Self.makeState(sampleRate, startProbabilityPercent, continueProbabilityPercent) else { return }
        speex_preprocess_state_destroy(state)
        state = fresh
    }

    private static func makeState(_ rate: SampleRate, _ start: Int32, _ proceed: Int32) throws(MediaError) -> OpaquePointer {
        guard let created = speex_preprocess_state_init(Int32(rate.samplesPerFrame), Int32(rate.hertz)) else {
            throw MediaError.library("speex_preprocess_state_init \(rate.hertz) Hz", code: 0)
        }
        _ = switchboard_speex_pp_set_int(created, SPEEX_PREPROCESS_SET_VAD, 1)
        _ = switchboard_speex_pp_set_int(created, SPEEX_PREPROCESS_SET_PROB_START, start)
        _ = switchboard_speex_pp_set_int(created, SPEEX_PREPROCESS_SET_PROB_CONTINUE, proceed)
        return created
    }
}
