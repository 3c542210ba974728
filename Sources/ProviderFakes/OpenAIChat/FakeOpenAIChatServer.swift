import Net
import Speech

/// A fake OpenAI-compatible chat-completions server on loopback: `POST /v1/chat/completions` answered
/// from a script of `FakeLLMTurn`s (replies streamed as OpenAI does, faults in OpenAI's error shapes),
/// in the `style` of a compatible server. Point an adapter's `base_url` at `baseURL`.
public final class FakeOpenAIChatServer: Sendable {
    public let http: FakeHTTPStreamServer
    private let script: FakeLLMScript

    /// `{base}/v1`, what `settings.base_url` should be.
    public var baseURL: String { http.baseURL + "/v1" }
    /// Every request received (its JSON body is in `bodyText`).
    public var requests: [FakeHTTPRequest] { http.requests }

    private init(http: FakeHTTPStreamServer, script: FakeLLMScript) {
        self.http = http
        self.script = script
    }

    /// Starts the server; requests take `turns` in order, then every later one gets `fallback`.
    public static func start(on loops: EventLoopGroup, turns: [FakeLLMTurn] = [],
                             style: OpenAIChatSSE.Style = .openAI,
                             fallback: FakeLLMTurn = .reply(tokens: ["OK"])) async throws -> FakeOpenAIChatServer {
        let script = FakeLLMScript(turns, fallback: fallback)
        let http = try await FakeHTTPStreamServer.start(on: loops) { request in
            guard request.method == "POST", request.path == "/v1/chat/completions" else {
                return .json(OpenAIChatSSE.errorObject(message: "Unknown request URL: \(request.method) \(request.path)",
                                                       type: "invalid_request_error", code: "unknown_url"), status: 404)
            }
            return reply(script.next(), style: style)
        }
        return FakeOpenAIChatServer(http: http, script: script)
    }

    /// Adds a turn to play after those already queued.
    public func enqueue(_ turn: FakeLLMTurn) { script.enqueue(turn) }

    public func stop() async { await http.stop() }

    static func reply(_ turn: FakeLLMTurn, style: OpenAIChatSSE.Style) -> FakeHTTPReply {
        func data(_ json: String) -> FakeHTTPReply.Step { .send(OpenAIChatSSE.event(json, style)) }
        switch turn {
        case .raw(let reply):
            return reply
        case .reply(let tokens, let toolCalls, let usage):
            return .eventStream(OpenAIChatSSE.reply(tokens: tokens, toolCalls: toolCalls, usage: usage, style: style))
        case .fault(.status(let status, let message, let retryAfter)):
            let (type, code) = switch status {
            case 401: ("invalid_request_error", "invalid_api_key")
            case 429: ("requests", "rate_limit_exceeded")
            case 500...: ("server_error", "server_is_overloaded")
            default: ("invalid_request_error", "invalid_value")
            }
            let headers = retryAfter.map { [(name: "retry-after", value: String($0))] } ?? []
            return .json(OpenAIChatSSE.errorObject(message: message, type: type, code: code), status: status, headers: headers)
        case .fault(.stallAfterFirstToken):
            return .eventStream([data(OpenAIChatSSE.roleChunk()), data(OpenAIChatSSE.contentChunk("Hello")), .stall])
        case .fault(.malformedJSON):
            return .eventStream([data(OpenAIChatSSE.roleChunk()), data(#"{"id":"chatcmpl-fake9x","object":"chat.completion.chunk","choices":[{"index":0,"#)])
        case .fault(.disconnectMidStream):
            return .eventStream([data(OpenAIChatSSE.roleChunk()), data(OpenAIChatSSE.contentChunk("Hello")), .disconnect])
        case .fault(.slowFirstToken(let delay, let tokens)):
            return .eventStream([.pause(delay)] + OpenAIChatSSE.reply(tokens: tokens, toolCalls: [], usage: nil, style: style))
        case .fault(.inStreamError(let message)):
            return .eventStream([data(OpenAIChatSSE.roleChunk()), data(OpenAIChatSSE.contentChunk("Hello")),
                                 data(OpenAIChatSSE.errorObject(message: message, type: "server_error", code: nil))])
        }
    }
}
