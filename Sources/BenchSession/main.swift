import Conversation
import Media
import Orchestrator
import Speech
import SwitchboardTesting

// switchboard-bench-session: what the CallSession adds on a loop thread, with providers that cost nothing.
//   swift run -c release switchboard-bench-session [frameBatches] [turns]
// 1. Per frame: `receive(frame:)` called from the loop thread through `assumeIsolated` (ring + STT send +
//    VAD), in batches of 1000 frames; ns per frame.
// 2. Zero-delay turn: speech-end frame and STT final delivered on the loop → reply audio at the transport
//    (LLM, TTS and STT streams each read by their task), wall time; with an executor that is also a
//    TaskExecutor (stream consumers stay on the loop) and with one that is only serial.

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let frameBatches = arguments.first ?? 300
let turns = arguments.dropFirst().first ?? 400
let loud = AudioFrame(sampleRate: .hz8000, samples: [Int16](repeating: 3000, count: 160))
let quiet = AudioFrame.silence(.hz8000)

func percentile(_ sorted: [Int64], _ fraction: Double) -> Int64 {
    sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
}

func row(_ label: String, _ values: [Int64], unit: String) -> String {
    let sorted = values.sorted()
    return "| \(label) | \(values.count) | \(percentile(sorted, 0.5)) \(unit) | \(percentile(sorted, 0.95)) \(unit) | \(percentile(sorted, 0.99)) \(unit) |"
}

func nanoseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
}

/// A call on `executor` with instant providers, answered, its STT session open.
func makeCall(on executor: any SerialExecutor) async throws -> (CallSession, InstantTranscriptionSession, InstantTransport) {
    let stt = InstantTranscription()
    let transport = InstantTransport()
    let settings = TurnSettings(systemPrompt: "You are Ada.", maximumCallDuration: nil)
    let configuration = CallSessionConfiguration(
        callID: "bench", agentName: "bench", turn: settings,
        transcription: TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz8000)),
        outputFormat: .telephony)
    let phrases = CannedPhraseAudio(format: .telephony, audio: [
        .recovery: [InstantVoice().chunk], .goodbye(.noInput): [InstantVoice().chunk],
        .goodbye(.maximumDuration): [InstantVoice().chunk],
    ])
    let session = CallSession(configuration: configuration,
                              providers: CallProviders(speechToText: stt, languageModel: InstantModel(),
                                                       textToSpeech: InstantVoice()),
                              transport: transport, voiceActivity: FirstSampleDetector(), phrases: phrases,
                              executor: executor)
    transport.attach(session)
    await session.answer()
    return (session, try await stt.opened.element(0), transport)
}

/// Runs `body` on the loop thread and returns its result.
func onLoop<T: Sendable>(_ loop: ThreadExecutor, _ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in loop.execute { continuation.resume(returning: body()) } }
}

func framesBench(loop: ThreadExecutor) async throws -> [Int64] {
    let (session, _, _) = try await makeCall(on: loop)
    var perFrame: [Int64] = []
    for batch in 0..<(frameBatches + 20) {
        let elapsed = await onLoop(loop) {
            let start = ContinuousClock.now
            for _ in 0..<1000 { session.assumeIsolated { $0.receive(frame: quiet) } }
            return nanoseconds(start.duration(to: .now)) / 1000
        }
        if batch >= 20 { perFrame.append(elapsed) }  // the first batches warm up
    }
    await session.hangUp()
    return perFrame
}

func turnBench(loop: ThreadExecutor, executor: any SerialExecutor) async throws -> [Int64] {
    let (session, stt, transport) = try await makeCall(on: executor)
    var voiceToVoice: [Int64] = []
    for turn in 0..<(turns + 20) {
        let speechEnd = await onLoop(loop) {
            for _ in 0..<10 { session.assumeIsolated { $0.receive(frame: loud) } }
            let speechEnd = ContinuousClock.now
            session.assumeIsolated { $0.receive(frame: quiet) }
            stt.say("What time do you open?")
            return speechEnd
        }
        let firstAudio = try await transport.replies.element(turn)
        if turn >= 20 { voiceToVoice.append(nanoseconds(speechEnd.duration(to: firstAudio)) / 1000) }
    }
    await session.hangUp()
    return voiceToVoice
}

let loop = ThreadExecutor(name: "bench-loop")
print("CallSession, instant providers: \(frameBatches) batches of 1000 frames, \(turns) turns per executor")
print("| measure | samples | median | p95 | p99 |")
print("| --- | --- | --- | --- | --- |")
print(row("receive(frame:) on the loop, per frame", try await framesBench(loop: loop), unit: "ns"))
print(row("zero-delay turn, loop is a TaskExecutor", try await turnBench(loop: loop, executor: loop), unit: "µs"))
print(row("zero-delay turn, serial executor only", try await turnBench(loop: loop, executor: SerialOnlyExecutor(loop)), unit: "µs"))
loop.shutdown()
