import Agents
import Media
import Speech
import Synchronization

/// One live PocketSphinx transcription: frames go into a bounded `FrameInbox`, a worker thread of its
/// own decodes them with a `PocketSphinxDecoder` and reports `speechStarted`, `partial`, `final` and
/// `utteranceEnd` as pocketsphinx enters and leaves speech. Decoding never runs on the caller's thread.
///
/// `finishAudio` decodes what is queued, finalizes an utterance in progress and ends the stream.
/// `cancel` (or cancelling/dropping `events`) stops the worker before its next frame, frees the decoder
/// and ends the stream with nothing more. A worker more than `FrameInbox.capacity` frames behind fails
/// the session with `overloaded` and `send` throws `connectionLost`.
public final class PocketSphinxSession: TranscriptionSession {
    public let events: AsyncStream<TranscriptEvent>
    /// The grammar the decoder uses, with the phrases it had to leave out.
    public let grammar: SpeechGrammar

    private let continuation: AsyncStream<TranscriptEvent>.Continuation
    private let inbox: FrameInbox

    init(grammar: SpeechGrammar, events: AsyncStream<TranscriptEvent>,
         continuation: AsyncStream<TranscriptEvent>.Continuation, inbox: FrameInbox) {
        self.grammar = grammar
        self.events = events
        self.continuation = continuation
        self.inbox = inbox
    }

    public func send(_ frame: AudioFrame) throws(ProviderError) {
        guard frame.sampleRate == .hz16000 else {
            throw .badRequest(detail: "pocketsphinx session takes 16 kHz frames, got \(frame.sampleRate.hertz) Hz")
        }
        switch inbox.push(frame) {
        case .accepted:
            return
        case .closed:
            throw .connectionLost
        case .overflowed:
            continuation.yield(.failed(.overloaded))
            continuation.finish()
            throw .connectionLost
        }
    }

    public func finishAudio() {
        inbox.finish()
    }

    public func cancel() {
        inbox.cancel()
        continuation.finish()
    }

    /// Starts a session's worker: it loads the decoder, builds the grammar with the decoder's dictionary,
    /// and reports the session (or why there is none) through `opened` before decoding anything.
    static func start(configuration: PocketSphinxSpeechToText.Configuration, phrases: [IntentPattern],
                      hooks: SessionHooks,
                      opened: @escaping @Sendable (Result<PocketSphinxSession, ProviderError>) -> Void) -> Bool {
        WorkerThread.start {
            run(configuration: configuration, phrases: phrases, hooks: hooks, opened: opened)
        }
    }

    private static func run(configuration: PocketSphinxSpeechToText.Configuration, phrases: [IntentPattern],
                            hooks: SessionHooks,
                            opened: @Sendable (Result<PocketSphinxSession, ProviderError>) -> Void) {
        do throws(ProviderError) {
            let decoder = try PocketSphinxDecoder(model: configuration.model, dictionary: configuration.dictionary)
            let grammar = try PocketSphinxSpeechToText.grammar(phrases: phrases, configuration: configuration,
                                                               isKnownWord: { decoder.knows($0) })
            try decoder.useGrammar(grammar.jsgf)
            let (events, continuation) = AsyncStream.makeStream(of: TranscriptEvent.self)
            let inbox = FrameInbox(capacity: configuration.queueCapacity)
            continuation.onTermination = { _ in inbox.cancel() }
            opened(.success(PocketSphinxSession(grammar: grammar, events: events, continuation: continuation,
                                                inbox: inbox)))
            let decoded = decode(with: decoder, inbox: inbox, continuation: continuation,
                                 tracker: UtteranceTracker(partialInterval: configuration.partialIntervalFrames))
            hooks.workerStopped?(decoded)
        } catch {
            opened(.failure(error))
        }
    }

    /// The worker's loop: frames until the inbox finishes or is cancelled. Returns how many frames it decoded.
    private static func decode(with decoder: borrowing PocketSphinxDecoder, inbox: FrameInbox,
                               continuation: AsyncStream<TranscriptEvent>.Continuation, tracker: UtteranceTracker) -> Int {
        var tracker = tracker
        var decoded = 0
        decoder.calibrate()
        decoder.startUtterance()
        while true {
            switch inbox.take() {
            case .cancelled:
                decoder.endUtterance()
                return decoded
            case .finished:
                decoder.endUtterance()
                if tracker.speaking {
                    for event in tracker.close(with: decoder.hypothesis) { continuation.yield(event) }
                }
                continuation.finish()
                return decoded
            case .frames(let frames):
                for frame in frames {
                    guard !inbox.isCancelled else { break }
                    guard decoder.process(frame.samples) else {
                        continuation.yield(.failed(.malformedResponse(detail: "pocketsphinx refused the audio")))
                        continuation.finish()
                        inbox.cancel()
                        return decoded
                    }
                    decoded += 1
                    step(tracker.frameProcessed(inSpeech: decoder.inSpeech), decoder: decoder, tracker: &tracker,
                         continuation: continuation)
                }
            }
        }
    }

    private static func step(_ step: UtteranceTracker.Step, decoder: borrowing PocketSphinxDecoder,
                             tracker: inout UtteranceTracker, continuation: AsyncStream<TranscriptEvent>.Continuation) {
        switch step {
        case .nothing:
            break
        case .speechStarted:
            continuation.yield(.speechStarted)
        case .readPartial:
            if let partial = tracker.partial(decoder.hypothesis) { continuation.yield(partial) }
        case .endUtterance:
            decoder.endUtterance()
            for event in tracker.close(with: decoder.hypothesis) { continuation.yield(event) }
            decoder.startUtterance()
        }
    }
}

/// Observers of a session's worker, for tests that check cancelling really stops decoding.
struct SessionHooks: Sendable {
    /// The worker returned, having decoded this many frames; its decoder is freed.
    var workerStopped: (@Sendable (Int) -> Void)?

    init(workerStopped: (@Sendable (Int) -> Void)? = nil) {
        self.workerStopped = workerStopped
    }
}
