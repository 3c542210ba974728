/// Replies of the HTTP TTS fakes (OpenAI speech, Deepgram Aura, ElevenLabs HTTP): JSON errors and
/// paced audio with a `FakeTTSFault` applied, as `FakeHTTPReply` scripts.
extension FakeHTTPReply {
    /// An error answer with a JSON body and, if given, `Retry-After`.
    public static func json(status: Int, _ body: String, retryAfterSeconds: Int? = nil) -> FakeHTTPReply {
        var headers: [(name: String, value: String)] = []
        if let retryAfterSeconds { headers.append(("Retry-After", String(retryAfterSeconds))) }
        return .json(body, status: status, headers: headers)
    }

    /// Streamed audio paced by `pacing`, with `fault` applied (status faults are answered by the vendor
    /// fake before it gets here, with its own error body).
    public static func audio(_ audio: [UInt8], contentType: String, pacing: FakeAudioPacing, fault: FakeTTSFault?) -> FakeHTTPReply {
        let pieces = pacing.pieces(of: audio)
        var reply = FakeHTTPReply(status: 200, headers: [("Content-Type", contentType)], headDelay: pacing.firstAudioDelay)
        switch fault {
        case .stallAfterFirstChunk: reply.steps = paced(pieces, interval: pacing.interval, endingAfter: 1, with: .stall)
        case .disconnectMidStream: reply.steps = paced(pieces, interval: pacing.interval, endingAfter: 1, with: .disconnect)
        case .slowFirstBytes(let delay):
            reply.headDelay = delay
            reply.steps = paced(pieces, interval: pacing.interval)
        case .malformedAudio, .malformedJSON:
            // Raw-audio vendors have no framing to break: a JSON error document in a 200 body is the
            // closest thing (what a misconfigured proxy sends).
            reply.headers = [("Content-Type", "application/json")]
            reply.steps = [.send(Array(#"{"unexpected": true"#.utf8))]
        case .status, nil: reply.steps = paced(pieces, interval: pacing.interval)
        }
        return reply
    }

    /// `pieces` sent `interval` apart; with `ending`, that step replaces everything from piece
    /// `endingAfter` on.
    static func paced(_ pieces: [[UInt8]], interval: Duration, endingAfter: Int = .max, with ending: Step? = nil) -> [Step] {
        var steps: [Step] = []
        for (index, piece) in pieces.enumerated() {
            if index >= endingAfter, let ending { return steps + [ending] }
            steps.append(.send(piece))
            if interval > .zero { steps.append(.pause(interval)) }
        }
        if pieces.count >= endingAfter, let ending { steps.append(ending) }
        return steps
    }
}
