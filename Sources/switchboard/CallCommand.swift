import ArgumentParser
import Foundation
import Net

/// `switchboard call AGENT NUMBER`: asks a running server (`POST /v1/calls`, bearer `api.token` from
/// `--token` or `SWITCHBOARD_API_TOKEN`) to place an outbound SIP call, then follows it
/// (`GET /v1/calls/{id}`) until it is answered or fails, printing each status change.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Place an outbound SIP call through a running server's API.",
        discussion: "Exit status 0 when the call is answered, 1 when it fails (busy, no answer, declined, failed).")

    @Argument(help: "The agent that speaks when the callee answers.")
    var agent: String

    @Argument(help: "A number, an extension, or a sip:/tel: URI.")
    var number: String

    @Option(name: .customLong("trunk"), help: "The trunk (default: the first with an outbound section).")
    var trunk: String?

    @Option(name: .customLong("caller-id"), help: "The From user (default: the trunk's caller_id).")
    var callerID: String?

    @Option(name: .customLong("server"), help: "The server's base URL.")
    var server = "http://127.0.0.1:8080"

    @Option(name: .customLong("token"), help: "The API token (default: $SWITCHBOARD_API_TOKEN).")
    var token: String?

    @Option(name: .customLong("ring-timeout"), help: "Seconds to ring before giving up.")
    var ringTimeout: Int?

    /// How often the call's status is polled, and for how long at most.
    static let pollInterval: Duration = .milliseconds(250)
    static let maximumWait: Duration = .seconds(660)

    func run() async throws {
        guard let token = token ?? ProcessInfo.processInfo.environment["SWITCHBOARD_API_TOKEN"], !token.isEmpty else {
            throw ValidationError("no API token: pass --token or set SWITCHBOARD_API_TOKEN")
        }
        var body: [String: Any] = ["agent": agent, "to": number]
        if let trunk { body["trunk"] = trunk }
        if let callerID { body["caller_id"] = callerID }
        if let ringTimeout { body["ring_timeout_s"] = ringTimeout }
        let client = try StreamingHTTPClient(configuration: .init(httpVersion: .http1_1))
        defer { client.shutdown() }
        let base = server.hasSuffix("/") ? String(server.dropLast()) : server
        let headers: HTTPClientHeaders = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
        let posted = try await Self.fetch(client, HTTPClientRequest(url: base + "/v1/calls", method: "POST", headers: headers,
                                                                    body: Array(try JSONSerialization.data(withJSONObject: body))))
        guard posted.status == 202, let id = posted.json["call_id"] as? String else {
            print("call: server answered \(posted.status): \(String(decoding: posted.body, as: UTF8.self))")
            throw ExitCode.failure
        }
        print("call \(id): calling \(number)")
        var last = "calling"
        let deadline = ContinuousClock.now.advanced(by: Self.maximumWait)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: Self.pollInterval)
            let state = try await Self.fetch(client, HTTPClientRequest(url: base + "/v1/calls/" + id, headers: headers))
            guard let status = state.json["status"] as? String else { continue }
            if status != last {
                let sip = (state.json["sip_status"] as? Int).map { " (SIP \($0))" } ?? ""
                print("call \(id): \(status)\(sip) \(state.json["reason"] as? String ?? "")")
                last = status
            }
            if status == "answered" || status == "ended" { return }
            if ["busy", "no-answer", "declined", "failed"].contains(status) { throw ExitCode.failure }
        }
        throw ExitCode.failure
    }

    private static func fetch(_ client: StreamingHTTPClient, _ request: HTTPClientRequest) async throws
        -> (status: Int, body: [UInt8], json: [String: Any]) {
        let response = try await client.stream(request)
        let body = try await response.body.collect(upTo: 65_536)
        let json = (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
        return (response.head.status, body, json)
    }
}
