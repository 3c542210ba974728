// Cloud TTS adapters against their loopback fakes: time from `synthesize` to the first audio chunk and
// to the terminal event, per adapter, for sentences of 40 bytes (400 ms of tone). The fakes answer at
// once, so the figures are the adapters' own overhead plus loopback I/O. Prints median, p95, p99.
import Agents
import Net
import ProviderFakes
import Providers
import Speech

let key = "bench-key-0123456789"
let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 200
let sentence = "This sentence is exactly forty bytes ok."
let group = try EventLoopGroup(loopCount: 1, name: "bench-tts")
let network = ProviderNetwork(loops: group, http: try StreamingHTTPClient())
let pacing = FakeAudioPacing(pieceBytes: 800, interval: .zero)

func config(_ kind: TTSProviderKind, _ base: String, _ extra: [String: ConfigValue] = [:]) -> TTSProviderConfig {
    TTSProviderConfig(kind: kind, apiKey: Secret(key), settings: ["base_url": .string(base)].merging(extra) { $1 })
}

func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }

func measure(_ name: String, _ tts: any TextToSpeech, format: AudioFormat = .telephony) async {
    var first: [Double] = []
    var total: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<rounds {
        let start = clock.now
        var firstAt: Duration?
        for await event in tts.synthesize(SynthesisRequest(text: sentence, voice: "", format: format)) {
            if case .audio = event, firstAt == nil { firstAt = clock.now - start }
            if case .failed(let error) = event { print("\(name): \(error)"); return }
        }
        let end = clock.now - start
        first.append(Double((firstAt ?? end).components.attoseconds) / 1e12 + Double((firstAt ?? end).components.seconds) * 1e6)
        total.append(Double(end.components.attoseconds) / 1e12 + Double(end.components.seconds) * 1e6)
    }
    first.sort()
    total.sort()
    func row(_ values: [Double]) -> String {
        "median \(Int(percentile(values, 0.5))) µs, p95 \(Int(percentile(values, 0.95))) µs, p99 \(Int(percentile(values, 0.99))) µs"
    }
    print("\(name) first audio: \(row(first)); whole sentence: \(row(total))")
}

let openAI = try await FakeOpenAISpeechServer.start(on: group, apiKey: key, pacing: pacing)
let deepgram = try await FakeDeepgramAuraServer.start(on: group, apiKey: key, pacing: pacing)
let eleven = try await FakeElevenLabsServer.start(on: group, apiKey: key, pacing: pacing)
let cartesia = try await FakeCartesiaServer.start(on: group, apiKey: key, pacing: pacing)
print("\(rounds) sentences of \(sentence.utf8.count) bytes each, µ-law 8 kHz, 1 loop")
await measure("openai (24k pcm → µ-law)", try OpenAISpeechTTS(settings: config(.openai, openAI.baseURL), network: network))
await measure("deepgram (http)", try DeepgramAuraTTS(settings: config(.deepgram, deepgram.baseURL), network: network))
await measure("elevenlabs (http)", try ElevenLabsTTS(settings: config(.elevenlabs, eleven.httpBaseURL, ["voice": .string(eleven.voiceID)]),
                                                      network: network))
await measure("elevenlabs (websocket)", try ElevenLabsTTS(settings: config(.elevenlabs, eleven.webSocketBaseURL,
                                                                           ["voice": .string(eleven.voiceID), "transport": .string("websocket")]),
                                                           network: network))
await measure("cartesia (shared socket)", try CartesiaTTS(settings: config(.cartesia, cartesia.baseURL, ["voice": .string("v")]),
                                                          network: network))
