import Media
import Net
import Speech

/// A loopback fake of Deepgram Aura's `POST /v1/speak` (protocols.md §6.1): checks `Authorization:
/// Token <key>`, reads `model`, `encoding` (linear16, mulaw, alaw), `sample_rate` and requires
/// `container=none`, then streams `FakeTone` in exactly that format. Errors use Deepgram's
/// `{"err_code","err_msg","request_id"}` shape.
public final class FakeDeepgramAuraServer: Sendable {
    public let log: FakeTTSLog
    public let faults: FakeFaultScript
    private let server: FakeHTTPStreamServer

    private init(server: FakeHTTPStreamServer, log: FakeTTSLog, faults: FakeFaultScript) {
        self.server = server
        self.log = log
        self.faults = faults
    }

    public static func start(on group: EventLoopGroup, apiKey: String, pacing: FakeAudioPacing = FakeAudioPacing())
        async throws -> FakeDeepgramAuraServer
    {
        let log = FakeTTSLog()
        let faults = FakeFaultScript()
        let server = try await FakeHTTPStreamServer.start(on: group, log: log) { request in
            reply(to: request, apiKey: apiKey, pacing: pacing, fault: faults.next())
        }
        return FakeDeepgramAuraServer(server: server, log: log, faults: faults)
    }

    public var baseURL: String { server.baseURL }
    public func stop() async { await server.stop() }

    static func error(_ status: Int, code: String, _ message: String, retryAfter: Int? = nil) -> FakeHTTPReply {
        .json(status: status, FakeJSON.text(["err_code": code, "err_msg": message, "request_id": "00000000-fake-0000-0000-000000000000"]),
              retryAfterSeconds: retryAfter)
    }

    static func reply(to request: FakeTTSRequest, apiKey: String, pacing: FakeAudioPacing, fault: FakeTTSFault?) -> FakeHTTPReply {
        guard request.method == "POST", request.path == "/v1/speak" else { return error(404, code: "NOT_FOUND", "no such endpoint") }
        guard request.headers["authorization"] == "Token \(apiKey)" else {
            return error(401, code: "INVALID_AUTH", "Invalid credentials.")
        }
        if case .status(let status, let message, let retryAfter) = fault {
            let code = status == 429 ? "TOO_MANY_REQUESTS" : status == 402 ? "ASR_PAYMENT_REQUIRED" : status >= 500 ? "INTERNAL_SERVER_ERROR" : "Bad Request"
            return error(status, code: code, message, retryAfter: retryAfter)
        }
        guard request.query["model"]?.hasPrefix("aura") == true else { return error(400, code: "Bad Request", "unknown model") }
        guard request.query["container"] == "none" else { return error(400, code: "Bad Request", "this fake streams container=none only") }
        let encoding: AudioEncoding? = switch request.query["encoding"] {
        case "linear16": .linear16
        case "mulaw": .mulaw
        case "alaw": .alaw
        default: nil
        }
        guard let encoding, let rate = request.query["sample_rate"].flatMap(Int.init).flatMap(SampleRate.init(rawValue:)) else {
            return error(400, code: "Bad Request", "unsupported encoding or sample_rate")
        }
        if encoding != .linear16, rate != .hz8000, rate != .hz16000 {
            return error(400, code: "Bad Request", "mulaw and alaw support sample_rate 8000 or 16000")
        }
        guard let body = FakeJSON.object(request.body), let text = body["text"] as? String else {
            return error(400, code: "INVALID_JSON", "Invalid JSON submitted.")
        }
        let format = AudioFormat(encoding: encoding, sampleRate: rate)
        return .audio(FakeTone.audio(for: text, format: format), contentType: "audio/\(encoding.rawValue)", pacing: pacing, fault: fault)
    }
}
