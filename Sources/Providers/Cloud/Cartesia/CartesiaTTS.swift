import Agents
import Net
import Speech
import Synchronization

/// The `cartesia` text-to-speech provider: Cartesia's WebSocket (`{base}/tts/websocket`, protocols.md
/// §5.4) with `X-API-Key` and `Cartesia-Version`. The adapter keeps one connection per event loop,
/// reused by every call's sentences on that loop; each sentence is its own `context_id`, cancelled with
/// Cartesia's `cancel` message on barge-in. Audio is asked for in the call's own format (raw `pcm_mulaw`,
/// `pcm_alaw` or `pcm_s16le` at the call's rate), so nothing is transcoded.
public final class CartesiaTTS: TextToSpeech {
    public static let defaultBaseURL = "wss://api.cartesia.ai"
    public static let defaultModel = "sonic-2"
    /// A dated API version Cartesia documents (protocols.md §5.4); `settings.cartesia_version` overrides it.
    public static let defaultVersion = "2025-04-16"

    public let name = "cartesia"
    let common: CloudTTSSettings
    let model: String
    let language: String?
    let sockets: [CartesiaSocket]
    let loops: [EventLoop]
    private let nextSocket = Atomic<Int>(0)
    private let nextContext = Atomic<Int>(0)
    /// Distinguishes this adapter's context ids from another adapter's on a shared log.
    let contextPrefix: String

    public init(settings: TTSProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        let common = try CloudTTSSettings(settings, provider: "cartesia", defaultBaseURL: Self.defaultBaseURL, secureScheme: "wss")
        self.common = common
        model = settings.string("model") ?? Self.defaultModel
        language = settings.string("language")
        let version = settings.string("cartesia_version") ?? Self.defaultVersion
        let url = common.baseURL + "/tts/websocket?" + URLQuery([("cartesia_version", version)]).encoded
        loops = network.loops.loops
        sockets = loops.map { loop in
            CartesiaSocket(url: url, apiKey: common.apiKey, version: version, loop: loop, trust: network.webSocketTrust,
                           deadlines: common.deadlines)
        }
        contextPrefix = "sb\(UInt32.random(in: 0...UInt32.max))"
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        guard let voice = common.voice(for: request.voice) else {
            return SynthesisRun.start(format: request.format, deadlines: common.deadlines, startsConnected: true) { _ in
                .failed(.badRequest(detail: "no Cartesia voice id: set settings.voice or the agent's voice"))
            }
        }
        let socket = pickSocket()
        let contextID = "\(contextPrefix)-\(nextContext.wrappingAdd(1, ordering: .relaxed).newValue)"
        let message = CartesiaMessage.generation(contextID: contextID, transcript: request.text, model: model, voice: voice,
                                                 language: language ?? Self.languageCode(request.language), format: request.format)
        return SynthesisRun.start(format: request.format, deadlines: common.deadlines, startsConnected: false) { run in
            await socket.synthesize(contextID: contextID, message: message, run: run)
        }
    }

    /// The socket of the loop we are on (a call's actor runs on its loop), else the next one in turn.
    private func pickSocket() -> CartesiaSocket {
        if let index = loops.firstIndex(where: { $0.inEventLoop }) { return sockets[index] }
        return sockets[nextSocket.wrappingAdd(1, ordering: .relaxed).oldValue % sockets.count]
    }

    /// Cartesia takes ISO 639-1 codes: `en-US` → `en`.
    static func languageCode(_ tag: String) -> String {
        let primary = tag.prefix { $0 != "-" && $0 != "_" }.lowercased()
        return primary.isEmpty ? "en" : primary
    }
}
