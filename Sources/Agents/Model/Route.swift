/// Which agent answers a call, matched on the WebSocket path the call arrived on, the number it was
/// made to, or a custom parameter of the media stream (Twilio `<Parameter>`).
public struct Route: Sendable, Hashable {
    /// What the route matches.
    public var match: RouteMatch
    /// The agent's name. Nil only for a path route that just opens an endpoint and leaves the
    /// choice to the other routes and the default agent.
    public var agent: String?

    /// Creates a route.
    public init(match: RouteMatch, agent: String?) {
        self.match = match
        self.agent = agent
    }
}

/// What a route matches.
public enum RouteMatch: Sendable, Hashable {
    /// A WebSocket endpoint at this path (starting with `/`) speaking this protocol.
    case webSocketPath(String, protocol: StreamProtocol)
    /// The called number (digits with an optional leading `+`; separators removed).
    case calledNumber(String)
    /// A custom stream parameter with this name and value.
    case streamParameter(name: String, value: String)
}

/// The media-stream protocols a WebSocket endpoint can speak.
public enum StreamProtocol: String, Sendable, Hashable, CaseIterable {
    /// Twilio Media Streams: JSON messages with base64 µ-law 8 kHz.
    case twilio
    /// Raw 16-bit little-endian PCM frames with JSON control messages (documented in `Docs/`).
    case pcm
}
