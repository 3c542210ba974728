import BenchSupport
import Glibc
import Net

// switchboard-bench-tls [handshakes] [megabytes] [requests]
// Prints TLS handshake time and throughput through two in-memory engines, and the streaming HTTP
// client's time to first chunk on a local server (reused vs new connection, plain and TLS).
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let handshakeCount = arguments.first ?? 500
let megabytes = arguments.dropFirst().first ?? 256
let requests = arguments.dropFirst(2).first ?? 200

let pki = try BenchSetup.certificates()
let serverContext = try TLSServerContext(configuration: .init(certificateChainFile: pki.certificate, privateKeyFile: pki.key))
let clientContext = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.ca)))

print("TLS engines in memory (TLS 1.3, ECDSA P-256 certificate, both engines on one thread)")
print("  full handshake:           \(try EngineBench.handshakes(count: handshakeCount, client: clientContext, server: serverContext).summary)")
for writeSize in [1 << 10, 16 << 10] {
    let rate = try EngineBench.throughput(megabytes: megabytes, writeSize: writeSize, client: clientContext, server: serverContext)
    print("  bulk, \(writeSize >> 10) KiB writes:".padding(28) + "\(Int(rate)) MB/s of plaintext (encrypt + decrypt, \(megabytes) MiB)")
}

let plain = try BenchSetup.httpServer()
let secure = try BenchSetup.httpServer(tls: (pki.certificate, pki.key))
defer {  // SIGKILL: children inherit a blocked SIGTERM from the Swift runtime's signal mask
    kill(plain.process.processIdentifier, SIGKILL)
    kill(secure.process.processIdentifier, SIGKILL)
}
let client = try StreamingHTTPClient(configuration: .init(trust: .certificateAuthorityFile(pki.ca)))
print("StreamingHTTPClient, time to first chunk (local python http.server, /chunks?n=1)")
for (scheme, port) in [("http", plain.port), ("https", secure.port)] {
    let url = "\(scheme)://127.0.0.1:\(port)/chunks?n=1&delay=0"
    for reuse in [true, false] {
        let stats = try await HTTPClientBench.timeToFirstChunk(client: client, url: url, requests: requests, reuse: reuse)
        print("  \(scheme), \(reuse ? "reused connection" : "new connection"):".padding(28) + stats.summary)
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
