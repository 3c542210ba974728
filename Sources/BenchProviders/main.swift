import Agents
import Foundation
import Media
import Providers
import Speech

// switchboard-bench-providers: the offline providers' latency, measured end to end through their
// public APIs. Prints median/p95/p99 in milliseconds. Run in release:
//   swift run -c release switchboard-bench-providers [rounds]

let rounds = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 30
let clock = ContinuousClock()

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func line(_ label: String, _ values: [Double]) {
    let sorted = values.sorted()
    func at(_ fraction: Double) -> String {
        String(format: "%.2f", sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))])
    }
    print("| \(label) | \(sorted.count) | \(at(0.5)) | \(at(0.95)) | \(at(0.99)) |")
}

let loaded = AgentConfigLoader.load(yaml: EmbeddedDefaults.receptionistAgentYAML, file: "receptionist.yaml",
                                    environment: [:])
guard let agent = loaded.value else { fatalError("receptionist does not load: \(loaded.problems)") }
let llm = try ScriptedLanguageModel(agent: agent, settings: LLMProviderConfig(kind: .scripted))
let tts = EspeakTextToSpeech()
let stt = try PocketSphinxSpeechToText(dialogue: agent.scripted, configuration: .init(queueCapacity: 1_000_000))

print("| measure | n | median ms | p95 ms | p99 ms |")
print("| --- | --- | --- | --- | --- |")

// Scripted model: first token and whole reply, for the 10th caller turn of a conversation (replayed).
var conversation: [ChatMessage] = [.system("")]
for said in ["hello", "what are your hours", "book an appointment", "my name is Ada", "operator",
             "are you open", "hi", "book a visit", "it's Grace", "what are your hours please"] {
    conversation.append(.user(said))
    conversation.append(.assistant("reply"))
}
conversation.removeLast()
var firstToken: [Double] = [], wholeReply: [Double] = []
for _ in 0..<(rounds * 10) {
    let start = clock.now
    var first: Duration?
    for await event in llm.complete(CompletionRequest(messages: conversation)) {
        if first == nil, case .token = event { first = start.duration(to: clock.now) }
    }
    firstToken.append(milliseconds(first!))
    wholeReply.append(milliseconds(start.duration(to: clock.now)))
}
line("scripted: first token, 10th turn", firstToken)
line("scripted: whole reply, 10th turn", wholeReply)

// espeak: request → first chunk and → done, one typical sentence.
let sentence = "Hello, thanks for calling Acme Dental. I can tell you our opening hours, or book an appointment."
var spoken16k: [Int16] = []
for rate in [SampleRate.hz8000, .hz16000] {
    var first: [Double] = [], done: [Double] = []
    var seconds = 0.0
    for _ in 0..<rounds {
        let start = clock.now
        var firstChunk: Duration?
        var samples: [Int16] = []
        let request = SynthesisRequest(text: sentence, voice: "en-us", format: AudioFormat(encoding: .linear16, sampleRate: rate))
        for await event in tts.synthesize(request) {
            guard case .audio(let chunk) = event else { continue }
            if firstChunk == nil { firstChunk = start.duration(to: clock.now) }
            samples += stride(from: 0, to: chunk.bytes.count, by: 2).map {
                Int16(bitPattern: UInt16(chunk.bytes[$0]) | UInt16(chunk.bytes[$0 + 1]) << 8)
            }
        }
        first.append(milliseconds(firstChunk!))
        done.append(milliseconds(start.duration(to: clock.now)))
        if rate == .hz16000 { spoken16k = samples }
        seconds = Double(samples.count) / Double(rate.hertz)
    }
    line("espeak \(rate.hertz / 1000) kHz: first chunk", first)
    line("espeak \(rate.hertz / 1000) kHz: whole sentence (\(String(format: "%.1f", seconds)) s of audio)", done)
}

// pocketsphinx: opening a session, and decoding speech (frames sent at once → stream end after finishAudio).
let format = AudioFormat(encoding: .linear16, sampleRate: .hz16000)
let said = [Int16](repeating: 0, count: 8_000) + spoken16k.map { $0 == 0 ? 1 : $0 } + [Int16](repeating: 0, count: 16_000)
let frames = stride(from: 0, to: said.count - 319, by: 320).map { AudioFrame(sampleRate: .hz16000, samples: Array(said[$0..<($0 + 320)])) }
let audioSeconds = Double(frames.count) * 0.02
var opening: [Double] = [], factor: [Double] = []
for _ in 0..<max(5, rounds / 3) {
    let start = clock.now
    let session = try await stt.openSession(TranscriptionRequest(format: format))
    opening.append(milliseconds(start.duration(to: clock.now)))
    let decodeStart = clock.now
    for frame in frames { try session.send(frame) }
    session.finishAudio()
    for await _ in session.events {}
    factor.append(milliseconds(decodeStart.duration(to: clock.now)) / 1000 / audioSeconds)
}
line("pocketsphinx: open session (model load + grammar)", opening)
line("pocketsphinx: decode time per second of audio (\(String(format: "%.1f", audioSeconds)) s sent at once)",
     factor.map { $0 * 1000 })
