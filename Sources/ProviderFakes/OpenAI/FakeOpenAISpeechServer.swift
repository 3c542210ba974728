import Foundation
import Net
import Speech

/// A loopback fake of OpenAI's `POST /v1/audio/speech` (protocols.md §5.1): checks `Authorization:
/// Bearer <key>`, requires `response_format: pcm`, and streams `FakeTone` as raw 24 kHz s16le in odd-sized
/// pieces (samples split across pieces). Errors use OpenAI's `{"error":{…}}` shape; a refused key is
/// echoed in the message as OpenAI does, so tests can check adapters keep it out of their errors.
public final class FakeOpenAISpeechServer: Sendable {
    public static let pcmFormat = AudioFormat(encoding: .linear16, sampleRate: .hz24000)

    public let log: FakeTTSLog
    public let faults: FakeFaultScript
    private let server: FakeHTTPStreamServer

    public static func start(on group: EventLoopGroup, apiKey: String, pacing: FakeAudioPacing = FakeAudioPacing(pieceBytes: 1201))
        async throws -> FakeOpenAISpeechServer
    {
        let log = FakeTTSLog()
        let faults = FakeFaultScript()
        let server = try await FakeHTTPStreamServer.start(on: group, log: log) { request in
            reply(to: request, apiKey: apiKey, pacing: pacing, fault: faults.next())
        }
        return FakeOpenAISpeechServer(server: server, log: log, faults: faults)
    }

    private init(server: FakeHTTPStreamServer, log: FakeTTSLog, faults: FakeFaultScript) {
        self.server = server
        self.log = log
        self.faults = faults
    }

    public var baseURL: String { server.baseURL }
    public func stop() async { await server.stop() }

    static func error(_ status: Int, _ message: String, type: String, code: String, retryAfter: Int? = nil) -> FakeHTTPReply {
        .json(status: status, FakeJSON.text(["error": ["message": message, "type": type, "param": NSNull(), "code": code]]),
              retryAfterSeconds: retryAfter)
    }

    static func reply(to request: FakeTTSRequest, apiKey: String, pacing: FakeAudioPacing, fault: FakeTTSFault?) -> FakeHTTPReply {
        guard request.method == "POST", request.path == "/v1/audio/speech" else {
            return error(404, "Unknown request URL: \(request.method) \(request.path)", type: "invalid_request_error", code: "unknown_url")
        }
        let presented = request.headers["authorization"] ?? ""
        guard presented == "Bearer \(apiKey)" else {
            return error(401, "Incorrect API key provided: \(presented.dropFirst("Bearer ".count)).", type: "invalid_request_error",
                         code: "invalid_api_key")
        }
        if case .status(let status, let message, let retryAfter) = fault {
            let code = status == 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request"
            return error(status, message, type: status == 429 ? "requests" : "invalid_request_error", code: code, retryAfter: retryAfter)
        }
        guard let body = FakeJSON.object(request.body), let input = body["input"] as? String, body["model"] is String,
              body["voice"] is String else {
            return error(400, "We could not parse the JSON body of your request.", type: "invalid_request_error", code: "invalid_json")
        }
        guard body["response_format"] as? String == "pcm" else {
            return error(400, "This fake speaks only response_format pcm", type: "invalid_request_error", code: "unsupported_format")
        }
        return .audio(FakeTone.audio(for: input, format: pcmFormat), contentType: "audio/pcm", pacing: pacing, fault: fault)
    }
}
