import BenchSupport
import Foundation
import Net
import Wire

/// The server side of the benchmark: Net's `HTTPServer` with `/healthz` and a WebSocket echo at
/// `/echo` (what a media endpoint costs at least: parse, deliver, encode, write).
final class EchoHandler: WebSocketHandler {
    func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {
        switch message {
        case .binary(let bytes): connection.send(binary: bytes)
        case .text(let text): connection.send(text: text)
        default: break
        }
    }

    func closed(code: WebSocketCloseCode, reason: String) {}
}

/// Serves until killed; prints `port N` once listening.
func runEchoServer(loops: Int, port: UInt16) async throws {
    let group = try EventLoopGroup(loopCount: loops, name: "bench-srv")
    var configuration = HTTPServerConfiguration()
    configuration.sendsDateHeader = true
    let server = HTTPServer(group: group, configuration: configuration)
    var router = HTTPRouter()
    router.addOperationalEndpoints(readiness: ServerReadiness())
    router.webSocket("/echo") { _ in EchoHandler() }
    let address = try await server.listen(on: .loopbackIPv4(port: port), router: router)
    print("port \(address.port)")
    fflushAll()
    while true { try await Task.sleep(for: .seconds(3600)) }
}

func fflushAll() { _ = fflush(nil) }
