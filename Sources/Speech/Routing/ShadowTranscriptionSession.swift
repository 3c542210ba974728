import Media
import Synchronization

/// The session `ShadowSpeechToText` returns: the primary session, with every frame it accepts teed to
/// the shadow session (queued while the shadow opens). See `ShadowSpeechToText` for the guarantees.
final class ShadowTranscriptionSession<C: Clock>: TranscriptionSession where C.Duration == Duration {
    private enum Shadow {
        case opening(pending: [AudioFrame])
        case open(any TranscriptionSession)
        case closed
    }

    private struct State {
        var shadow: Shadow = .opening(pending: [])
        var opener: Task<Void, Never>?
        var collector: Task<Void, Never>?
        var finishRequested = false
        var cancelled = false
        var shadowFailure: ProviderError?
        var firstFrameAt: C.Instant?
        var primaryFirstResultAt: C.Instant?
        var shadowFirstResultAt: C.Instant?
        var shadowFinals: [String] = []
        var shadowCompleted = false
    }

    let events: AsyncStream<TranscriptEvent>
    private let primary: any TranscriptionSession
    private let primaryName: String
    private let shadowName: String
    private let clock: C
    private let policy: ShadowPolicy
    private let observer: ShadowObserver
    private let state = Mutex(State())

    init(primary: any TranscriptionSession, primaryName: String, shadowName: String, clock: C, policy: ShadowPolicy,
         observer: @escaping ShadowObserver) {
        self.primary = primary
        self.primaryName = primaryName
        self.shadowName = shadowName
        self.clock = clock
        self.policy = policy
        self.observer = observer
        let (events, continuation) = AsyncStream.makeStream(of: TranscriptEvent.self)
        self.events = events
        let forwarder = Task { [primary] in
            var finals: [String] = []
            var outcome = ShadowOutcome.cancelled
            for await event in primary.events {
                switch event {
                case .partial, .final:
                    self.noteFirstResult(primary: true)
                    if case .final(let text, _) = event { finals.append(text) }
                case .failed(let error): outcome = .failed(error)
                case .speechStarted, .utteranceEnd: break
                }
                continuation.yield(event)
            }
            continuation.finish()
            if case .cancelled = outcome, !Task.isCancelled, !self.isCancelled { outcome = .completed }
            await self.primaryEnded(finals: finals, outcome: outcome, byOwner: Task.isCancelled || self.isCancelled)
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination { forwarder.cancel() }
        }
    }

    // MARK: The caller's side

    func send(_ frame: AudioFrame) throws(ProviderError) {
        try primary.send(frame)
        let dropped: (any TranscriptionSession)? = state.withLock { state in
            if state.firstFrameAt == nil { state.firstFrameAt = clock.now }
            switch state.shadow {
            case .opening(var pending):
                guard pending.count < policy.maximumPendingFrames else {
                    Self.fail(&state, .overloaded)
                    return nil
                }
                state.shadow = .closed  // release the array while appending, so it is not copied
                pending.append(frame)
                state.shadow = .opening(pending: pending)
                return nil
            case .open(let session):
                do throws(ProviderError) {
                    try session.send(frame)
                    return nil
                } catch {
                    Self.fail(&state, error)
                    return session
                }
            case .closed:
                return nil
            }
        }
        dropped?.cancel()
    }

    func finishAudio() {
        primary.finishAudio()
        let open: (any TranscriptionSession)? = state.withLock { state in
            state.finishRequested = true
            if case .open(let session) = state.shadow { return session }
            return nil
        }
        open?.finishAudio()
    }

    func cancel() {
        state.withLock { $0.cancelled = true }
        primary.cancel()
        closeShadow()
    }

    // MARK: The shadow's side

    /// Starts opening the shadow; `open` returns the task doing it (kept so closing can cancel it).
    func startShadow(_ open: () -> Task<Void, Never>) {
        let task = open()
        let closed = state.withLock { state in
            state.opener = task
            if case .closed = state.shadow { return true }
            return false
        }
        if closed { task.cancel() }
    }

