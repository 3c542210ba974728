import Net
import Speech

/// A fake Anthropic Messages server on loopback: `POST /v1/messages` answered from a script of
/// `FakeLLMTurn`s, streamed in Anthropic's event format, faults in its error shapes (`overloaded_error`
/// on 529 and in-stream). Point an adapter's `base_url` at `baseURL`.
public final class FakeAnthropicServer: Sendable {
    public let http: FakeHTTPStreamServer
    private let script: FakeLLMScript

    public var baseURL: String { http.baseURL }
    public var requests: [FakeHTTPRequest] { http.requests }

    private init(http: FakeHTTPStreamServer, script: FakeLLMScript) {
        self.http = http
        self.script = script
    }

    public static func start(on loops: EventLoopGroup, turns: [FakeLLMTurn] = []) async throws -> FakeAnthropicServer {
        let script = FakeLLMScript(turns)
        let http = try await FakeHTTPStreamServer.start(on: loops) { request in
            guard request.method == "POST", request.path == "/v1/messages" else {
                return .json(AnthropicSSE.errorObject(type: "not_found_error", message: "Not found"), status: 404)
            }
            return reply(script.next())
        }
        return FakeAnthropicServer(http: http, script: script)
    }

    public func enqueue(_ turn: FakeLLMTurn) { script.enqueue(turn) }

    public func stop() async { await http.stop() }

    static func reply(_ turn: FakeLLMTurn) -> FakeHTTPReply {
        let opening: [FakeHTTPReply.Step] = [.send(AnthropicSSE.messageStart(inputTokens: 9)), .send(AnthropicSSE.textStart(index: 0)),
                                             .send(AnthropicSSE.textDelta(index: 0, "Hello"))]
        switch turn {
        case .raw(let reply):
            return reply
        case .reply(let tokens, let toolCalls, let usage):
            return .eventStream(AnthropicSSE.reply(tokens: tokens, toolCalls: toolCalls, usage: usage))
        case .fault(.status(let status, let message, let retryAfter)):
            let type = switch status {
            case 401: "authentication_error"
            case 403: "permission_error"
            case 404: "not_found_error"
            case 429: "rate_limit_error"
            case 529: "overloaded_error"
            case 500...: "api_error"
            default: "invalid_request_error"
            }
            let headers = retryAfter.map { [(name: "retry-after", value: String($0))] } ?? []
            return .json(AnthropicSSE.errorObject(type: type, message: message), status: status, headers: headers)
        case .fault(.stallAfterFirstToken):
            return .eventStream(opening + [.stall])
        case .fault(.malformedJSON):
            return .eventStream([.send(AnthropicSSE.messageStart(inputTokens: 9)),
                                 .send(AnthropicSSE.event("content_block_start", #"{"type":"content_block_start","index":0,"content_"#))])
        case .fault(.disconnectMidStream):
            return .eventStream(opening + [.disconnect])
        case .fault(.slowFirstToken(let delay, let tokens)):
            return .eventStream([.pause(delay)] + AnthropicSSE.reply(tokens: tokens, toolCalls: [], usage: nil))
        case .fault(.inStreamError(let message)):
            return .eventStream(opening + [.send(AnthropicSSE.event("error", AnthropicSSE.errorObject(type: "overloaded_error", message: message)))])
        }
    }
}
