import BenchSupport
import Net

/// Echoes every byte back.
final class BenchEcho: ConnectionHandler {
    let connection: TCPConnection
    init(_ connection: TCPConnection) { self.connection = connection }
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) { connection.write(bytes) }
    func connectionClosed(_ reason: CloseReason) {}
}

/// Sends `size` bytes, waits for all of them to come back, records the round trip, repeats.
final class PingPong: ConnectionHandler {
    let size: Int
    let rounds: Int
    let done: @Sendable ([Double]) -> Void
    weak var connection: TCPConnection?
    private let message: [UInt8]
    private var pending = 0
    private var sentAt: UInt64 = 0
    private var samples: [Double] = []

    init(size: Int, rounds: Int, done: @escaping @Sendable ([Double]) -> Void) {
        self.size = size
        self.rounds = rounds
        self.done = done
        message = [UInt8](repeating: 0x5a, count: size)
        samples.reserveCapacity(rounds)
    }

    func connectionActive() { send() }

    private func send() {
        pending = size
        sentAt = nowNanoseconds()
        connection?.write(message)
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        pending -= bytes.count
        guard pending == 0 else { return }
        samples.append(Double(nowNanoseconds() - sentAt))
        if samples.count == rounds {
            done(samples)
            connection?.close()
        } else {
            send()
        }
    }

    func connectionClosed(_ reason: CloseReason) {}
}

/// (b) Echo round trip on loopback: server on one loop, client on the other.
func runTCPEchoBench(group: EventLoopGroup) async throws {
    let serverLoop = group.loops[1], clientLoop = group.loops[0]
    let listener = try await serverLoop.submit {
        try TCPListener.bind(.loopbackIPv4(), on: serverLoop) { BenchEcho($0) }
    }
    for size in [160, 1400] {
        let samples = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Double], any Error>) in
            clientLoop.execute {
                do {
                    let handler = PingPong(size: size, rounds: 20_000) { continuation.resume(returning: $0) }
                    handler.connection = try TCPConnection.connect(to: listener.localAddress, on: clientLoop) { _ in handler }
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        print(Percentiles(Array(samples.dropFirst(1000))).line("(b) TCP echo round trip, \(size) bytes", unit: "µs", scale: 1e-3))
    }
    await listener.close()
}
