import Agents
import Media
import Net
import Speech
import Synchronization
import Wire

/// One streaming transcription over a provider WebSocket (Deepgram, AssemblyAI): PCM frames are encoded
/// for the request's format and sent as binary messages, the provider's text messages are read by its
/// `StreamingTranscriptionDialect` and yielded as `TranscriptEvent`s.
///
/// - **Threads.** The socket lives on one event loop (the caller's own loop when `openSession` runs on
///   one, so `send` from the call's loop thread writes the frame with no hop). From another thread a
///   frame joins a bounded buffer and one flush job is queued.
/// - **Bounds.** At most `maxBufferedMilliseconds` of audio waits (socket back-pressured): past it the
///   session fails with `.overloaded` and `send` throws `.connectionLost`.
/// - **Deadlines.** A frame of speech starts a deadline for the next result (`firstResultTimeout`, then
///   `stallTimeout`); `finishAudio` gives the provider `finishTimeout` to flush and close.
/// - **Ending.** `finishAudio` sends the rest of the audio and the dialect's finish message, then the
///   stream ends when the provider confirms or closes normally. `cancel` (or dropping/cancelling
///   `events`) closes the socket at once and ends the stream with nothing more. A failure yields exactly
///   one `failed`, last, and closes the socket.
public final class WebSocketTranscriptionSession: TranscriptionSession {
    public let events: AsyncStream<TranscriptEvent>
    let continuation: AsyncStream<TranscriptEvent>.Continuation
    let dialect: any StreamingTranscriptionDialect
    let encoder: AudioFrameEncoder
    let options: StreamingSessionOptions
    /// The loop the socket lives on.
    let loop: EventLoop
    /// Only for scrubbing error details.
    let secret: Secret
    let chunkBytes: Int
    let capacityBytes: Int
    let state = Mutex(State())

    struct State: ~Copyable {
        enum Phase { case open, ended }
        var phase = Phase.open
        var connection: WebSocketClientConnection?
        /// Encoded audio not yet handed to the socket.
        var pending: [UInt8] = []
        var flushScheduled = false
        var backPressured = false
        var finishRequested = false
        var finishSent = false
        var resultCount = 0
        var watchdogArmed = false
        /// Bumped to disarm a pending result or finish deadline without cancelling its timer.
        var deadlineGeneration = 0
        var keepAlive: TimerHandle?
        var audioSinceKeepAliveTick = false
        /// The last event yielded was an utterance end (a second one in a row says nothing new).
        var lastWasUtteranceEnd = false
    }

    init(dialect: any StreamingTranscriptionDialect, format: AudioFormat, options: StreamingSessionOptions,
         loop: EventLoop, secret: Secret) {
        (events, continuation) = AsyncStream.makeStream(of: TranscriptEvent.self)
        self.dialect = dialect
        self.encoder = AudioFrameEncoder(format: format)
        self.options = options
        self.loop = loop
        self.secret = secret
        self.chunkBytes = max(1, dialect.chunkBytes(for: format))
        self.capacityBytes = max(format.bytesPerSecond * options.maxBufferedMilliseconds / 1000, chunkBytes)
        continuation.onTermination = { [weak self] _ in self?.cancel() }
    }

    public func send(_ frame: AudioFrame) throws(ProviderError) {
        guard frame.sampleRate == encoder.format.sampleRate else {
            throw .badRequest(detail: "session takes \(encoder.format.sampleRate.hertz) Hz frames, got \(frame.sampleRate.hertz) Hz")
        }
        let speech = SpeechEnergy.isSpeech(frame)
        let onLoop = loop.inEventLoop
        enum Next { case closed, overflow, flushNow, scheduleFlush, nothing }
        var armGeneration: Int?
        let next = state.withLock { state -> Next in
            guard state.phase == .open, !state.finishRequested else { return .closed }
            guard state.pending.count + encoder.bytesPerFrame <= capacityBytes else { return .overflow }
            encoder.append(frame, to: &state.pending)
            if speech, !state.watchdogArmed {
                state.watchdogArmed = true
                state.deadlineGeneration += 1
                armGeneration = state.deadlineGeneration
            }
            if onLoop { return .flushNow }
            if state.flushScheduled { return .nothing }
            state.flushScheduled = true
            return .scheduleFlush
        }
        if let generation = armGeneration { armResultDeadline(generation) }
        switch next {
        case .closed: throw .connectionLost
        case .overflow:
            fail(.overloaded)
            throw .connectionLost
        case .flushNow: flushOnLoop()
        case .scheduleFlush: loop.execute { [weak self] in self?.flushOnLoop() }
        case .nothing: break
        }
    }

    public func finishAudio() {
        let requested = state.withLock { state -> Bool in
            guard state.phase == .open, !state.finishRequested else { return false }
            state.finishRequested = true
            state.watchdogArmed = false
            state.deadlineGeneration += 1
            return true
        }
        guard requested else { return }
        if loop.inEventLoop { flushOnLoop() } else { loop.execute { [weak self] in self?.flushOnLoop() } }
    }

    public func cancel() {
        guard let connection = end() else { return }
        continuation.finish()
        close(connection)
    }

    /// Fails the session once: `failed(error)` is the last event and the socket closes.
    func fail(_ error: ProviderError) {
        guard let connection = end(lastEvent: .failed(error.redacted(secret.reveal()))) else { return }
        continuation.finish()
        close(connection)
    }

    /// The provider confirmed the end of the stream.
    func endCleanly() {
        guard let connection = end() else { return }
        continuation.finish()
        close(connection)
    }

    /// Marks the session ended, yielding `lastEvent` under the lock (so no result can follow it); returns
    /// its connection if this call ended it (nil: it had ended). The caller finishes the stream outside
    /// the lock, since finishing runs `onTermination`, which calls `cancel`.
    private func end(lastEvent: TranscriptEvent? = nil) -> WebSocketClientConnection?? {
        state.withLock { state -> WebSocketClientConnection?? in
            guard state.phase == .open else { return nil }
            state.phase = .ended
            if let lastEvent { continuation.yield(lastEvent) }
            state.deadlineGeneration += 1
            state.pending = []
            state.keepAlive?.cancel()
            state.keepAlive = nil
            defer { state.connection = nil }
            return .some(state.connection)
        }
    }

    private func close(_ connection: WebSocketClientConnection?) {
        guard let connection else { return }
        if loop.inEventLoop {
            connection.closeOnLoop()
        } else {
            loop.execute { connection.closeOnLoop() }
        }
    }
}
