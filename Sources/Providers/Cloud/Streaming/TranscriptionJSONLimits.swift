import Wire

extension JSONParser {
    /// Limits for streaming speech-to-text messages (Deepgram, AssemblyAI, OpenAI transcriptions): a
    /// result with word timings for a long utterance stays well under 256 KiB, and a transcript of
    /// minutes of speech fits in a 256 KiB string.
    public static let transcriptionMessages = JSONParser(maxBytes: 1 << 20, maxStringBytes: 256 * 1024)
}
