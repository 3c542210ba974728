/// Decides, frame by frame, whether a 20 ms frame holds speech. The raw per-frame decision that
/// `VoiceActivityDetector` turns into debounced speech-start / speech-end edges. Conformers may keep
/// state (noise estimates) across frames of one stream.
public protocol SpeechFrameClassifier {
    /// Whether `frame` (one 20 ms frame of the stream) holds speech; updates any running estimate.
    mutating func isSpeech(_ frame: UnsafeBufferPointer<Int16>) -> Bool
    /// Forgets everything learned from the stream so far.
    mutating func reset()
}
