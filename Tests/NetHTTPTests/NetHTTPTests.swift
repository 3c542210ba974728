import Testing

/// The HTTP and WebSocket server on loopback, against real clients (curl, Python's `websockets`,
/// raw Python sockets). Serialized: each test starts its own server and child processes, and the
/// machine has two cores.
@Suite(.serialized) struct NetHTTPTests {}
