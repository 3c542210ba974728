import Speech

/// The espeak-ng command line for one sentence: pure, so what is run is testable without running it.
/// The text goes after `--`, so text starting with `-` is spoken, never read as an option; SSML is
/// off (no `-m`), so markup in a reply is spoken as written.
struct EspeakCommand: Sendable, Hashable {
    /// espeak-ng's `-s` range in words per minute (espeak-ng(1): 80 to 450).
    static let wordsPerMinuteRange = 80...450
    /// espeak-ng's `-p` pitch range.
    static let pitchRange = 0...99
    /// espeak-ng's default speed, `-s 175`: what `speaking_rate: 1.0` means.
    static let normalWordsPerMinute = 175.0

    var executable: String
    var arguments: [String]

    /// The command, or the reason the request cannot be run (a voice name that is not a plain identifier).
    static func make(text: String, voice: String, wordsPerMinute: Int, pitch: Int?,
                     executable: String) -> Result<EspeakCommand, ProviderError> {
        guard isPlainVoiceName(voice) else {
            return .failure(.badRequest(detail: "espeak voice \"\(voice)\" is not a voice name "
                                        + "(letters, digits and -_+/ only; see espeak-ng --voices)"))
        }
        var arguments = ["--stdout", "-v", voice, "-s", String(wordsPerMinute.clamped(to: wordsPerMinuteRange))]
        if let pitch { arguments += ["-p", String(pitch.clamped(to: pitchRange))] }
        arguments += ["--", String(text.unicodeScalars.filter { $0 != "\0" })]
        return .success(EspeakCommand(executable: executable, arguments: arguments))
    }

    /// Voice names such as `en-us`, `en-gb-x-rp`, `mb/mb-us1`, `en-us+f3`.
    static func isPlainVoiceName(_ voice: String) -> Bool {
        guard let first = voice.unicodeScalars.first, first != "-", voice.unicodeScalars.count <= 64 else { return false }
        return voice.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || "-_+/".unicodeScalars.contains($0)) }
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
