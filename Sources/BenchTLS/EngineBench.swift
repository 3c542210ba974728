import BenchSupport
import Net

/// TLS engines talking to each other in memory: full handshakes, then bulk plaintext one way.
enum EngineBench {
    static func handshakes(count: Int, client: TLSClientContext, server: TLSServerContext) throws -> Statistics {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for _ in 0..<count {
            let start = clock.now
            let pair = try pair(client: client, server: server)
            samples.append(clock.now - start)
            precondition(pair.client.state == .established && pair.server.state == .established)
        }
        return Statistics(samples)
    }

    /// MB/s of plaintext moved client → server in `writeSize` writes (encrypt + decrypt, both on this thread).
    static func throughput(megabytes: Int, writeSize: Int, client: TLSClientContext, server: TLSServerContext) throws -> Double {
        let pair = try pair(client: client, server: server)
        let payload = [UInt8](repeating: 0x5A, count: writeSize)
        let total = megabytes << 20
        var delivered = 0
        let clock = ContinuousClock()
        let start = clock.now
        while delivered < total {
            try pair.client.send(plaintext: payload)
            delivered += try pair.server.receive(ciphertext: pair.client.takeOutboundCiphertext()).count
        }
        let (seconds, attoseconds) = (clock.now - start).components
        return Double(total) / 1_000_000 / (Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// A client and server engine after a complete handshake.
    static func pair(client: TLSClientContext, server: TLSServerContext) throws -> (client: TLSEngine, server: TLSEngine) {
        let clientEngine = try TLSEngine(client: client, serverName: "localhost")
        let serverEngine = try TLSEngine(server: server)
        try clientEngine.startHandshake()
        while clientEngine.state == .handshaking || serverEngine.state == .handshaking {
            _ = try serverEngine.receive(ciphertext: clientEngine.takeOutboundCiphertext())
            _ = try clientEngine.receive(ciphertext: serverEngine.takeOutboundCiphertext())
        }
        _ = try serverEngine.receive(ciphertext: clientEngine.takeOutboundCiphertext())
        return (clientEngine, serverEngine)
    }
}
