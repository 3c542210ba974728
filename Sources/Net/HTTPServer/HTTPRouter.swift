/// Answers one request on the loop thread, synchronously: it must not block (no file or network
/// I/O, no waiting). Used for the operational endpoints; media runs over WebSocket.
public typealias HTTPRouteHandler = @Sendable (HTTPServerRequest) -> HTTPServerResponse

/// Decides a WebSocket upgrade on the loop thread: a handler accepts it (101), nil refuses it (403).
public typealias WebSocketRouteHandler = @Sendable (WebSocketUpgrade) -> (any WebSocketHandler)?

/// A tiny router: method + exact path, method + path prefix (longest prefix wins, exact paths
/// first), and WebSocket endpoints by exact path. A path with routes for other methods answers 405
/// with `Allow`; an unknown path 404. `GET` routes also answer `HEAD` (without the body). Built
/// before the server starts, immutable afterwards, shared by every loop.
public struct HTTPRouter: Sendable {
    struct Endpoint: Sendable {
        var methods: [String: HTTPRouteHandler] = [:]
        var webSocket: WebSocketRouteHandler?
    }

    private var exact: [String: Endpoint] = [:]
    /// Longest prefix first.
    private var prefixes: [(prefix: String, methods: [String: HTTPRouteHandler])] = []

    public init() {}

    /// Routes `method` requests for exactly `path` (no query) to `handler`; a later route for the
    /// same method and path replaces the earlier one.
    public mutating func add(_ method: String, _ path: String, _ handler: @escaping HTTPRouteHandler) {
        exact[path, default: Endpoint()].methods[method] = handler
    }

    /// `add("GET", path, handler)`.
    public mutating func get(_ path: String, _ handler: @escaping HTTPRouteHandler) { add("GET", path, handler) }

    /// Routes `method` requests whose path starts with `prefix` (and no exact route matches).
    public mutating func addPrefix(_ method: String, _ prefix: String, _ handler: @escaping HTTPRouteHandler) {
        if let index = prefixes.firstIndex(where: { $0.prefix == prefix }) {
            prefixes[index].methods[method] = handler
        } else {
            prefixes.append((prefix, [method: handler]))
            prefixes.sort { $0.prefix.utf8.count > $1.prefix.utf8.count }
        }
    }

    /// A WebSocket endpoint at exactly `path`. Requests that are not a valid upgrade get the
    /// handshake's refusal (400, 405 or 426); `decide` runs once the handshake is valid.
    public mutating func webSocket(_ path: String, _ decide: @escaping WebSocketRouteHandler) {
        exact[path, default: Endpoint()].webSocket = decide
    }

    /// The paths with a WebSocket endpoint.
    public var webSocketPaths: [String] { exact.filter { $0.value.webSocket != nil }.map(\.key).sorted() }

    /// What a request for `method` and `path` reaches.
    func resolve(method: String, path: Substring) -> HTTPRouteResolution {
        let key = String(path)
        if let endpoint = exact[key] {
            if let decide = endpoint.webSocket { return .webSocket(decide, label: key) }
            return Self.pick(method, in: endpoint.methods, label: key)
        }
        for entry in prefixes where path.utf8.starts(with: entry.prefix.utf8) {
            return Self.pick(method, in: entry.methods, label: entry.prefix + "*")
        }
        return .notFound
    }

    private static func pick(_ method: String, in methods: [String: HTTPRouteHandler], label: String) -> HTTPRouteResolution {
        if let handler = methods[method] ?? (method == "HEAD" ? methods["GET"] : nil) {
            return .handler(handler, label: label)
        }
        var allowed = Set(methods.keys)
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .methodNotAllowed(allow: allowed.sorted().joined(separator: ", "), label: label)
    }
}

/// Where the router sends one request.
enum HTTPRouteResolution {
    /// `label` is the route as registered (`/healthz`, `/static/*`): the metrics label.
    case handler(HTTPRouteHandler, label: String)
    case webSocket(WebSocketRouteHandler, label: String)
    case methodNotAllowed(allow: String, label: String)
    case notFound

    /// Label for metrics; bounded by the routes registered (never the raw path).
    var metricsLabel: String {
        switch self {
        case .handler(_, let label), .webSocket(_, let label), .methodNotAllowed(_, let label): label
        case .notFound: HTTPServerMetrics.unmatchedRoute
        }
    }
}
