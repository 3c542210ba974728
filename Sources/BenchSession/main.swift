import Conversation
import Media
import Orchestrator
import Speech
import SwitchboardTesting
#if canImport(Glibc)
import Glibc
#endif

// switchboard-bench-session: what the CallSession adds (`routing` as first argument: RoutingBench.swift) on a loop thread, with providers that cost nothing.
//   swift run -c release switchboard-bench-session [frameBatches] [turns]
// 1. Per frame: `receive(frame:)` called from the loop thread through `assumeIsolated` (ring + STT send +
//    VAD), in batches of 1000 frames; ns per frame.
// 2. Zero-delay turn: speech-end frame and STT final delivered on the loop → reply audio at the transport
//    (LLM, TTS and STT streams each read by their task), wall time, in calls of 20 turns; with an
//    executor that is also a TaskExecutor (stream consumers stay on the loop) and with one that is only
//    serial. `BenchLoop` is shaped like Net's event loop.

if CommandLine.arguments.dropFirst().first == "routing" {
    // Failover and hedging through the provider routers (RoutingBench.swift).
    await RoutingBench.run(runs: CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) } ?? 200)
    exit(0)
}

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
func onLoop<T: Sendable>(_ loop: BenchLoop, _ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in loop.execute { continuation.resume(returning: body()) } }
}

func framesBench(loop: BenchLoop) async throws -> ([Int64], [Int64]) {
    let (session, _, _) = try await makeCall(on: loop)
    var perFrame: [Int64] = []
    var baseline: [Int64] = []
    for batch in 0..<(frameBatches + 20) {
        let (elapsed, empty) = await onLoop(loop) {
            var start = ContinuousClock.now
            for _ in 0..<1000 { session.assumeIsolated { $0.receive(frame: quiet) } }
            let elapsed = nanoseconds(start.duration(to: .now)) / 1000
            start = ContinuousClock.now
            for _ in 0..<1000 { session.assumeIsolated { _ in } }
            return (elapsed, nanoseconds(start.duration(to: .now)) / 1000)
        }
        if batch >= 20 {  // the first batches warm up
            perFrame.append(elapsed)
            baseline.append(empty)
        }
    }
    await session.hangUp()
    return (perFrame, baseline)
}

/// CPU time (user + system) the process has used so far, in microseconds.
func processCPUMicroseconds() -> Int64 {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Int64(usage.ru_utime.tv_sec) * 1_000_000 + Int64(usage.ru_utime.tv_usec)
    return user + Int64(usage.ru_stime.tv_sec) * 1_000_000 + Int64(usage.ru_stime.tv_usec)
}

/// Turns per call: the history (copied into every model request) grows as in a real call, then a new call.
let turnsPerCall = 20

func turnBench(loop: BenchLoop, executor: any SerialExecutor) async throws -> ([Int64], [Int64], Int64) {
    var voiceToVoice: [Int64] = []
    var jobs: [Int64] = []
    var cpuStart: Int64 = 0
    for call in 0..<(turns / turnsPerCall + 1) {
        if call == 1 { cpuStart = processCPUMicroseconds() }
        let (session, stt, transport) = try await makeCall(on: executor)
        for turn in 0..<turnsPerCall {
            let jobsBefore = loop.jobsRun.load(ordering: .relaxed)
            let speechEnd = await onLoop(loop) {
                for _ in 0..<10 { session.assumeIsolated { $0.receive(frame: loud) } }
                let speechEnd = ContinuousClock.now
                session.assumeIsolated { $0.receive(frame: quiet) }
                stt.say("What time do you open?")
                return speechEnd
            }
            let firstAudio = try await transport.replies.element(turn)
            if call > 0 {  // the first call warms up
                voiceToVoice.append(nanoseconds(speechEnd.duration(to: firstAudio)) / 1000)
                jobs.append(Int64(loop.jobsRun.load(ordering: .relaxed) - jobsBefore))
            }
        }
        await session.hangUp()
    }
    return (voiceToVoice, jobs, (processCPUMicroseconds() - cpuStart) / Int64(max(1, voiceToVoice.count)))
}

let loop = BenchLoop()
print("CallSession, instant providers: \(frameBatches) batches of 1000 frames, \(turns) turns per executor")
print("| measure | samples | median | p95 | p99 |")
print("| --- | --- | --- | --- | --- |")
let (perFrame, baseline) = try await framesBench(loop: loop)
print(row("receive(frame:) through assumeIsolated, per frame", perFrame, unit: "ns"))
print(row("empty assumeIsolated (included above)", baseline, unit: "ns"))
let (preferring, preferringJobs, preferringCPU) = try await turnBench(loop: loop, executor: loop)
print(row("zero-delay turn, loop is also the task executor", preferring, unit: "µs"))
print(row("loop jobs per turn (11 frames + reply + marks)", preferringJobs, unit: ""))
let (serialOnly, serialOnlyJobs, serialOnlyCPU) = try await turnBench(loop: loop, executor: SerialOnlyLoop(loop))
print(row("zero-delay turn, loop only a serial executor", serialOnly, unit: "µs"))
print(row("loop jobs per turn", serialOnlyJobs, unit: ""))
print("process CPU per turn (all threads, bench driver included): \(preferringCPU) µs with the task executor, \(serialOnlyCPU) µs serial only")
