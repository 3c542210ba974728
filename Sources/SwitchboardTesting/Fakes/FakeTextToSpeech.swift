import Speech

/// A text-to-speech provider the test drives. Each `synthesize` call is recorded as a `FakeSynthesis`;
/// depending on `behavior` the test sends its audio by hand, or the fake answers at once with audio of
/// a length proportional to the text, or fails every request (a provider that is down).
public final class FakeTextToSpeech: TextToSpeech, Sendable {
    public enum Behavior: Sendable {
        /// The test sends audio and the terminal event.
        case manual
        /// Audio of `perCharacter` × text length in one chunk, then `done`, at once.
        case immediate(perCharacter: Duration)
        /// `failed(error)` at once.
        case failing(ProviderError)
    }

    public let name: String
    /// Every request, in order.
    public let syntheses = ObservationLog<FakeSynthesis>()
    private let currentBehavior: Guarded<Behavior>

    public init(name: String = "fake-tts", behavior: Behavior = .manual) {
        self.name = name
        self.currentBehavior = Guarded(behavior)
    }

    public var behavior: Behavior {
        get { currentBehavior.withLock { $0 } }
        set { currentBehavior.withLock { $0 = newValue } }
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: SynthesisEvent.self)
        let synthesis = FakeSynthesis(request: request, continuation: continuation, index: syntheses.count)
        continuation.onTermination = { synthesis.terminated($0) }
        syntheses.append(synthesis)
        switch behavior {
        case .manual:
            break
        case .immediate(let perCharacter):
            synthesis.audio(perCharacter * request.text.count)
            synthesis.done()
        case .failing(let error):
            synthesis.fail(error)
        }
        return stream
    }

    /// The `index`-th request (0-based), once it has been made.
    public func synthesis(_ index: Int) async throws -> FakeSynthesis {
        try await syntheses.element(index)
    }
}

/// One synthesis request as the fake received it.
public final class FakeSynthesis: Sendable {
    public let request: SynthesisRequest
    public let callerThread: UInt
    /// The byte every audio sample of this synthesis is filled with (1 + its request index, mod 250).
    public let fill: UInt8
    public let ends = ObservationLog<FakeStreamEnd>()
    private let continuation: AsyncStream<SynthesisEvent>.Continuation
    /// A terminal event was sent: a consumer that stops reading after it has not cancelled anything.
    private let terminalSent = Guarded(false)

    init(request: SynthesisRequest, continuation: AsyncStream<SynthesisEvent>.Continuation, index: Int) {
        self.request = request
        self.continuation = continuation
        self.fill = UInt8(1 + index % 250)
        self.callerThread = CurrentThread.id
    }

    /// Sends `duration` of audio in the requested format; returns the chunk sent.
    @discardableResult
    public func audio(_ duration: Duration) -> AudioChunk {
        let chunk = AudioChunk.filled(duration, format: request.format, with: fill)
        continuation.yield(.audio(chunk))
        return chunk
    }

    /// Sends a chunk as given (for format checks).
    public func send(_ chunk: AudioChunk) { continuation.yield(.audio(chunk)) }

    public func done() {
        terminalSent.withLock { $0 = true }
        continuation.yield(.done)
        continuation.finish()
    }

    public func fail(_ error: ProviderError) {
        terminalSent.withLock { $0 = true }
        continuation.yield(.failed(error))
        continuation.finish()
    }

    public func waitUntilCancelled() async throws {
        try await ends.wait(for: "TTS stream cancellation") { $0.contains(.cancelled) }
    }

    public var wasCancelled: Bool { ends.items.contains(.cancelled) }

    func terminated<Element>(_ termination: AsyncStream<Element>.Continuation.Termination) {
        ends.append(terminalSent.withLock { $0 } ? .finished : FakeStreamEnd(termination))
    }
}

extension AudioChunk {
    /// `duration` of audio in `format` with every byte set to `fill` (whole samples, rounded down).
    public static func filled(_ duration: Duration, format: AudioFormat, with fill: UInt8) -> AudioChunk {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let samples = Int(microseconds) * format.sampleRate.hertz / 1_000_000
        return AudioChunk(format: format, bytes: [UInt8](repeating: fill, count: samples * format.encoding.bytesPerSample))
    }
}