    func shadowOpened(_ session: any TranscriptionSession) {
        let accepted: Bool = state.withLock { state in
            guard case .opening(let pending) = state.shadow else { return false }
            for frame in pending {
                do throws(ProviderError) { try session.send(frame) } catch {
                    Self.fail(&state, error)
                    return false
                }
            }
            if state.finishRequested { session.finishAudio() }
            state.shadow = .open(session)
            state.collector = Task { await self.collect(session.events) }
            return true
        }
        if !accepted { session.cancel() }
    }

    func shadowFailed(_ error: ProviderError) {
        state.withLock { state in
            if case .opening = state.shadow { Self.fail(&state, error) }
        }
    }

    private func collect(_ events: AsyncStream<TranscriptEvent>) async {
        for await event in events {
            switch event {
            case .partial: noteFirstResult(primary: false)
            case .final(let text, _):
                noteFirstResult(primary: false)
                state.withLock { $0.shadowFinals.append(text) }
            case .failed(let error): state.withLock { Self.fail(&$0, error) }
            case .speechStarted, .utteranceEnd: break
            }
        }
        state.withLock { state in
            if state.shadowFailure == nil, case .open = state.shadow { state.shadowCompleted = true }
        }
    }

    private static func fail(_ state: inout State, _ error: ProviderError) {
        if state.shadowFailure == nil { state.shadowFailure = error }
        state.shadow = .closed
    }

    // MARK: Ending

    private var isCancelled: Bool { state.withLock { $0.cancelled } }

    private func noteFirstResult(primary: Bool) {
        let now = clock.now
        state.withLock { state in
            if primary, state.primaryFirstResultAt == nil { state.primaryFirstResultAt = now }
            if !primary, state.shadowFirstResultAt == nil { state.shadowFirstResultAt = now }
        }
    }

    /// Closes the shadow: cancels its opening or its session. The collector then ends.
    private func closeShadow() {
        let (opener, session): (Task<Void, Never>?, (any TranscriptionSession)?) = state.withLock { state in
            defer { state.shadow = .closed }
            if case .open(let session) = state.shadow { return (nil, session) }
            if case .opening = state.shadow { return (state.opener, nil) }
            return (nil, nil)
        }
        opener?.cancel()
        session?.cancel()
    }

    private func primaryEnded(finals: [String], outcome: ShadowOutcome, byOwner: Bool) async {
        var graceTimer: Task<Void, Never>?
        if byOwner {
            closeShadow()
        } else {
            graceTimer = Task { [clock, policy] in
                try? await clock.sleep(until: clock.now.advanced(by: policy.completionGrace), tolerance: nil)
                guard !Task.isCancelled else { return }
                self.closeShadow()
            }
        }
        await waitForShadow()
        graceTimer?.cancel()
        closeShadow()
        let snapshot = state.withLock { $0 }
        let primaryText = finals.joined(separator: " ")
        let shadowText = snapshot.shadowFinals.joined(separator: " ")
        let shadowOutcome: ShadowOutcome = snapshot.shadowFailure.map { .failed($0) }
            ?? (snapshot.shadowCompleted ? .completed : .cancelled)
        let primarySide = ShadowSide(provider: primaryName, firstResultLatency: latency(to: snapshot.primaryFirstResultAt, in: snapshot),
                                     text: primaryText, outcome: outcome)
        let shadowSide = ShadowSide(provider: shadowName, firstResultLatency: latency(to: snapshot.shadowFirstResultAt, in: snapshot),
                                    text: shadowText, outcome: shadowOutcome)
        observer(ShadowReport(layer: .stt, primary: primarySide, shadow: shadowSide,
                              wordErrorRate: .between(reference: primaryText, hypothesis: shadowText)))
    }

    /// Waits until the shadow's results stopped: its collector ended, or it never opened.
    private func waitForShadow() async {
        while true {
            let (shadow, collector) = state.withLock { ($0.shadow, $0.collector) }
            switch shadow {
            case .open:
                await collector?.value
                return
            case .closed:
                await collector?.value
                return
            case .opening:
                // Still opening: closing it (by the grace timer or an owner's cancel) ends the wait.
                let opener = state.withLock { $0.opener }
                await opener?.value
                if case .opening = state.withLock({ $0.shadow }) { return }
            }
        }
    }

    private func latency(to instant: C.Instant?, in snapshot: State) -> Duration? {
        guard let instant, let start = snapshot.firstFrameAt else { return nil }
        return start.duration(to: instant)
    }
}
