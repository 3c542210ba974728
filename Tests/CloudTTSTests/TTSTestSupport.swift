import Agents
import Media
import Net
import Providers
import Speech
import SwitchboardTesting

/// The key every fake expects; long and distinctive so a leak into an error text is easy to spot.
let testAPIKey = "sk-test-9f8e7d6c5b4a39281706"

/// Loops and an HTTP client for one test, shut down by `close()`.
struct TTSTestNetwork {
    let group: EventLoopGroup
    let network: ProviderNetwork

    init() throws {
        group = try EventLoopGroup(loopCount: 1, name: "tts-test")
        network = ProviderNetwork(loops: group, http: try StreamingHTTPClient())
    }

    func close() async {
        network.http.shutdown()
        await group.shutdownGracefully()
    }
}

/// Settings for an adapter pointed at a fake; fault tests use short deadlines.
func ttsConfig(_ kind: TTSProviderKind, baseURL: String, key: String = testAPIKey, extra: [String: ConfigValue] = [:])
    -> TTSProviderConfig
{
    var settings: [String: ConfigValue] = ["base_url": .string(baseURL), "stall_timeout_ms": .int(400),
                                           "first_audio_timeout_ms": .int(600), "connect_timeout_ms": .int(1000)]
    settings.merge(extra) { $1 }
    return TTSProviderConfig(kind: kind, apiKey: Secret(key, source: "TEST_KEY"), settings: settings)
}

/// Everything a synthesis stream yielded.
struct CollectedSynthesis: Sendable {
    var chunks: [AudioChunk] = []
    var terminal: SynthesisEvent?
    /// Events after the terminal one (must stay empty).
    var afterTerminal = 0

    var audio: [UInt8] { chunks.flatMap(\.bytes) }
    var error: ProviderError? { if case .failed(let error) = terminal { error } else { nil } }
}

/// Reads the whole stream (bounded by a generous timeout so a broken adapter cannot hang the suite).
func collect(_ stream: AsyncStream<SynthesisEvent>, within seconds: Double = 15) async throws -> CollectedSynthesis {
    try await withTimeout(seconds, "synthesis stream to end") {
        var result = CollectedSynthesis()
        for await event in stream {
            if result.terminal != nil {
                result.afterTerminal += 1
                continue
            }
            switch event {
            case .audio(let chunk): result.chunks.append(chunk)
            case .done, .failed: result.terminal = event
            }
        }
        return result
    }
}

/// Root mean square of linear samples.
func rms(_ samples: ArraySlice<Int16>) -> Double {
    guard !samples.isEmpty else { return 0 }
    let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (sum / Double(samples.count)).squareRoot()
}

func textError(_ error: ProviderError?) -> String { error.map { "\($0)" } ?? "" }

/// A consumer task reading `stream`, reporting its first audio chunk to `firstAudio` (so a test can
/// cancel it mid-stream without sleeping). Returns the chunks it read.
func startConsumer(_ stream: AsyncStream<SynthesisEvent>) -> (task: Task<Int, Never>, firstAudio: EventLog<Int>) {
    let firstAudio = EventLog<Int>()
    let task = Task {
        var chunks = 0
        for await event in stream {
            if case .audio = event {
                chunks += 1
                if chunks == 1 { firstAudio.record(1) }
            }
        }
        return chunks
    }
    return (task, firstAudio)
}
