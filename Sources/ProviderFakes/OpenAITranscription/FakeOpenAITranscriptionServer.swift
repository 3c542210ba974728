import Net
import Synchronization
import Wire

/// A scripted failure of `FakeOpenAITranscriptionServer`.
public enum FakeBatchFault: Sendable, Hashable {
    /// Answer every request with this status, headers and OpenAI-shaped error message.
    case status(Int, headers: [String: String], message: String)
    /// Answer 200 with a body that is not JSON.
    case malformedJSON
    /// Close the connection without answering.
    case disconnect
    /// Answer only after this delay.
    case slowResponse(Duration)
}

/// A fake OpenAI transcription server (`POST /v1/audio/transcriptions`) on 127.0.0.1: checks
/// `Authorization: Bearer <key>` (401 with OpenAI's error JSON otherwise), reads the multipart form
/// (400 without `file` or `model`), records the uploaded file and fields, and answers the n-th request
/// with `{"text":"<script[n]>"}` (the last entry once the script runs out). `fault` scripts a failure.
public final class FakeOpenAITranscriptionServer: Sendable {
    public let traffic: FakeTrafficLog
    public let address: SocketAddress
    let server: HTTPServer

    /// The URL to give the adapter as `settings.base_url` (`/v1` included, as OpenAI spells it).
    public var baseURL: String { "http://127.0.0.1:\(address.port)/v1" }

    public static func start(on group: EventLoopGroup, apiKey: String, script: [String],
                             fault: FakeBatchFault? = nil) async throws -> FakeOpenAITranscriptionServer {
        let traffic = FakeTrafficLog()
        let answered = Mutex(0)
        var router = HTTPRouter()
        router.add("POST", "/v1/audio/transcriptions") { request in
            traffic.update { $0.requests.append(FakeServerHost.request(request.head)) }
            guard request.headers["Authorization"] == "Bearer \(apiKey)" else {
                return error(401, "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key")
            }
            guard let boundary = MultipartFormParser.boundary(fromContentType: request.headers["Content-Type"] ?? ""),
                  let parts = MultipartFormParser.parts(of: request.body, boundary: boundary),
                  let file = parts.first(where: { $0.name == "file" }), parts.contains(where: { $0.name == "model" }) else {
                return error(400, "Could not parse multipart form: file and model are required.", type: "invalid_request_error", code: nil)
            }
            traffic.update { traffic in
                traffic.uploads.append(file.body)
                for part in parts where part.filename == nil { traffic.formFields[part.name] = String(decoding: part.body, as: UTF8.self) }
            }
            switch fault {
            case .status(let status, let headers, let message)?:
                var response = error(status, message, type: status == 429 ? "rate_limit_exceeded" : "server_error", code: nil)
                for (name, value) in headers.sorted(by: { $0.key < $1.key }) { response.headers.replaceOrAdd(name: name, value: value) }
                return response
            case .malformedJSON?:
                return json(200, #"{"text": "unterminated"#)
            default:
                let index = answered.withLock { count -> Int in
                    defer { count += 1 }
                    return count
                }
                let text = script.isEmpty ? "" : script[min(index, script.count - 1)]
                traffic.update { $0.resultsSent += 1 }
                return json(200, #"{"text":"\#(text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\""))"}"#)
            }
        }
        let decide: GateDecider = { head in
            switch fault {
            case .disconnect?: return .hangUp
            case .slowResponse(let delay)?: return .respond(status: 200, headers: [], body: #"{"text":"late"}"#, after: delay)
            default: return .pass
            }
        }
        let (server, address) = try await FakeServerHost.start(on: group, router: router, decide: decide,
                                                               registry: FakeConnectionRegistry())
        return FakeOpenAITranscriptionServer(server: server, address: address, traffic: traffic)
    }

    private init(server: HTTPServer, address: SocketAddress, traffic: FakeTrafficLog) {
        self.server = server
        self.address = address
        self.traffic = traffic
    }

    /// Stops listening and closes every connection.
    public func stop() async {
        _ = await server.shutdown(drainTimeout: .zero, closeTimeout: .seconds(2))
    }

    private static func json(_ status: Int, _ body: String) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }

    private static func error(_ status: Int, _ message: String, type: String, code: String?) -> HTTPServerResponse {
        let codeJSON = code.map { "\"\($0)\"" } ?? "null"
        return json(status, #"{"error":{"message":"\#(message)","type":"\#(type)","param":null,"code":\#(codeJSON)}}"#)
    }
}
