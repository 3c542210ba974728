import Speech
import Synchronization

/// One synthesis request in flight: owns its event stream, enforces the deadlines (connect, first
/// audio, stall), and guarantees exactly one terminal event. The adapter's work runs in a task and
/// reports through `connected()` and `deliver(_:)`; its return value is the terminal event unless a
/// deadline or the consumer ended the run first. Ending by deadline or by the consumer (cancel or drop)
/// cancels the work task and runs the abort handler (close the HTTP transfer, send Cartesia's `cancel`).
final class SynthesisRun: Sendable {
    typealias Work = @Sendable (SynthesisRun) async -> SynthesisEvent

    private enum Phase: Equatable {
        case connecting, awaitingAudio, streaming, finished
    }

    private struct State {
        var phase: Phase
        var deadline: ContinuousClock.Instant
        var work: Task<Void, Never>?
        var watchdog: Task<Void, Never>?
        var abort: (@Sendable () -> Void)?
    }

    let format: AudioFormat
    let deadlines: TTSDeadlines
    private let continuation: AsyncStream<SynthesisEvent>.Continuation
    private let state: Mutex<State>

    private init(format: AudioFormat, deadlines: TTSDeadlines, continuation: AsyncStream<SynthesisEvent>.Continuation,
                 startsConnected: Bool) {
        self.format = format
        self.deadlines = deadlines
        self.continuation = continuation
        let now = ContinuousClock.now
        // HTTP adapters start "connected": curl's own connect timeout covers connecting, and the first-audio
        // deadline then counts from the start of the request, connect time included.
        let state = startsConnected
            ? State(phase: .awaitingAudio, deadline: now + deadlines.connect + deadlines.firstAudio)
            : State(phase: .connecting, deadline: now + deadlines.connect + deadlines.connect)
        self.state = Mutex(state)
    }

    /// Starts `work` and returns the stream the caller iterates.
    static func start(format: AudioFormat, deadlines: TTSDeadlines, startsConnected: Bool, work: @escaping Work)
        -> AsyncStream<SynthesisEvent>
    {
        let (stream, continuation) = AsyncStream<SynthesisEvent>.makeStream()
        let run = SynthesisRun(format: format, deadlines: deadlines, continuation: continuation, startsConnected: startsConnected)
        continuation.onTermination = { termination in
            if case .cancelled = termination { run.end(nil) }
        }
        let workTask = Task { run.end(await work(run), byWork: true) }
        let watchdog = Task { await run.watch() }
        let alreadyOver = run.state.withLock { state -> Bool in
            guard state.phase != .finished else { return true }
            state.work = workTask
            state.watchdog = watchdog
            return false
        }
        if alreadyOver {
            workTask.cancel()
            watchdog.cancel()
        }
        return stream
    }

    /// The request reached the provider (WebSocket open, message sent): the first-audio deadline starts.
    func connected() {
        state.withLock { state in
            guard state.phase == .connecting else { return }
            state.phase = .awaitingAudio
            state.deadline = .now + deadlines.firstAudio
        }
    }

    /// Provider bytes arrived (`bytes` may be empty when they did not complete a sample): the stall
    /// deadline restarts; non-empty audio is yielded. False once the run is over: stop working.
    @discardableResult
    func deliver(_ bytes: [UInt8]) -> Bool {
        let open = state.withLock { state -> Bool in
            guard state.phase != .finished else { return false }
            state.phase = .streaming
            state.deadline = .now + deadlines.stall
            return true
        }
        guard open else { return false }
        if !bytes.isEmpty { continuation.yield(.audio(AudioChunk(format: format, bytes: bytes))) }
        return true
    }

    /// Whether any provider bytes arrived yet (a stall then is mid-stream, not first-response).
    var hasStarted: Bool { state.withLock { $0.phase == .streaming } }

    /// Registers what to do if the run ends before the work finished (deadline or consumer).
    /// Runs at once if the run is already over.
    func onAbort(_ handler: @escaping @Sendable () -> Void) {
        let over = state.withLock { state -> Bool in
            guard state.phase != .finished else { return true }
            state.abort = handler
            return false
        }
        if over { handler() }
    }

    var isOver: Bool { state.withLock { $0.phase == .finished } }

    /// Ends the run once: yields `event` (nil when the consumer left), finishes the stream, and unless
    /// the work itself ended it, cancels the work and runs the abort handler.
    /// `ifDeadline`: end only if the deadline is still this one (no audio moved it meanwhile).
    private func end(_ event: SynthesisEvent?, byWork: Bool = false, ifDeadline: ContinuousClock.Instant? = nil) {
        let taken = state.withLock { state -> (Task<Void, Never>?, Task<Void, Never>?, (@Sendable () -> Void)?)? in
            guard state.phase != .finished else { return nil }
            if let ifDeadline, state.deadline != ifDeadline { return nil }
            state.phase = .finished
            defer { state.work = nil; state.watchdog = nil; state.abort = nil }
            return (state.work, state.watchdog, state.abort)
        }
        guard let (work, watchdog, abort) = taken else { return }
        if let event { continuation.yield(event) }
        continuation.finish()
        watchdog?.cancel()
        if !byWork {
            work?.cancel()
            abort?()
        }
    }

    /// Sleeps until the current deadline; ends the run with a timeout if it passed unmoved.
    private func watch() async {
        while !Task.isCancelled {
            let (phase, deadline) = state.withLock { ($0.phase, $0.deadline) }
            if phase == .finished { return }
            if ContinuousClock.now >= deadline {
                let stage: ProviderError.Stage = switch phase {
                case .connecting: .connecting
                case .awaitingAudio: .firstResponse
                case .streaming, .finished: .midStream
                }
                end(.failed(.timeout(stage)), ifDeadline: deadline)
                continue
            }
            try? await Task.sleep(until: deadline, clock: .continuous)
        }
    }
}
