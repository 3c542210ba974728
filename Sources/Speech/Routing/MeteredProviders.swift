import Media

/// A language model that counts its requests and the tokens each `done(usage)` reports into a
/// `ProviderMeter`, and otherwise is the model it wraps (same name, same events).
public struct MeteredLanguageModel: LanguageModel {
    public let inner: any LanguageModel
    public let meter: ProviderMeter

    public init(_ inner: any LanguageModel, meter: ProviderMeter) {
        self.inner = inner
        self.meter = meter
    }

    public var name: String { inner.name }

    public func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        meter.countRequest()
        let meter = meter
        let counted = CountOnce()
        let stream = StreamForwarding.forward(inner.complete(request)) { event in
            switch event {
            case .done(let usage): if counted.claim() { meter.countTokens(usage) }
            case .failed: if counted.claim() { meter.countTokens(nil) }
            case .token, .toolCall: break
            }
        }
        return stream
    }
}

/// A text-to-speech provider that counts requests and the characters sent into a `ProviderMeter`
/// (vendors bill the text they are sent, so it is counted when the request is made).
public struct MeteredTextToSpeech: TextToSpeech {
    public let inner: any TextToSpeech
    public let meter: ProviderMeter

    public init(_ inner: any TextToSpeech, meter: ProviderMeter) {
        self.inner = inner
        self.meter = meter
    }

    public var name: String { inner.name }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        meter.countRequest()
        meter.countCharacters(request.text.count)
        return inner.synthesize(request)
    }
}

/// A speech-to-text provider that counts sessions and the audio each session was sent (frames the
/// provider accepted) into a `ProviderMeter`.
public struct MeteredSpeechToText: SpeechToText {
    public let inner: any SpeechToText
    public let meter: ProviderMeter

    public init(_ inner: any SpeechToText, meter: ProviderMeter) {
        self.inner = inner
        self.meter = meter
    }

    public var name: String { inner.name }
    public var replayLimit: Duration? { inner.replayLimit }

    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        let session = try await inner.openSession(request)
        meter.countRequest()
        return MeteredTranscriptionSession(inner: session, meter: meter)
    }
}

/// A transcription session that counts the audio its provider accepted.
struct MeteredTranscriptionSession: TranscriptionSession {
    let inner: any TranscriptionSession
    let meter: ProviderMeter

    var events: AsyncStream<TranscriptEvent> { inner.events }

    func send(_ frame: AudioFrame) throws(ProviderError) {
        try inner.send(frame)
        meter.countAudio(microseconds: Int64(frame.samples.count) * 1_000_000 / Int64(frame.sampleRate.hertz))
    }

    func finishAudio() { inner.finishAudio() }

    func cancel() { inner.cancel() }
}
