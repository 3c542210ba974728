import BenchSupport
import Net
import Wire

/// A minimal WebSocket echo server for the benchmark only (the project's WebSocket server lives in
/// Net/WebSocketServer): our TCP listener, optionally our `TLSConnection`, and the Wire codecs.
/// Echoes text and binary messages, answers pings and closes.
enum BenchEchoServer {
    static func start(on group: EventLoopGroup, tls: TLSServerContext?) async throws -> TCPListener {
        try await TCPListener.bind(.loopbackIPv4(), on: group) { tcp in
            guard let tls else { return EchoHandler(tcp) }
            return TLSConnection.wrapping(tcp, context: tls) { EchoHandler($0) }
        }
    }
}

final class EchoHandler: ConnectionHandler {
    let connection: any Connection
    private var request = HTTPRequestParser()
    private var assembler: WebSocketMessageAssembler?
    private var out: [UInt8] = []

    init(_ connection: any Connection) { self.connection = connection }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        if assembler != nil {
            assembler?.append(bytes)
            echoMessages()
            return
        }
        request.append(bytes)
        do {
            while let event = try request.nextEvent() {
                guard case .head(let head) = event else { continue }
                let upgrade = try WebSocketHandshake.validateUpgrade(head)
                out.removeAll(keepingCapacity: true)
                try HTTPSerializer.appendResponseHead(WebSocketHandshake.acceptResponse(for: upgrade), framing: .none, to: &out)
                connection.write(out)
            }
        } catch {
            connection.close()
            return
        }
        guard request.isPausedForUpgrade else { return }
        var assembler = WebSocketMessageAssembler(role: .server)
        assembler.append(request.takeUnparsedBytes())
        self.assembler = assembler
        echoMessages()
    }

    private func echoMessages() {
        while true {
            guard let message = try? assembler?.nextMessage() else { return }
            out.removeAll(keepingCapacity: true)
            switch message {
            case .binary(let bytes): WebSocketFrameEncoder.appendFrame(opcode: .binary, payload: bytes, to: &out)
            case .text(let text): WebSocketFrameEncoder.appendFrame(opcode: .text, payload: Array(text.utf8), to: &out)
            case .ping(let payload): WebSocketFrameEncoder.appendControl(.pong, payload: payload, to: &out)
            case .pong: continue
            case .close(let code, _):
                WebSocketFrameEncoder.appendClose(code: code, to: &out)
                connection.write(out)
                connection.close()
                return
            }
            connection.write(out)
        }
    }

    func connectionClosed(_ reason: CloseReason) {}
}
