import Agents
import Foundation
import ProviderFakes
import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite struct WebhookToolRunnerTests {
    let context = ToolCallContext(callID: "CA123", agentName: "clinic", variables: ["caller_number": "+15550100"])
    let call = ToolCall(id: "call_1", name: "get_hours", argumentsJSON: #"{"day":"saturday"}"#)

    func run(_ respond: @escaping @Sendable (FakeHTTPRequest) -> FakeHTTPReply, timeoutMs: Int = 2_000,
             maxBytes: Int = WebhookToolRunner.defaultMaxResponseBytes) async throws -> (String, FakeWebhookServer) {
        let fake = try await FakeWebhookServer.start(on: CloudTestNetwork.loops, respond: respond)
        let tool = Agents.ToolDeclaration(name: "get_hours", description: "Hours", webhook: fake.url("/hours"),
                                          headers: ["Authorization": Secret("Bearer tool-secret")], timeoutMs: timeoutMs)
        let runner = WebhookToolRunner(tools: [tool], http: CloudTestNetwork.http, maxResponseBytes: maxBytes)
        let call = call
        let context = context
        let answer = try await withTimeout(15, "tool run") { await runner.run(call, for: context) }
        return (answer, fake)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func postsTheCallAndReturnsTheWebhookBody() async throws {
        let (answer, fake) = try await run { _ in .json(#"{"open":"09:00","close":"13:00"}"#) }
        #expect(answer == #"{"open":"09:00","close":"13:00"}"#)
        let request = try #require(fake.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/hours")
        #expect(request.header("Authorization") == "Bearer tool-secret")
        let body = try json(request.bodyText)
        #expect(body["call_id"] as? String == "CA123")
        #expect(body["agent"] as? String == "clinic")
        #expect(body["tool"] as? String == "get_hours")
        #expect((body["arguments"] as? [String: Any])?["day"] as? String == "saturday")
        #expect((body["variables"] as? [String: Any])?["caller_number"] as? String == "+15550100")
        await fake.stop()
    }

    @Test func aSlowWebhookTimesOutAsAnErrorTheModelCanRead() async throws {
        let (answer, fake) = try await run({ _ in FakeHTTPReply(status: 200, steps: [.stall]) }, timeoutMs: 300)
        let body = try json(answer)
        #expect(body["kind"] as? String == "timeout")
        #expect((body["error"] as? String)?.contains("300 ms") == true)
        #expect(await fake.http.nextConnectionClose(within: 10) == .connectionClosed(byClient: true))
        await fake.stop()
    }

    @Test func anErrorStatusIsReportedWithItsStatusAndNoSecrets() async throws {
        let (answer, fake) = try await run { _ in .json(#"{"detail":"db down"}"#, status: 500) }
        let body = try json(answer)
        #expect(body["status"] as? Int == 500)
        #expect((body["body"] as? String)?.contains("db down") == true)
        #expect(!answer.contains("tool-secret"))
        await fake.stop()
    }

    @Test func aHugeBodyIsRefusedAtTheCap() async throws {
        let huge = [UInt8](repeating: UInt8(ascii: "x"), count: 200_000)
        let (answer, fake) = try await run({ _ in FakeHTTPReply(status: 200, steps: [.send(huge)]) }, maxBytes: 4_096)
        #expect(try json(answer)["kind"] as? String == "too_large")
        await fake.stop()
    }

    @Test func unreachableAndUnknownToolsAnswerWithErrors() async throws {
        let tool = Agents.ToolDeclaration(name: "get_hours", description: "Hours", webhook: "http://127.0.0.1:9/x", timeoutMs: 30_000)
        let runner = WebhookToolRunner(tools: [tool], http: CloudTestNetwork.http)
        let unreachable = await runner.run(call, for: context)
        #expect(try json(unreachable)["kind"] as? String == "unreachable", "\(unreachable)")
        let unknown = await runner.run(ToolCall(id: "c", name: "nope", argumentsJSON: "{}"), for: context)
        #expect((try json(unknown)["error"] as? String)?.contains("nope") == true)
    }

    @Test func cancellingTheRunAbortsTheRequest() async throws {
        let fake = try await FakeWebhookServer.start(on: CloudTestNetwork.loops) { _ in FakeHTTPReply(status: 200, steps: [.stall]) }
        let tool = Agents.ToolDeclaration(name: "get_hours", description: "Hours", webhook: fake.url(), timeoutMs: 60_000)
        let runner = WebhookToolRunner(tools: [tool], http: CloudTestNetwork.http)
        let call = call
        let context = context
        let task = Task { await runner.run(call, for: context) }
        var events = fake.http.events.makeAsyncIterator()
        let received = await events.next()
        #expect(received == .requestReceived(path: "/tool"))
        task.cancel()
        #expect(try json(await task.value)["kind"] as? String == "cancelled")
        #expect(await fake.http.nextConnectionClose(within: 10) == .connectionClosed(byClient: true))
        await fake.stop()
    }
}
