import Agents
import Net
import Speech

/// Runs an agent's tools by POSTing each call to the tool's `webhook` (agent YAML `tools:`) with its
/// headers, and returns the webhook's response body for the model to read. Never throws: a timeout
/// (`timeout_ms`), an error status, an unreachable host or an oversized answer come back as a short
/// JSON `{"error":…, "kind":…}` the model can explain. Cancelling the running task aborts the request.
public struct WebhookToolRunner: ToolRunner {
    /// Largest webhook answer passed to the model: more would crowd its context window.
    public static let defaultMaxResponseBytes = 32 * 1024
    /// Longest piece of an error status's body quoted to the model.
    static let maxQuotedErrorBodyBytes = 500

    private let tools: [String: Agents.ToolDeclaration]
    private let http: StreamingHTTPClient
    public let maxResponseBytes: Int

    public init(tools: [Agents.ToolDeclaration], http: StreamingHTTPClient, maxResponseBytes: Int = defaultMaxResponseBytes) {
        self.tools = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.http = http
        self.maxResponseBytes = maxResponseBytes
    }

    public func run(_ call: ToolCall, for context: ToolCallContext) async -> String {
        guard let tool = tools[call.name] else { return ToolErrorReply.unknownTool(call.name) }
        let timeout = Duration.milliseconds(tool.timeoutMs)
        let request = Self.request(for: tool, call: call, context: context)
        let limit = maxResponseBytes
        let http = http
        do {
            let outcome = try await raceDeadline(.now + timeout) { () async throws -> WebhookOutcome in
                let response = try await http.stream(request)
                do {
                    let body = try await response.body.collect(upTo: limit)
                    return WebhookOutcome(status: response.head.status, body: body)
                } catch HTTPClientError.bodyTooLarge {
                    return WebhookOutcome(status: response.head.status, body: nil)
                }
            }
            guard let outcome else { return ToolErrorReply.timedOut(call.name, after: tool.timeoutMs) }
            return outcome.reply(tool: call.name, limit: limit)
        } catch HTTPClientError.timeout {
            return ToolErrorReply.timedOut(call.name, after: tool.timeoutMs)
        } catch is HTTPClientError {
            return ToolErrorReply.unreachable(call.name)
        } catch {
            return ToolErrorReply.cancelled(call.name)
        }
    }

    static func request(for tool: Agents.ToolDeclaration, call: ToolCall, context: ToolCallContext) -> HTTPClientRequest {
        var headers: HTTPClientHeaders = ["Content-Type": "application/json", "Accept": "application/json"]
        for name in tool.headers.keys.sorted() {
            if let value = tool.headers[name] { headers.add(name: name, value: value.reveal()) }
        }
        let timeout = Duration.milliseconds(tool.timeoutMs)
        return HTTPClientRequest(url: tool.webhook, method: "POST", headers: headers,
                                 body: Array(WebhookPayload.body(for: call, context: context).utf8),
                                 timeouts: HTTPClientTimeouts(connect: timeout, firstByte: timeout, idle: timeout))
    }
}

/// What a webhook answered: status and body (nil when it was over the size limit).
struct WebhookOutcome: Sendable {
    var status: Int
    var body: [UInt8]?

    func reply(tool: String, limit: Int) -> String {
        guard let body else { return ToolErrorReply.tooLarge(tool, limit: limit) }
        let text = String(decoding: body, as: UTF8.self)
        guard (200..<300).contains(status) else {
            return ToolErrorReply.status(tool, status: status,
                                         body: String(decoding: body.prefix(WebhookToolRunner.maxQuotedErrorBodyBytes), as: UTF8.self))
        }
        return text.isEmpty ? #"{"ok":true}"# : text
    }
}
