import BenchSupport
import Glibc
import Net

// switchboard-bench-wsclient [round trips] [warm-up]
// Round-trip latency of a 160-byte binary message (20 ms of 8 kHz µ-law) through our WebSocket client
// to a local echo server, over ws and wss: against a minimal echo server built on our own listener and
// codecs (another loop thread of this process), and against Python `websockets` 10.4.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let count = arguments.first ?? 5000
let warmUp = arguments.dropFirst().first ?? 500
let payload = (0..<160).map { UInt8(truncatingIfNeeded: $0 &* 37) }

let pki = try BenchSetup.certificates()
let serverTLS = try TLSServerContext(configuration: .init(certificateChainFile: pki.certificate, privateKeyFile: pki.key))
let clientTLS = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.ca)))
let serverGroup = try EventLoopGroup(loopCount: 1, name: "bench-echo")
let clientGroup = try EventLoopGroup(loopCount: 1, name: "bench-client")
let ours = try await BenchEchoServer.start(on: serverGroup, tls: nil)
let oursSecure = try await BenchEchoServer.start(on: serverGroup, tls: serverTLS)
let python = try BenchSetup.pythonServer()
let pythonSecure = try BenchSetup.pythonServer(tls: (pki.certificate, pki.key))
defer {  // SIGKILL: children inherit a blocked SIGTERM from the Swift runtime's signal mask
    kill(python.process.processIdentifier, SIGKILL)
    kill(pythonSecure.process.processIdentifier, SIGKILL)
}

print("WebSocket client round trip, 160-byte binary message, \(count) trips after \(warmUp) warm-up")
let cases: [(String, String, Bool)] = [
    ("ours, ws", "ws://127.0.0.1:\(ours.localAddress.port)/echo", false),
    ("ours, wss", "wss://localhost:\(oursSecure.localAddress.port)/echo", true),
    ("python, ws", "ws://127.0.0.1:\(python.port)/echo", false),
    ("python, wss", "wss://localhost:\(pythonSecure.port)/echo", true),
]
for (name, url, secure) in cases {
    let tls = secure ? clientTLS : nil
    let loopSamples = try await RoundTrip.onLoop(url: url, loop: clientGroup.next(), tls: tls, payload: payload, warmUp: warmUp, count: count)
    print("  \(name), delegate on the loop:".padding(44) + Statistics(loopSamples).summary)
    let taskSamples = try await RoundTrip.fromTask(url: url, group: clientGroup, tls: tls, payload: payload, warmUp: warmUp, count: count)
    print("  \(name), send + messages from a task:".padding(44) + Statistics(taskSamples).summary)
}
await clientGroup.shutdownGracefully()
await serverGroup.shutdownGracefully()

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
