/// Fake provider servers for tests and benchmarks: each listens on loopback (Net's HTTP and WebSocket
/// server) and speaks one vendor's documented wire format byte for byte (Deepgram's `/v1/listen`
/// WebSocket, OpenAI's SSE chat completions, Cartesia's WebSocket contexts…), with scripted faults
/// (401, 429 with retry-after, 500, a stall after the first bytes, malformed JSON, a disconnect
/// mid-stream, slow first bytes). The adapters under test are the real ones, talking real sockets.
/// One folder per vendor.
public enum ProviderFakes {}
