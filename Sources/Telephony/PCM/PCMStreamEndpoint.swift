import Agents
import Conversation
import Foundation
import Logging
import Media
import Net
import Orchestrator
import Speech
import Wire

/// A raw PCM media stream for apps and browsers (Docs/pcm-protocol.md): a JSON `start` naming the
/// sample rate, then binary 16-bit little-endian PCM at that rate (any length, re-framed to 20 ms), and
/// JSON control messages both ways. The agent is heard as binary frames at the client's rate.
public final class PCMStreamEndpoint: WebSocketHandler {
    let context: MediaEndpointContext
    let path: String
    let loop: EventLoop
    var connection: WebSocketConnection?
    var session: CallSession?
    var reframer: PCMReframer?
    var ended = false

    public init(upgrade: WebSocketUpgrade, context: MediaEndpointContext) {
        self.context = context
        self.path = String(upgrade.path)
        self.loop = upgrade.loop
    }

    public func opened(_ connection: WebSocketConnection) { self.connection = connection }

    public func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {
        guard !ended else { return }
        do throws(StreamFailure) {
            switch message {
            case .text(let text): try control(text)
            case .binary(let bytes): try audio(bytes)
            default: break
            }
        } catch {
            fail(error)
        }
    }

    public func closed(code: WebSocketCloseCode, reason: String) {
        ended = true
        session?.assumeIsolated { $0.hangUp() }
        session = nil
    }

    private func audio(_ bytes: [UInt8]) throws(StreamFailure) {
        guard let session, reframer != nil else { throw StreamFailure(code: 1008, reason: "audio before start") }
        reframer!.append(bytes) { frame in session.assumeIsolated { $0.receive(frame: frame) } }
    }

    private func control(_ text: String) throws(StreamFailure) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let type = object["type"] as? String else { throw StreamFailure(code: 1008, reason: "control message is not a JSON object with \"type\"") }
        switch type {
        case "start":
            guard session == nil else { throw StreamFailure(code: 1008, reason: "second start") }
            try begin(object)
        case "mark":
            guard let session else { throw StreamFailure(code: 1008, reason: "mark before start") }
            if let name = object["name"] as? String, let mark = MarkID(wireName: name) {
                session.assumeIsolated { $0.playoutMarkReached(mark) }
            }
        case "dtmf":
            guard let session else { throw StreamFailure(code: 1008, reason: "dtmf before start") }
            guard let digit = (object["digit"] as? String)?.first else { throw StreamFailure(code: 1008, reason: "dtmf without digit") }
            session.assumeIsolated { $0.dtmf(digit) }
        case "stop":
            ended = true
            session?.assumeIsolated { $0.hangUp() }
            connection?.close(code: .normalClosure, reason: "stop")
        default:
            throw StreamFailure(code: 1008, reason: "unknown message type \(type.prefix(40))")
        }
    }

    private func begin(_ object: [String: Any]) throws(StreamFailure) {
        guard let connection else { throw StreamFailure(code: 1011, reason: "no connection") }
        guard let rateValue = (object["sampleRate"] as? NSNumber)?.intValue, let rate = SampleRate(rawValue: rateValue) else {
            throw StreamFailure(code: 1008, reason: "sampleRate must be 8000, 16000, 24000 or 48000")
        }
        var parameters: [String: String] = [:]
        if let agentName = object["agent"] as? String { parameters["agent"] = agentName }
        let named = (object["agent"] as? String).flatMap { context.deployment.agents[$0] }
        guard let agent = named ?? context.deployment.agent(path: path, calledNumber: nil, streamParameters: parameters) else {
            throw StreamFailure(code: 1008, reason: "no agent answers \(path)")
        }
        let format = AudioFormat(encoding: .linear16, sampleRate: rate)
        let callID = "pcm-" + UUID().uuidString.lowercased()
        let transport = PacedStreamTransport(writer: PCMStreamWriter(connection: connection, rate: rate), lead: context.playoutLead)
        reframer = PCMReframer(rate: rate)
        session = try CallStarter.start(context: context, agent: agent, callID: callID, variables: parameters,
                                        inputFormat: format, outputFormat: format, loop: loop,
                                        timeline: PCMTimelineFeed(connection: connection, next: context.observers.timeline),
                                        transport: transport)
    }

    private func fail(_ failure: StreamFailure) {
        guard !ended else { return }
        ended = true
        context.logger.warning("pcm stream failed", metadata: ["code": "\(failure.code)", "reason": "\(failure.reason)"])
        connection?.close(code: WebSocketCloseCode(failure.code), reason: String(failure.reason.prefix(100)))
        session?.assumeIsolated { $0.terminate(.transportFailed) }
        session = nil
    }
}
