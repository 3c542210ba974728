import BenchSupport
import Net

/// Time from `stream(_:)` to the first body chunk for a small local response, on a reused connection
/// and on a new connection per request.
enum HTTPClientBench {
    static func timeToFirstChunk(client: StreamingHTTPClient, url: String, requests: Int, reuse: Bool) async throws -> Statistics {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        try await firstChunk(client: client, url: url, reuse: true)  // warm-up: DNS, first connection
        for _ in 0..<requests {
            let start = clock.now
            try await firstChunk(client: client, url: url, reuse: reuse) { samples.append(clock.now - start) }
        }
        return Statistics(samples)
    }

    /// Runs one request: `onFirstChunk` when the first chunk is in, then reads the rest.
    private static func firstChunk(client: StreamingHTTPClient, url: String, reuse: Bool, onFirstChunk: () -> Void = {}) async throws {
        let response = try await client.stream(HTTPClientRequest(url: url, reusesConnection: reuse))
        var iterator = response.body.makeAsyncIterator()
        guard try await iterator.next() != nil else { throw BenchSetup.Failure(description: "empty body from \(url)") }
        onFirstChunk()
        while try await iterator.next() != nil {}
    }
}
