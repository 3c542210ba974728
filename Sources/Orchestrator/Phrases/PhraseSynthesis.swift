import Conversation
import Speech

/// Synthesizes a whole phrase into memory: every chunk of one TTS stream, or the error that ended it.
public enum PhraseSynthesis {
    /// Runs `request` on `tts` to its end. A stream that ends with no terminal event counts as
    /// `connectionLost`, one that yields no audio as `malformedResponse`; cancelling the calling task
    /// cancels the stream.
    public static func audio(of request: SynthesisRequest, using tts: any TextToSpeech) async
        -> Result<[AudioChunk], ProviderError> {
        var chunks: [AudioChunk] = []
        for await event in tts.synthesize(request) {
            switch event {
            case .audio(let chunk):
                guard chunk.format == request.format else {
                    return .failure(.malformedResponse(detail: "phrase audio in \(chunk.format), expected \(request.format)"))
                }
                if !chunk.bytes.isEmpty { chunks.append(chunk) }
            case .done:
                return chunks.isEmpty ? .failure(.malformedResponse(detail: "no audio for \"\(request.text)\"")) : .success(chunks)
            case .failed(let error):
                return .failure(error)
            }
        }
        return .failure(Task.isCancelled ? .cancelled : .connectionLost)
    }
}

/// Canned-phrase audio per agent and format, synthesized once and shared by every call of that agent, so
/// calls start with their recovery and goodbye phrases ready even when TTS is down at the time. Phrases
/// that failed are tried again by the next caller.
public actor CannedPhraseCache {
    private struct Key: Hashable {
        var phrases: FixedPhrases
        var voice: String
        var format: AudioFormat
        var language: String
    }

    private struct GreetingKey: Hashable {
        var text: String
        var voice: String
        var format: AudioFormat
        var language: String
    }

    private var cache: [Key: CannedPhraseAudio] = [:]
    private var greetings: [GreetingKey: [AudioChunk]] = [:]
    /// Distinct greetings kept (per-call variables make one per caller): past this the cache is emptied.
    public static let maximumGreetings = 512

    public init() {}

    /// The audio of every session phrase of `phrases`, synthesizing what is not cached yet.
    public func audio(for phrases: FixedPhrases, voice: String, format: AudioFormat, language: String,
                      using tts: any TextToSpeech) async -> CannedPhraseAudio {
        let key = Key(phrases: phrases, voice: voice, format: format, language: language)
        var audio = cache[key] ?? CannedPhraseAudio(format: format)
        for phrase in audio.missingPhrases {
            let request = SynthesisRequest(text: phrases.text(of: phrase), voice: voice, format: format,
                                           language: language)
            if case .success(let chunks) = await PhraseSynthesis.audio(of: request, using: tts) {
                audio.set(chunks, for: phrase)
            }
        }
        // Another caller may have filled phrases meanwhile: keep everything known.
        var merged = cache[key] ?? CannedPhraseAudio(format: format)
        for phrase in CannedPhraseAudio.sessionPhrases where merged[phrase] == nil {
            if let chunks = audio[phrase] { merged.set(chunks, for: phrase) }
        }
        cache[key] = merged
        return merged
    }

    /// The audio of a rendered greeting, synthesizing it if it is not cached; nil when `tts` failed
    /// (tried again next time).
    public func greetingAudio(text: String, voice: String, format: AudioFormat, language: String,
                              using tts: any TextToSpeech) async -> [AudioChunk]? {
        let key = GreetingKey(text: text, voice: voice, format: format, language: language)
        if let chunks = greetings[key] { return chunks }
        let request = SynthesisRequest(text: text, voice: voice, format: format, language: language)
        guard case .success(let chunks) = await PhraseSynthesis.audio(of: request, using: tts) else { return nil }
        if greetings.count >= Self.maximumGreetings { greetings.removeAll(keepingCapacity: true) }
        greetings[key] = chunks
        return chunks
    }
}
