import Wire
import Agents
import Net
import Speech

/// The `elevenlabs` text-to-speech provider. By default HTTP streaming, `POST {base}/v1/text-to-speech/
/// {voice}/stream?output_format=…` with `xi-api-key` (protocols.md §5.2); with `settings.transport:
/// websocket`, the `stream-input` WebSocket, one socket (one context) per sentence (§5.3). The call's
/// own format is asked for (`ulaw_8000` for telephony), so nothing is transcoded.
public struct ElevenLabsTTS: TextToSpeech {
    /// How requests reach ElevenLabs.
    public enum Transport: String, Sendable {
        case http
        case websocket
    }

    public static let defaultBaseURL = "https://api.elevenlabs.io"
    public static let defaultModel = "eleven_flash_v2_5"

    public let name = "elevenlabs"
    let common: CloudTTSSettings
    let transport: Transport
    let model: String
    /// `voice_settings` as configured (only the keys given).
    let voiceSettings: [(String, JSONValue)]
    let http: HTTPSynthesis
    let network: ProviderNetwork

    public init(settings: TTSProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        let transportName = settings.string("transport") ?? "http"
        guard let transport = Transport(rawValue: transportName) else {
            throw ProviderSetupError(provider: "elevenlabs", problem: "settings.transport must be http or websocket (got \(transportName))")
        }
        self.transport = transport
        common = try CloudTTSSettings(settings, provider: "elevenlabs", defaultBaseURL: Self.defaultBaseURL,
                                      secureScheme: "https")
        model = settings.string("model") ?? settings.string("model_id") ?? Self.defaultModel
        var voiceSettings: [(String, JSONValue)] = []
        for key in ["stability", "similarity_boost", "style", "speed"] {
            if let value = settings.double(key) { voiceSettings.append((key, .number(value))) }
        }
        if let boost = settings.bool("use_speaker_boost") { voiceSettings.append(("use_speaker_boost", .bool(boost))) }
        self.voiceSettings = voiceSettings
        self.network = network
        http = HTTPSynthesis(client: network.http, deadlines: common.deadlines, secret: common.apiKey.reveal()) { _, body in
            body?["detail"]?["status"]?.stringValue == "quota_exceeded"
        }
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        guard let voice = common.voice(for: request.voice) else {
            return SynthesisRun.start(format: request.format, deadlines: common.deadlines, startsConnected: true) { _ in
                .failed(.badRequest(detail: "no ElevenLabs voice id: set settings.voice or the agent's voice"))
            }
        }
        let output = ElevenLabsOutputFormat.choose(for: request.format)
        switch transport {
        case .http:
            let httpRequest = makeHTTPRequest(request, voice: voice, outputFormat: output.name)
            let http = self.http
            return SynthesisRun.start(format: request.format, deadlines: common.deadlines, startsConnected: true) { run in
                await http.perform(httpRequest, providerFormat: output.format, run: run)
            }
        case .websocket:
            let session = ElevenLabsSocketSynthesis(url: webSocketURL(voice: voice, outputFormat: output.name),
                                                    apiKey: common.apiKey, deadlines: common.deadlines, network: network,
                                                    initialMessage: initialMessage(), text: request.text)
            return SynthesisRun.start(format: request.format, deadlines: common.deadlines, startsConnected: false) { run in
                await session.perform(providerFormat: output.format, run: run)
            }
        }
    }

    func makeHTTPRequest(_ request: SynthesisRequest, voice: String, outputFormat: String) -> HTTPClientRequest {
        var body: [(String, JSONValue)] = [("text", .string(request.text)), ("model_id", .string(model))]
        if !voiceSettings.isEmpty { body.append(("voice_settings", .object(voiceSettings))) }
        if let previous = request.previousText, !previous.isEmpty { body.append(("previous_text", .string(previous))) }
        let url = common.baseURL + "/v1/text-to-speech/\(URLQuery.percentEncoded(voice))/stream?"
            + URLQuery([("output_format", outputFormat)]).encoded
        return HTTPClientRequest(url: url, method: "POST",
                                 headers: ["xi-api-key": common.apiKey.reveal(), "Content-Type": "application/json",
                                           "Accept": "audio/*"],
                                 body: Array(JSONValue.object(body).encoded().utf8), timeouts: http.timeouts())
    }

    /// `wss://…/v1/text-to-speech/{voice}/stream-input?model_id=…&output_format=…` (https → wss, http → ws).
    func webSocketURL(voice: String, outputFormat: String) -> String {
        var base = common.baseURL
        if base.hasPrefix("https://") { base = "wss://" + base.dropFirst("https://".count) }
        else if base.hasPrefix("http://") { base = "ws://" + base.dropFirst("http://".count) }
        return base + "/v1/text-to-speech/\(URLQuery.percentEncoded(voice))/stream-input?"
            + URLQuery([("model_id", model), ("output_format", outputFormat)]).encoded
    }

    /// BOS: the text must be a single space (protocols.md §5.3).
    func initialMessage() -> String {
        var message: [(String, JSONValue)] = [("text", .string(" "))]
        if !voiceSettings.isEmpty { message.append(("voice_settings", .object(voiceSettings))) }
        return JSONValue.object(message).encoded()
    }
}
