import Media
import Speech
import Synchronization

/// The caller's typed lines, as a speech-to-text provider would report them: each line becomes
/// `speechStarted`, `final(line)` and `utteranceEnd` on the call's open transcription session. Lines
/// typed before the session opened wait for it.
final class TypedSpeech: Sendable {
    private struct State {
        var continuation: AsyncStream<TranscriptEvent>.Continuation?
        var waiting: [TranscriptEvent] = []
    }

    private let state = Mutex(State())

    /// The events of a newly opened session (the previous one, if any, ends).
    func open() -> AsyncStream<TranscriptEvent> {
        let (events, continuation) = AsyncStream.makeStream(of: TranscriptEvent.self)
        let waiting = state.withLock { state in
            state.continuation?.finish()
            state.continuation = continuation
            defer { state.waiting = [] }
            return state.waiting
        }
        waiting.forEach { continuation.yield($0) }
        return events
    }

    /// Reports `line` as one finished utterance.
    func say(_ line: String) {
        let events: [TranscriptEvent] = [.speechStarted, .final(line, confidence: 1), .utteranceEnd]
        let continuation = state.withLock { state in
            if state.continuation == nil { state.waiting += events }
            return state.continuation
        }
        events.forEach { continuation?.yield($0) }
    }

    /// Ends the open session's events.
    func close() {
        state.withLock { state in
            state.continuation?.finish()
            state.continuation = nil
        }
    }
}

/// A `SpeechToText` whose sessions hear typed lines (`TypedSpeech`) instead of audio: frames are
/// accepted and ignored. Used by `switchboard chat`.
struct TypedSpeechToText: SpeechToText {
    let name = "typed"
    let speech: TypedSpeech

    func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        TypedTranscriptionSession(events: speech.open(), speech: speech)
    }
}

/// One session of `TypedSpeechToText`.
struct TypedTranscriptionSession: TranscriptionSession {
    let events: AsyncStream<TranscriptEvent>
    let speech: TypedSpeech

    func send(_ frame: AudioFrame) throws(ProviderError) {}
    func finishAudio() { speech.close() }
    func cancel() { speech.close() }
}
