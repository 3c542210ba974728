import Agents
import Media
import Net
import Speech
import Synchronization

/// One batch-transcribed stream: frames go through an `EnergyEndpointer` on the caller's thread (cheap:
/// one level per frame), complete utterances queue (at most `maxQueuedUtterances`) for one worker task
/// that sends them in order and yields `final` + `utteranceEnd` per answer.
///
/// `finishAudio` sends the utterance in progress, and the stream ends after the last answer. `cancel`
/// (or dropping/cancelling `events`) cancels the worker, which aborts a request in flight, and ends the
/// stream with nothing more. A failure yields exactly one `failed`, last.
public final class OpenAITranscriptionSession: TranscriptionSession {
    public let events: AsyncStream<TranscriptEvent>
    private let continuation: AsyncStream<TranscriptEvent>.Continuation
    private let utterances: AsyncStream<[Int16]>.Continuation
    private let sampleRate: SampleRate
    private let maxQueued: Int
    private let state: Mutex<State>
    private let worker = Mutex<Task<Void, Never>?>(nil)

    private struct State: ~Copyable {
        var endpointer: EnergyEndpointer
        var queued = 0
        var finished = false
        var ended = false
    }

    init(request: TranscriptionRequest, settings: OpenAITranscriptionSettings, apiKey: Secret, http: StreamingHTTPClient) {
        (events, continuation) = AsyncStream.makeStream(of: TranscriptEvent.self)
        let (queue, utterances) = AsyncStream.makeStream(of: [Int16].self)
        self.utterances = utterances
        sampleRate = request.format.sampleRate
        maxQueued = settings.maxQueuedUtterances
        let frameMilliseconds = AudioFrame.durationMilliseconds
        state = Mutex(State(endpointer: EnergyEndpointer(
            silenceFrames: Int(settings.silence / .milliseconds(frameMilliseconds)),
            maxFrames: settings.maxUtteranceMilliseconds / frameMilliseconds,
            preRollFrames: settings.preRollMilliseconds / frameMilliseconds)))
        let call = OpenAITranscriptionCall(settings: settings, request: request, apiKey: apiKey, http: http)
        continuation.onTermination = { [weak self] _ in self?.cancel() }
        let task = Task { [weak self] in
            for await samples in queue {
                let result: Result<String, ProviderError>
                do throws(ProviderError) { result = .success(try await call.transcribe(samples)) } catch { result = .failure(error) }
                guard let self, !Task.isCancelled else { return }
                switch result {
                case .success(let text): self.answered(text)
                case .failure(let error): self.fail(error); return
                }
            }
            self?.endCleanly()
        }
        worker.withLock { $0 = task }
    }

    public func send(_ frame: AudioFrame) throws(ProviderError) {
        guard frame.sampleRate == sampleRate else {
            throw .badRequest(detail: "session takes \(sampleRate.hertz) Hz frames, got \(frame.sampleRate.hertz) Hz")
        }
        let speech = SpeechEnergy.isSpeech(frame)
        enum Next { case closed, overflow, nothing, utterance([Int16]) }
        let next = state.withLock { state -> Next in
            guard !state.ended, !state.finished else { return .closed }
            switch state.endpointer.push(frame.samples, isSpeech: speech) {
            case .nothing: return .nothing
            case .started:
                continuation.yield(.speechStarted)  // under the lock, like every event: never after `failed`
                return .nothing
            case .ended(let samples):
                guard state.queued < maxQueued else { return .overflow }
                state.queued += 1
                return .utterance(samples)
            }
        }
        switch next {
        case .closed: throw .connectionLost
        case .overflow:
            fail(.overloaded)
            throw .connectionLost
        case .nothing: break
        case .utterance(let samples): utterances.yield(samples)
        }
    }

    public func finishAudio() {
        let last = state.withLock { state -> [Int16]?? in
            guard !state.ended, !state.finished else { return nil }
            state.finished = true
            return .some(state.endpointer.flush())
        }
        guard let last else { return }
        if let samples = last { utterances.yield(samples) }
        utterances.finish()
    }

    public func cancel() {
        guard end() else { return }
        continuation.finish()
    }

    private func answered(_ text: String) {
        // Yielded under the lock, so a failure from the sending thread cannot come between or before them.
        state.withLock { state in
            state.queued = max(0, state.queued - 1)
            guard !state.ended else { return }
            if !text.isEmpty { continuation.yield(.final(text, confidence: nil)) }
            continuation.yield(.utteranceEnd)
        }
    }

    private func fail(_ error: ProviderError) {
        guard end(lastEvent: .failed(error)) else { return }
        continuation.finish()
    }

    private func endCleanly() {
        guard end() else { return }
        continuation.finish()
    }

    /// Marks the session ended (yielding `lastEvent` under the lock) and stops the worker; false if it
    /// had ended. The caller finishes the stream outside the lock (`onTermination` calls `cancel`).
    private func end(lastEvent: TranscriptEvent? = nil) -> Bool {
        let first = state.withLock { state -> Bool in
            guard !state.ended else { return false }
            state.ended = true
            if let lastEvent { continuation.yield(lastEvent) }
            return true
        }
        guard first else { return false }
        utterances.finish()
        worker.withLock { $0 }?.cancel()  // a worker failing cancels itself harmlessly: it returns next
        return true
    }
}
