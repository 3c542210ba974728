/// A scripted HTTP response from a fake provider: status and headers, then a body sent step by step
/// (chunked transfer coding, one chunk per `send`), so a test can make a server that streams, pauses,
/// stalls forever or drops the connection mid-body. A `Connection: close` header closes the connection
/// once the body ends.
public struct FakeHTTPReply: Sendable {
    /// One step of the body.
    public enum Step: Sendable, Equatable {
        /// Send these bytes as one chunk.
        case send([UInt8])
        /// Wait before the next step.
        case pause(Duration)
        /// Send nothing more and keep the connection open (the client must give up).
        case stall
        /// Close the connection at once, without ending the body.
        case disconnect
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var steps: [Step]
    /// Wait before the status line is sent (a provider slow to answer at all).
    public var headDelay: Duration

    public init(status: Int, headers: [(name: String, value: String)] = [], steps: [Step] = [], headDelay: Duration = .zero) {
        self.status = status
        self.headers = headers
        self.steps = steps
        self.headDelay = headDelay
    }

    /// Whether the reply asks for the connection to close after it (`Connection: close`).
    var closesConnection: Bool {
        headers.contains { $0.name.lowercased() == "connection" && $0.value.lowercased() == "close" }
    }

    /// A whole JSON body (an API error, a webhook answer).
    public static func json(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> FakeHTTPReply {
        FakeHTTPReply(status: status, headers: [("Content-Type", "application/json")] + headers, steps: [.send(Array(text.utf8))])
    }

    /// A `text/event-stream` body made of `steps`.
    public static func eventStream(_ steps: [Step]) -> FakeHTTPReply {
        FakeHTTPReply(status: 200, headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")], steps: steps)
    }
}

/// A request a fake server received: method, path, headers and the whole body.
public struct FakeHTTPRequest: Sendable {
    public var method: String
    /// Path without the query.
    public var path: String
    /// The raw query (after `?`, not percent-decoded; empty when there is none).
    public var query: String = ""
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What a fake server observed, in order.
public enum FakeServerEvent: Sendable, Equatable {
    case requestReceived(path: String)
    /// A connection closed; `byClient` when the peer closed or reset it (not the script).
    case connectionClosed(byClient: Bool)
    /// The client closed the connection while a reply to `path` was still being sent (a cancelled stream).
    case clientLeftMidReply(path: String)
}
