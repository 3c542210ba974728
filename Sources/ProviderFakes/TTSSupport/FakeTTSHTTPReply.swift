/// What a fake streaming HTTP server answers to one request: a status and headers, then body pieces
/// sent one by one (chunked), ending cleanly, by stalling, or by dropping the connection.
public struct FakeTTSHTTPReply: Sendable {
    /// How the body ends.
    public enum Ending: Sendable, Equatable {
        /// The last chunk is sent; the connection then closes.
        case complete
        /// After `afterPieces` pieces nothing more is sent; the connection stays open.
        case stall(afterPieces: Int)
        /// After `afterPieces` pieces the connection is closed without the last chunk.
        case disconnect(afterPieces: Int)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var pieces: [[UInt8]]
    /// Pause before the head is sent.
    public var firstDelay: Duration
    /// Pause between pieces.
    public var interval: Duration
    public var ending: Ending

    public init(status: Int, headers: [(String, String)] = [], pieces: [[UInt8]] = [], firstDelay: Duration = .zero,
                interval: Duration = .zero, ending: Ending = .complete) {
        self.status = status
        self.headers = headers
        self.pieces = pieces
        self.firstDelay = firstDelay
        self.interval = interval
        self.ending = ending
    }

    /// An error answer with a JSON body.
    public static func json(status: Int, _ body: String, retryAfterSeconds: Int? = nil) -> FakeTTSHTTPReply {
        var headers = [("Content-Type", "application/json")]
        if let retryAfterSeconds { headers.append(("Retry-After", String(retryAfterSeconds))) }
        return FakeTTSHTTPReply(status: status, headers: headers, pieces: [Array(body.utf8)])
    }

    /// Streamed audio paced by `pacing`, with `fault` applied (status faults are answered by the vendor
    /// fake before it gets here, with its own error body).
    public static func audio(_ audio: [UInt8], contentType: String, pacing: FakeAudioPacing, fault: FakeTTSFault?) -> FakeTTSHTTPReply {
        var reply = FakeTTSHTTPReply(status: 200, headers: [("Content-Type", contentType)], pieces: pacing.pieces(of: audio),
                                  interval: pacing.interval)
        switch fault {
        case .stallAfterFirstChunk: reply.ending = .stall(afterPieces: 1)
        case .disconnectMidStream: reply.ending = .disconnect(afterPieces: 1)
        case .slowFirstBytes(let delay): reply.firstDelay = delay
        case .malformedAudio, .malformedJSON:
            // Raw-audio vendors have no framing to break: a JSON error document in a 200 body is the
            // closest thing (what a misconfigured proxy sends).
            reply.headers = [("Content-Type", "application/json")]
            reply.pieces = [Array(#"{"unexpected": true"#.utf8)]
        case .status, nil: break
        }
        return reply
    }
}
