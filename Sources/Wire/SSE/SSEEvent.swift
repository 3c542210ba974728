/// One dispatched server-sent event (WHATWG HTML §9.2.6 "Interpreting an event stream").
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, or "message" when none (or an empty one) was given.
    public var type: String
    /// The `data:` lines joined with "\n".
    public var data: String
    /// The last event ID at dispatch time (it persists across events until an `id:` changes it).
    public var id: String

    public init(type: String = "message", data: String, id: String = "") {
        self.type = type
        self.data = data
        self.id = id
    }
}

/// Why an event stream was refused and where.
public struct SSEParseError: WireError {
    public enum Kind: Sendable, Equatable {
        /// The lines of one event (comments aside) exceed `maxEventBytes`.
        case eventTooLarge
    }

    public let kind: Kind
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) { self.kind = kind; self.offset = offset }

    public var description: String { "SSE \(kind) at byte \(offset)" }
}
