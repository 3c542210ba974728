import Speech

/// A language model on the real clock: its first token after `firstToken()` (seeded by the bench), then
/// the rest at once; or `failed(.overloaded)` after that wait when `fails`. Cancelling the stream stops it.
struct TimedModel: LanguageModel {
    let name: String
    let firstToken: @Sendable () -> Duration
    var fails = false
    /// Called with the instant the failure was yielded (failover timing).
    var failedAt: (@Sendable (ContinuousClock.Instant) -> Void)?

    func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: CompletionEvent.self)
        let wait = firstToken()
        let task = Task { [fails, failedAt] in
            do { try await Task.sleep(for: wait) } catch { return }
            if fails {
                failedAt?(ContinuousClock.now)
                continuation.yield(.failed(.overloaded))
            } else {
                for word in ["It", " is", " sunny."] { continuation.yield(.token(word)) }
                continuation.yield(.done(nil))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

/// A voice on the real clock: first audio after `firstAudio()`, or a failure after `failAfterAudio` of
/// audio when set (mid-sentence failure).
struct TimedVoice: TextToSpeech {
    let name: String
    let firstAudio: @Sendable () -> Duration
    var failAfterAudio: Duration?
    var failedAt: (@Sendable (ContinuousClock.Instant) -> Void)?

    func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: SynthesisEvent.self)
        let wait = firstAudio()
        let task = Task { [failAfterAudio, failedAt] in
            do { try await Task.sleep(for: wait) } catch { return }
            let chunk = AudioChunk(format: request.format, bytes: [UInt8](repeating: 1, count: 1600))
            if let failAfterAudio {
                if failAfterAudio > .zero { continuation.yield(.audio(chunk)) }
                failedAt?(ContinuousClock.now)
                continuation.yield(.failed(.connectionLost))
            } else {
                for _ in 0..<3 { continuation.yield(.audio(chunk)) }
                continuation.yield(.done)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
