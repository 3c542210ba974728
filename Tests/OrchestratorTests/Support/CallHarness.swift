import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting

/// One call under test: a `CallSession` pinned to its own thread executor, on a virtual clock, with fake
/// providers, a fake transport and recording sinks. The test plays the caller (frames, keys, hang-up) and
/// the far end (reporting marks).
final class CallHarness: Sendable {
    static let recoveryAudio = AudioChunk.filled(.milliseconds(800), format: .telephony, with: 0xE1)
    static let noInputGoodbyeAudio = AudioChunk.filled(.milliseconds(900), format: .telephony, with: 0xE2)
    static let maximumDurationGoodbyeAudio = AudioChunk.filled(.milliseconds(700), format: .telephony, with: 0xE3)
    static let transferFailedAudio = AudioChunk.filled(.milliseconds(600), format: .telephony, with: 0xE4)

    /// Pre-synthesized phrases, as a `CannedPhraseCache` would give them.
    static let cachedPhrases = CannedPhraseAudio(format: .telephony, audio: [
        .recovery: [recoveryAudio],
        .goodbye(.noInput): [noInputGoodbyeAudio],
        .goodbye(.maximumDuration): [maximumDurationGoodbyeAudio],
        .transferFailed: [transferFailedAudio],
    ])

    let clock: VirtualClock
    let executor = ThreadExecutor(name: "call-loop")
    let stt = FakeSpeechToText()
    let llm = FakeLanguageModel()
    let tts: FakeTextToSpeech
    let transport: FakeTransport
    let records = RecordingRecordSink()
    let metrics = RecordingMetricsSink()
    let timeline = RecordingTimeline()
    let session: CallSession
    private let marksReported = Guarded(0)

    init(settings: TurnSettings = .sessionTesting, tts: FakeTextToSpeech = FakeTextToSpeech(),
         phrases: CannedPhraseAudio? = CallHarness.cachedPhrases, tools: any ToolRunner = UnavailableToolRunner(),
         callID: String = "CA-test", agentName: String = "ada", serialOnlyExecutor: Bool = false,
         providers: CallProviders? = nil, clock: VirtualClock = VirtualClock(),
         transport: FakeTransport = FakeTransport(),
         usage: CallUsage? = nil, shadowReports: ShadowReportLog? = nil) {
        self.tts = tts
        self.clock = clock
        self.transport = transport
        let configuration = CallSessionConfiguration(
            callID: callID, agentName: agentName, turn: settings,
            transcription: TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz8000)),
            outputFormat: .telephony, voice: "test-voice", language: "en-GB",
            startedAt: UnixTime(sinceEpoch: .seconds(1_700_000_000)))
        session = CallSession(configuration: configuration,
                              providers: providers ?? CallProviders(speechToText: stt, languageModel: llm,
                                                                    textToSpeech: tts, tools: tools, usage: usage,
                                                                    shadowReports: shadowReports),
                              transport: transport, voiceActivity: LoudFrameDetector(), phrases: phrases,
                              observers: CallObservers(records: records, metrics: metrics, timeline: timeline),
                              clock: CallClock(clock),
                              executor: serialOnlyExecutor ? SerialOnlyExecutor(executor) : executor)
    }

    deinit { executor.shutdown() }

    /// `count` frames of caller speech, 20 ms of virtual time each.
    func speak(frames count: Int) async {
        for _ in 0..<count {
            await session.receive(frame: .loud)
            clock.advance(by: .milliseconds(20))
        }
    }

    /// `count` frames of silence, 20 ms of virtual time each.
    func pause(frames count: Int) async {
        for _ in 0..<count {
            await session.receive(frame: .quiet)
            clock.advance(by: .milliseconds(20))
        }
    }

    /// The far end reports every mark sent so far and not yet reported, in order.
    func playOut() async {
        let marks = transport.marks
        let start = marksReported.withLock { reported in
            defer { reported = marks.count }
            return reported
        }
        for mark in marks[start...] { await session.playoutMarkReached(mark) }
    }

    /// The caller says `text`: speech frames, then silence ending the speech, then the STT final.
    func callerSays(_ text: String, speechFrames: Int = 25, on stt: FakeTranscriptionSession) async {
        await speak(frames: speechFrames)
        await pause(frames: 10)
        stt.emit(.final(text, confidence: 0.9))
    }

    /// Waits until `count` agent replies (greeting, answers, reprompts) have ended.
    func waitForRepliesEnded(_ count: Int) async throws {
        try await timeline.entries.wait(for: "\(count) replies ended") {
            $0.filter { if case .turnLatency = $0 { true } else { false } }.count >= count
        }
    }

    /// Why the call ended, once it has (bounded: a call that never ends fails the test instead of hanging it).
    func ended(within seconds: Double = 20) async throws -> SessionEndReason {
        let ending = session.ending
        return try await withTimeout(seconds, "the call to end") { await ending.wait() }
    }

    /// The single record, once delivered.
    func record() async throws -> CallRecord {
        try await records.records.element(0)
    }
}

extension TurnSettings {
    /// Predictable settings: no greeting, no budgets or call limit, sentence-only chunking.
    static var sessionTesting: TurnSettings {
        TurnSettings(systemPrompt: "You are Ada.",
                     endpointing: EndpointingSettings(minimumDelay: .zero, maximumDelay: .milliseconds(1000)),
                     bargeIn: BargeInSettings(minimumSpeech: .milliseconds(300), minimumWords: 3),
                     noInput: NoInputSettings(timeout: .seconds(8), reprompts: ["Are you still there?"]),
                     budgets: LatencyBudgets(firstToken: nil, firstAudio: nil, replyDeadline: nil, transcriptResult: nil),
                     chunking: ChunkerSettings(firstChunkMinimumLength: nil),
                     maximumCallDuration: nil)
    }

    func with(_ change: (inout TurnSettings) -> Void) -> TurnSettings {
        var copy = self
        change(&copy)
        return copy
    }
}
