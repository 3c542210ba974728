import Wire
import Agents
import Media
import Net
import Speech

/// The `deepgram` text-to-speech provider (Aura): `POST {base}/v1/speak?model=…&encoding=…&sample_rate=…
/// &container=none` with `Authorization: Token`, body `{"text": …}`, the response body streamed as raw
/// audio (protocols.md §6.1). Deepgram is asked for the call's own format (µ-law or A-law at 8 or
/// 16 kHz, L16 at any supported rate), so nothing is transcoded; µ-law/A-law at 24 or 48 kHz is asked
/// as L16 at that rate and encoded here.
public struct DeepgramAuraTTS: TextToSpeech {
    public static let defaultBaseURL = "https://api.deepgram.com"
    /// The model names the voice (`aura-2-<voice>-<language>`).
    public static let defaultModel = "aura-2-thalia-en"
    /// Rates Deepgram's REST API offers for G.711 encodings.
    static let g711Rates: Set<SampleRate> = [.hz8000, .hz16000]

    public let name = "deepgram"
    let common: CloudTTSSettings
    let model: String
    let http: HTTPSynthesis

    public init(settings: TTSProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        common = try CloudTTSSettings(settings, provider: "deepgram", defaultBaseURL: Self.defaultBaseURL, secureScheme: "https")
        model = settings.string("model") ?? common.voice ?? Self.defaultModel
        http = HTTPSynthesis(client: network.http, deadlines: common.deadlines, secret: common.apiKey.reveal()) { status, _ in
            status == 402  // Deepgram: Payment Required when the project is out of credit
        }
    }

    /// What Deepgram is asked for when the caller wants `format`.
    static func providerFormat(for format: AudioFormat) -> AudioFormat {
        if format.encoding != .linear16, !g711Rates.contains(format.sampleRate) {
            return AudioFormat(encoding: .linear16, sampleRate: format.sampleRate)
        }
        return format
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        let providerFormat = Self.providerFormat(for: request.format)
        let httpRequest = makeRequest(request, providerFormat: providerFormat)
        let http = self.http
        return SynthesisRun.start(format: request.format, deadlines: common.deadlines, startsConnected: true) { run in
            await http.perform(httpRequest, providerFormat: providerFormat, run: run)
        }
    }

    func makeRequest(_ request: SynthesisRequest, providerFormat: AudioFormat) -> HTTPClientRequest {
        // A request voice that is an Aura model name picks the model; other names are not Deepgram voices.
        let chosen = request.voice.hasPrefix("aura") ? request.voice : model
        let encoding = switch providerFormat.encoding {
        case .linear16: "linear16"
        case .mulaw: "mulaw"
        case .alaw: "alaw"
        }
        let query = URLQuery([("model", chosen), ("encoding", encoding),
                              ("sample_rate", String(providerFormat.sampleRate.hertz)), ("container", "none")]).encoded
        let body = JSONValue.object([("text", .string(request.text))])
        return HTTPClientRequest(url: common.baseURL + "/v1/speak?" + query, method: "POST",
                                 headers: ["Authorization": "Token \(common.apiKey.reveal())", "Content-Type": "application/json"],
                                 body: Array(body.encoded().utf8), timeouts: http.timeouts())
    }
}
