import Wire
import Agents
import Net
import Speech

/// The `openai` text-to-speech provider: `POST {base}/v1/audio/speech` with `response_format: pcm`
/// (raw 24 kHz 16-bit little-endian mono, protocols.md §5.1), streamed, converted once to the request's
/// format (resampled with Media's `Resampler`, µ-law/A-law encoded when asked).
public struct OpenAISpeechTTS: TextToSpeech {
    /// What OpenAI's `pcm` format is: 24 kHz, s16le, mono, no header.
    public static let nativeFormat = AudioFormat(encoding: .linear16, sampleRate: .hz24000)
    public static let defaultBaseURL = "https://api.openai.com"
    public static let defaultModel = "gpt-4o-mini-tts"
    public static let defaultVoice = "alloy"
    /// OpenAI's limit on `input` (characters).
    public static let maxInputCharacters = 4096

    public let name = "openai"
    let common: CloudTTSSettings
    let model: String
    let speed: Double?
    let instructions: String?
    let http: HTTPSynthesis

    public init(settings: TTSProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        common = try CloudTTSSettings(settings, provider: "openai", defaultBaseURL: Self.defaultBaseURL, secureScheme: "https")
        model = settings.string("model") ?? Self.defaultModel
        speed = settings.double("speed")
        if let speed, !(0.25...4.0).contains(speed) {
            throw ProviderSetupError(provider: "openai", problem: "settings.speed must be between 0.25 and 4.0")
        }
        instructions = settings.string("instructions")
        http = HTTPSynthesis(client: network.http, deadlines: common.deadlines, secret: common.apiKey.reveal()) { _, body in
            let code = body?["error"]?["code"]?.stringValue ?? body?["error"]?["type"]?.stringValue
            return code == "insufficient_quota"
        }
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        let httpRequest = makeRequest(request)
        let http = self.http
        return SynthesisRun.start(format: request.format, deadlines: common.deadlines, startsConnected: true) { run in
            guard request.text.count <= Self.maxInputCharacters else {
                return .failed(.badRequest(detail: "text of \(request.text.count) characters is over OpenAI's \(Self.maxInputCharacters)"))
            }
            return await http.perform(httpRequest, providerFormat: Self.nativeFormat, run: run)
        }
    }

    /// The request as sent: JSON body, bearer key, the adapter's deadlines.
    func makeRequest(_ request: SynthesisRequest) -> HTTPClientRequest {
        var body: [(String, JSONValue)] = [
            ("model", .string(model)),
            ("input", .string(request.text)),
            ("voice", .string(common.voice(for: request.voice) ?? Self.defaultVoice)),
            ("response_format", .string("pcm")),
        ]
        if let speed { body.append(("speed", .number(speed))) }
        if let instructions { body.append(("instructions", .string(instructions))) }
        return HTTPClientRequest(url: common.baseURL + "/v1/audio/speech", method: "POST",
                                 headers: ["Authorization": "Bearer \(common.apiKey.reveal())", "Content-Type": "application/json"],
                                 body: Array(JSONValue.object(body).encoded().utf8), timeouts: http.timeouts())
    }
}
