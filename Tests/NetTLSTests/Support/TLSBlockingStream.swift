import Net

/// Drives a `TLSEngine` over a blocking test socket, so the engine can meet real peers (openssl, curl)
/// in tests. Test-only: production drives engines from the event loop.
final class TLSBlockingStream {
    let socket: BlockingTCPSocket
    let engine: TLSEngine
    private var received: [UInt8] = []

    init(socket: BlockingTCPSocket, engine: TLSEngine) {
        self.socket = socket
        self.engine = engine
    }

    /// Runs the handshake to completion; on failure the engine's alert is sent before rethrowing.
    func handshake() throws {
        try withAlertFlushed {
            try engine.startHandshake()
            try flush()
            while engine.state == .handshaking {
                try pumpOnce()
            }
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try engine.send(plaintext: bytes)
        try flush()
    }

    /// Some plaintext, or nil once the peer has closed (close_notify or transport end).
    func read() throws -> [UInt8]? {
        while received.isEmpty {
            guard engine.state == .established || engine.state == .closing else { return nil }
            guard try pumpOnce() else { return nil }
        }
        defer { received = [] }
        return received
    }

    /// Everything until the peer closes.
    func readToEnd() throws -> [UInt8] {
        var all: [UInt8] = []
        while let chunk = try read() { all += chunk }
        return all
    }

    /// Reads until `marker` has arrived; returns all bytes read.
    func read(until marker: [UInt8]) throws -> [UInt8] {
        var all: [UInt8] = []
        while !all.containsSequence(marker), let chunk = try read() { all += chunk }
        return all
    }

    /// Sends close_notify and half-closes the socket.
    func close() throws {
        engine.close()
        try flush()
        socket.shutdownWrite()
    }

    /// One socket read through the engine; false at end of stream.
    @discardableResult
    private func pumpOnce() throws -> Bool {
        let ciphertext = try socket.read()
        if ciphertext.isEmpty {
            try engine.transportClosed()
            return false
        }
        received += try engine.receive(ciphertext: ciphertext)
        try flush()
        return true
    }

    private func flush() throws {
        let outbound = engine.takeOutboundCiphertext()
        if !outbound.isEmpty { try socket.write(outbound) }
    }

    private func withAlertFlushed(_ body: () throws -> Void) throws {
        do { try body() } catch {
            try? flush()
            throw error
        }
    }
}

extension Array where Element == UInt8 {
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, count >= needle.count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
