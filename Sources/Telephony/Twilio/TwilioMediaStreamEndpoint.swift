import Agents
import Conversation
import Logging
import Media
import Net
import Orchestrator
import Speech
import Wire

/// One Twilio Media Streams WebSocket (a bidirectional `<Connect><Stream>`): parses what Twilio sends,
/// starts the call's `CallSession` on `start` (pinned to this connection's loop), feeds it 8 kHz frames
/// with no task or hop per frame, and plays the agent through a paced transport. Anything malformed or
/// out of order ends this call (close code + logged reason); other calls are untouched.
public final class TwilioMediaStreamEndpoint: WebSocketHandler {
    enum Phase { case waitingForStart, streaming, ended }

    let context: MediaEndpointContext
    let path: String
    let loop: EventLoop
    var parser = TwilioMessageParser()
    var audio = TwilioInboundAudio()
    var phase = Phase.waitingForStart
    var connection: WebSocketConnection?
    var session: CallSession?
    var streamSid = "-"

    public init(upgrade: WebSocketUpgrade, context: MediaEndpointContext) {
        self.context = context
        self.path = String(upgrade.path)
        self.loop = upgrade.loop
    }

    public func opened(_ connection: WebSocketConnection) { self.connection = connection }

    public func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {
        guard phase != .ended else { return }
        guard case .text(var text) = message else {
            if case .binary = message { fail(StreamFailure(code: 1003, reason: "binary message on a Twilio stream")) }
            return
        }
        let outcome = text.withUTF8 { bytes in
            Result { () throws(StreamFailure) in try handle(bytes) }
        }
        if case .failure(let failure) = outcome { fail(failure) }
    }

    public func closed(code: WebSocketCloseCode, reason: String) {
        if phase != .ended {
            context.logger.info("twilio stream ended by peer", metadata: ["stream": "\(streamSid)", "code": "\(code.rawValue)"])
        }
        phase = .ended
        session?.assumeIsolated { $0.hangUp() }
        session = nil
    }

    private func handle(_ bytes: UnsafeBufferPointer<UInt8>) throws(StreamFailure) {
        let message: TwilioMessage
        do { message = try parser.parse(bytes) } catch { throw Self.failure(error) }
        switch message {
        case .media(let chunk):
            guard let session, phase == .streaming else { throw Self.failure(TwilioMessageError(.outOfOrder, "media before start")) }
            guard chunk.track != .outbound else { return }
            do {
                try audio.decode(payload: UnsafeBufferPointer(rebasing: bytes[chunk.payload])) { frame in
                    session.assumeIsolated { $0.receive(frame: frame) }
                }
            } catch { throw Self.failure(error) }
        case .connected:
            break
        case .start(let start):
            guard phase == .waitingForStart else { throw Self.failure(TwilioMessageError(.outOfOrder, "second start")) }
            try begin(start)
        case .dtmf(let digit):
            guard let session else { throw Self.failure(TwilioMessageError(.outOfOrder, "dtmf before start")) }
            session.assumeIsolated { $0.dtmf(digit) }
        case .mark(let name):
            guard let session else { throw Self.failure(TwilioMessageError(.outOfOrder, "mark before start")) }
            if let mark = MarkID(wireName: name) { session.assumeIsolated { $0.playoutMarkReached(mark) } }
        case .stop:
            phase = .ended
            session?.assumeIsolated { $0.hangUp() }
            connection?.close(code: .normalClosure, reason: "stop")
        }
    }

    private func begin(_ start: TwilioStreamStart) throws(StreamFailure) {
        guard let connection else { throw StreamFailure(code: 1011, reason: "no connection") }
        streamSid = start.streamSid
        let calledNumber = start.customParameters["To"] ?? start.customParameters["to"]
        guard let agent = context.deployment.agent(path: path, calledNumber: calledNumber, streamParameters: start.customParameters) else {
            throw StreamFailure(code: 1008, reason: "no agent answers \(path)")
        }
        var variables = start.customParameters
        variables["call_sid"] = start.callSid
        variables["stream_sid"] = start.streamSid
        let transport = PacedStreamTransport(writer: TwilioStreamWriter(connection: connection, streamSid: start.streamSid),
                                             lead: context.playoutLead)
        session = try CallStarter.start(context: context, agent: agent, callID: start.streamSid, variables: variables,
                                        inputFormat: AudioFormat(encoding: .linear16, sampleRate: .hz8000),
                                        // Linear PCM at 8 kHz from TTS, µ-law encoded once at the edge by the
                                        // writer: every TTS adapter can produce it (espeak cannot do µ-law).
                                        outputFormat: AudioFormat(encoding: .linear16, sampleRate: .hz8000),
                                        loop: loop, transport: transport)
        phase = .streaming
        context.logger.info("twilio stream started", metadata: ["stream": "\(start.streamSid)", "agent": "\(agent.name)"])
    }

    /// Ends this call: close code and reason to the peer, the reason to the log, the session terminated.
    private func fail(_ failure: StreamFailure) {
        guard phase != .ended else { return }
        phase = .ended
        context.logger.warning("twilio stream failed", metadata: ["stream": "\(streamSid)", "code": "\(failure.code)", "reason": "\(failure.reason)"])
        connection?.close(code: WebSocketCloseCode(failure.code), reason: String(failure.reason.prefix(100)))
        session?.assumeIsolated { $0.terminate(.transportFailed) }
        session = nil
    }

    static func failure(_ error: TwilioMessageError) -> StreamFailure {
        switch error.kind {
        case .invalidBase64: StreamFailure(code: 1007, reason: error.description)
        case .messageTooLarge, .payloadTooLarge: StreamFailure(code: 1009, reason: error.description)
        default: StreamFailure(code: 1008, reason: error.description)
        }
    }
}
