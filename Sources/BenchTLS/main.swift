import Net
let url = CommandLine.arguments[1]
let client = try StreamingHTTPClient(configuration: .init(maxBufferedBodyBytes: 64 * 1024))
let clock = ContinuousClock()
let start = clock.now
let response = try await client.stream(HTTPClientRequest(url: url))
var received = 0
var chunks = 0
for try await chunk in response.body { received += chunk.count; chunks += 1 }
print(received, chunks, clock.now - start)
