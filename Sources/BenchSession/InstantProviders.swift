import Conversation
import Media
import Orchestrator
import Speech
import SwitchboardTesting

/// Speech-to-text that costs nothing per frame and says what the bench tells it to, at once.
final class InstantTranscription: SpeechToText {
    let name = "instant-stt"
    let opened = ObservationLog<InstantTranscriptionSession>()

    func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        let session = InstantTranscriptionSession()
        opened.append(session)
        return session
    }
}

final class InstantTranscriptionSession: TranscriptionSession {
    let events: AsyncStream<TranscriptEvent>
    private let continuation: AsyncStream<TranscriptEvent>.Continuation

    init() {
        (events, continuation) = AsyncStream.makeStream(of: TranscriptEvent.self)
    }

    func send(_ frame: AudioFrame) throws(ProviderError) {}
    func finishAudio() {}
    func cancel() { continuation.finish() }
    func say(_ text: String) { continuation.yield(.final(text, confidence: nil)) }
}

/// A language model that answers every request at once with one sentence.
struct InstantModel: LanguageModel {
    let name = "instant-llm"

    func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        AsyncStream { continuation in
            continuation.yield(.token("We open at nine. "))
            continuation.yield(.done(nil))
            continuation.finish()
        }
    }
}

/// Text-to-speech that answers every request at once with 200 ms of audio.
struct InstantVoice: TextToSpeech {
    let name = "instant-tts"
    let chunk = AudioChunk.filled(.milliseconds(200), format: .telephony, with: 0x7F)

    func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        AsyncStream { [chunk] continuation in
            continuation.yield(.audio(chunk))
            continuation.yield(.done)
            continuation.finish()
        }
    }
}

/// Plays everything at once: marks are reported back from inside `sendMark` (the session queues them),
/// and the first audio of each reply is timed.
final class InstantTransport: CallTransport, Sendable {
    private struct State {
        var session: CallSession?
        var firstAudio: ContinuousClock.Instant?
    }

    private let state = Guarded(State())
    /// One entry per reply whose audio was sent: the instant of its first chunk.
    let replies = ObservationLog<ContinuousClock.Instant>()

    func attach(_ session: CallSession) { state.withLock { $0.session = session } }

    func send(audio: AudioChunk) {
        let now = ContinuousClock.now
        let first = state.withLock { state -> Bool in
            defer { state.firstAudio = state.firstAudio ?? now }
            return state.firstAudio == nil
        }
        if first { replies.append(now) }
    }

    func sendMark(_ mark: MarkID) {
        state.withLock { $0.firstAudio = nil }
        state.value.session?.assumeIsolated { $0.playoutMarkReached(mark) }
    }

    func clear() {}
    func hangUp(_ reason: SessionEndReason) {}
}

/// Speech when the first sample is loud, at once: the cheapest possible detector.
struct FirstSampleDetector: SpeechActivityDetector {
    var speaking = false

    mutating func speechEdge(after frame: AudioFrame) -> SpeechActivityEdge? {
        let loud = frame.samples[0] > 1000
        guard loud != speaking else { return nil }
        speaking = loud
        return loud ? .started : .ended
    }
}
