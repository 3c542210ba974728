import Media
import Speech

/// A speech-to-text provider the test drives: each opened session is a `FakeTranscriptionSession` that
/// counts the frames it was sent and emits the transcript events the test asks for. Opening can be made
/// to fail a number of times first.
public final class FakeSpeechToText: SpeechToText, Sendable {
    public let name: String
    /// Every session opened, in order.
    public let sessions = ObservationLog<FakeTranscriptionSession>()
    /// Every `openSession` call, failed or not, in order: whether it opened a session.
    public let openAttempts = ObservationLog<Bool>()
    private let openFailures = Guarded<[ProviderError]>([])

    /// What a fallback router may replay into this provider at once (nil: everything).
    public let replayLimit: Duration?

    public init(name: String = "fake-stt", replayLimit: Duration? = nil) {
        self.name = name
        self.replayLimit = replayLimit
    }

    /// The next `errors.count` opens fail with these errors, in order.
    public func failNextOpens(_ errors: [ProviderError]) {
        openFailures.withLock { $0.append(contentsOf: errors) }
    }

    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        if let failure = openFailures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            openAttempts.append(false)
            throw failure
        }
        let session = FakeTranscriptionSession(request: request)
        openAttempts.append(true)
        sessions.append(session)
        return session
    }

    /// The `index`-th session (0-based), once it has been opened.
    public func session(_ index: Int) async throws -> FakeTranscriptionSession {
        try await sessions.element(index)
    }
}

/// One transcription session: records frames (count and the threads they came from), `finishAudio` and
/// `cancel` calls, and emits whatever the test tells it to.
public final class FakeTranscriptionSession: TranscriptionSession, Sendable {
    /// Something the session's owner did to it.
    public enum Call: Sendable, Hashable {
        case finishAudio
        case cancel
    }


    public let request: TranscriptionRequest
    public let events: AsyncStream<TranscriptEvent>
    /// `finishAudio` and `cancel` calls, in order.
    public let calls = ObservationLog<Call>()
    /// How the events stream ended for its consumer.
    public let ends = ObservationLog<FakeStreamEnd>()
    /// The thread of each frame received, in order.
    public let frames = ObservationLog<UInt>()
    /// The first sample of each frame received, in order: tests mark frames with it ("word" numbers).
    public let frameMarks = ObservationLog<Int16>()
    private let continuation: AsyncStream<TranscriptEvent>.Continuation
    private let sendFailure = Guarded<ProviderError?>(nil)

    init(request: TranscriptionRequest) {
        self.request = request
        (events, continuation) = AsyncStream.makeStream(of: TranscriptEvent.self)
        continuation.onTermination = { [ends] in ends.append(FakeStreamEnd($0)) }
    }

    public func send(_ frame: AudioFrame) throws(ProviderError) {
        if let failure = sendFailure.withLock({ $0 }) { throw failure }
        frames.append(CurrentThread.id)
        frameMarks.append(frame.samples.first ?? 0)
    }

    /// Emits a final transcript of every frame received so far, as a transcriber would: each distinct
    /// non-zero frame mark in order of arrival becomes the word `w<mark>` (silence, mark 0, is no word).
    @discardableResult
    public func emitFinalOfReceivedAudio() -> String {
        var words: [String] = []
        for mark in frameMarks.items where mark != 0 && words.last != "w\(mark)" { words.append("w\(mark)") }
        let text = words.joined(separator: " ")
        emit(.final(text, confidence: nil))
        return text
    }

    public func finishAudio() { calls.append(.finishAudio) }

    public func cancel() {
        calls.append(.cancel)
        continuation.finish()
    }

    /// Frames received so far.
    public var framesReceived: Int { frames.count }

    /// Waits until at least `count` frames were received.
    public func waitForFrames(_ count: Int) async throws {
        try await frames.wait(for: "\(count) frames") { $0.count >= count }
    }

    /// The threads `send` was called on.
    public var sendThreads: Set<UInt> { Set(frames.items) }

    /// Every later `send` throws `error` (a closed or full socket).
    public func failSends(with error: ProviderError) { sendFailure.withLock { $0 = error } }

    public func emit(_ event: TranscriptEvent) { continuation.yield(event) }

    /// Ends the events stream without a terminal event (a socket that closed).
    public func end() { continuation.finish() }

    public var cancelCount: Int { calls.items.filter { $0 == .cancel }.count }
}
