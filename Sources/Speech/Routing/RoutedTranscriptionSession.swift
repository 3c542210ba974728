import Media
import Synchronization

/// The session `FallbackSpeechToText` returns: one provider's session at a time behind one event stream,
/// replaced by the next provider's (with the audio since the last final replayed) when it fails.
///
/// Frames are kept in the ring and sent to the current session outside the lock; a replacement is given
/// the ring's frames and made current under the lock, so every frame reaches the new session exactly once
/// and in order. One task reads the current session's events and performs failovers.
final class RoutedTranscriptionSession: TranscriptionSession {
    private struct State: Sendable {
        var current: (any TranscriptionSession)?
        /// Numbers each inner session; a refused frame fails over only the session it was sent to.
        var generation = 0
        var sendFailure: ProviderError?
        var ring: ReplayRing
        var finishRequested = false
        var closed = false
        var pump: Task<Void, Never>?
    }

    let events: AsyncStream<TranscriptEvent>
    private let output: AsyncStream<TranscriptEvent>.Continuation
    private let router: FallbackSpeechToText
    private let request: TranscriptionRequest
    private let state: Mutex<State>

    init(router: FallbackSpeechToText, request: TranscriptionRequest, session: any TranscriptionSession, provider: Int) {
        self.router = router
        self.request = request
        (events, output) = AsyncStream.makeStream(of: TranscriptEvent.self)
        state = Mutex(State(current: session, ring: ReplayRing(capacity: router.replayFrames)))
        output.onTermination = { [weak self] _ in self?.cancel() }
        let pump = Task { [self] in await self.pump(session, provider: provider) }
        let closed = state.withLock { state in
            state.pump = pump
            return state.closed
        }
        if closed { pump.cancel() }
    }

    func send(_ frame: AudioFrame) throws(ProviderError) {
        let (session, generation) = try state.withLock { (state) throws(ProviderError) in
            guard !state.closed else { throw ProviderError.connectionLost }
            state.ring.append(frame)
            return (state.current, state.generation)
        }
        guard let session else { return }  // failing over: the ring replays it
        do throws(ProviderError) {
            try session.send(frame)
        } catch {
            let failed = state.withLock { state in
                guard state.generation == generation, state.current != nil else { return false }
                state.sendFailure = error
                state.current = nil
                return true
            }
            if failed { session.cancel() }  // ends its events: the pump fails over
        }
    }

    func finishAudio() {
        let session = state.withLock { state in
            state.finishRequested = true
            return state.current
        }
        session?.finishAudio()
    }

    /// Fails the current provider with `error` as if it had refused a frame: the pump fails over to the
    /// next provider, replaying the ring, or reports `failed` when none is left. True unless closed.
    func replaceProvider(after error: ProviderError) -> Bool {
        let (accepted, session) = state.withLock { state -> (Bool, (any TranscriptionSession)?) in
            guard !state.closed else { return (false, nil) }
            guard let current = state.current else { return (true, nil) }  // already failing over
            state.sendFailure = error
            state.current = nil
            return (true, current)
        }
        session?.cancel()  // ends its events: the pump fails over
        return accepted
    }

    func cancel() {
        let (session, pump) = state.withLock { state in
            let taken = (state.closed ? nil : state.current, state.pump)
            state.closed = true
            state.current = nil
            return taken
        }
        session?.cancel()
        pump?.cancel()
        output.finish()
    }

    /// Reads the current session; on its failure, opens the next provider and goes on with it.
    private func pump(_ first: any TranscriptionSession, provider firstIndex: Int) async {
        var session = first
        var index = firstIndex
        var failedAt: RoutingClock.Instant?
        while true {
            var answered = false
            var error: ProviderError?
            for await event in session.events {
                if case .failed(let failure) = event {
                    error = failure
                    break
                }
                if !answered, event.isResult {
                    answered = true
                    router.report(router.providers[index].breaker.record(nil), router.providers[index])
                    if let at = failedAt {
                        failedAt = nil
                        router.observer.fallbackResponded(.speechToText, provider: router.providers[index].name,
                                                          afterFailure: at.duration(to: router.clock.now))
                    }
                }
                if case .final = event { state.withLock { $0.ring.removeAll() } }
                output.yield(event)
            }
            let (closed, finishing, refused) = state.withLock { state in
                defer { state.sendFailure = nil }
                return (state.closed, state.finishRequested, state.sendFailure)
            }
            let routed = router.providers[index]
            if Task.isCancelled || closed {
                if !answered { routed.breaker.release() }
                return
            }
            if error == nil, refused == nil, finishing {
                if !answered { router.report(routed.breaker.record(nil), routed) }
                output.finish()
                return
            }
            let failure = error ?? refused ?? .connectionLost
            session.cancel()
            router.report(routed.breaker.record(failure), routed)
            if failedAt == nil { failedAt = router.clock.now }
            state.withLock { state in
                state.current = nil
                state.generation += 1
            }
            switch await router.open(request, from: index + 1, lastError: failure) {
            case .success(let (next, nextIndex)):
                router.observer.failedOver(.speechToText, from: routed.name, to: router.providers[nextIndex].name,
                                           error: failure, midStream: true)
                guard attach(next, replayLimit: router.providers[nextIndex].provider.replayLimit) else { return next.cancel() }
                session = next
                index = nextIndex
            case .failure(let last):
                router.observer.failedOver(.speechToText, from: routed.name, to: nil, error: failure, midStream: true)
                state.withLock { $0.closed = true }
                output.yield(.failed(last == .cancelled ? failure : last))
                output.finish()
                return
            }
        }
    }

    /// Replays the ring (its newest `replayLimit` of audio when the provider sets one) into `next` and
    /// makes it current; false when the routed session was closed meanwhile.
    private func attach(_ next: any TranscriptionSession, replayLimit: Duration?) -> Bool {
        let replayError: ProviderError? = state.withLock { state in
            guard !state.closed else { return .cancelled }
            do throws(ProviderError) {
                var frames = state.ring.frames
                if let replayLimit {
                    let keep = max(0, Int(replayLimit / .milliseconds(AudioFrame.durationMilliseconds)))
                    frames = Array(frames.suffix(keep))
                }
                for frame in frames { try next.send(frame) }
            } catch {
                state.sendFailure = error
                return error
            }
            state.current = next
            if state.finishRequested { next.finishAudio() }
            return nil
        }
        if replayError == .cancelled { return false }
        if replayError != nil { next.cancel() }  // its events end; the pump fails over again
        return true
    }
}

extension TranscriptEvent {
    /// A transcript result (the provider is answering), as opposed to VAD news or a failure.
    var isResult: Bool {
        switch self {
        case .partial, .final: true
        case .speechStarted, .utteranceEnd, .failed: false
        }
    }
}
