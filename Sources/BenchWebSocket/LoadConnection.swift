import BenchSupport
import Net
import Wire

/// Counters of one client loop, touched only on its thread.
final class LoopStats {
    var open = 0
    var failed = 0
    var sent = 0
    var received = 0
    var recording = false
    var roundTrips: [Double] = []
}

/// One benchmark WebSocket client: upgrades, then sends masked binary frames of `size` bytes whose
/// first 8 bytes are the send time, and records the round trip of each echo. In saturation mode it
/// keeps `window` frames in flight; in paced mode the loop's clock calls `send()` every 20 ms.
final class LoadConnection: ConnectionHandler {
    let stats: LoopStats
    let size: Int
    let window: Int
    let host: String
    let path: String
    var connection: TCPConnection?
    private(set) var isOpen = false
    private var random: FastRandom
    private let key: String
    private var responseParser = HTTPResponseParser(limits: .client, requestMethod: "GET")
    private var assembler = WebSocketMessageAssembler(role: .client)
    private var payload: [UInt8]
    private var frame: [UInt8] = []

    init(stats: LoopStats, size: Int, window: Int, host: String, path: String, seed: UInt64) {
        self.stats = stats
        self.size = max(8, size)
        self.window = window
        self.host = host
        self.path = path
        random = FastRandom(seed: seed)
        let nonce = (0..<16).map { _ in UInt8(truncatingIfNeeded: seed &* 31 &+ UInt64.random(in: 0...255)) }
        key = WebSocketHandshake.makeKey(nonce: nonce)!
        payload = [UInt8](repeating: 0xA5, count: self.size)
    }

    func connectionActive() {
        let head = WebSocketHandshake.clientRequest(target: path, host: host, key: key)
        guard let bytes = try? HTTPSerializer.request(head) else { return fail() }
        connection?.write(bytes)
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        if isOpen {
            assembler.append(bytes)
            drainMessages()
            return
        }
        responseParser.append(bytes)
        do {
            while let event = try responseParser.nextEvent() {
                guard case .head(let head) = event else { continue }
                guard head.status == 101 else { return fail() }
            }
        } catch {
            return fail()
        }
        guard responseParser.hasSwitchedProtocols else { return }
        isOpen = true
        stats.open += 1
        assembler.append(responseParser.takeUnparsedBytes())
        drainMessages()
        for _ in 0..<window { send() }
    }

    private func drainMessages() {
        while let message = try? assembler.nextMessage() {
            guard case .binary(let echoed) = message, echoed.count >= 8 else { continue }
            stats.received += 1
            if stats.recording {
                let sentAt = echoed.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                stats.roundTrips.append(Double(nowNanoseconds() &- sentAt))
            }
            if window > 0 { send() }
        }
    }

    /// Sends one frame stamped with the current time.
    func send() {
        guard isOpen, let connection else { return }
        let now = nowNanoseconds()
        payload.withUnsafeMutableBytes { $0.storeBytes(of: now, as: UInt64.self) }
        let bits = random.next()
        let key = WebSocketMaskingKey(UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8),
                                      UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24))
        frame.removeAll(keepingCapacity: true)
        payload.withUnsafeBytes {
            WebSocketFrameEncoder.appendFrame(opcode: .binary, payload: $0, maskingKey: key, to: &frame)
        }
        if frame.withUnsafeBytes({ connection.write($0) }) != .closed { stats.sent += 1 }
    }

    private func fail() {
        stats.failed += 1
        connection?.close(.immediately)
    }

    func connectionClosed(_ reason: CloseReason) {
        if isOpen { stats.open -= 1 }
        isOpen = false
        connection = nil
    }
}
