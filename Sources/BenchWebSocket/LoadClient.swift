import BenchSupport
import Foundation
import Net

/// What the load generator was asked to do.
struct LoadSettings: Sendable {
    var port: UInt16 = 0
    var path = "/echo"
    var connections = 1000
    var seconds = 10.0
    var size = 160
    /// Frames in flight per connection (saturation); 0 = paced, one frame per connection every 20 ms.
    var window = 0
    var loops = 1
    var serverPID: Int32?
}

/// The per-loop part of the generator: its connections and counters, an actor running on its loop
/// (so handlers and the pacing clock reach it with no hop).
actor LoopClients {
    let loop: EventLoop
    let stats = LoopStats()
    private var clients: [LoadConnection] = []
    private var clock: TimerHandle?

    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }

    init(loop: EventLoop) { self.loop = loop }

    func connect(to address: SocketAddress, settings: LoadSettings, seed: UInt64) throws {
        let client = LoadConnection(stats: stats, size: settings.size, window: settings.window,
                                    host: "127.0.0.1:\(settings.port)", path: settings.path, seed: seed)
        client.connection = try TCPConnection.connect(to: address, on: loop) { _ in client }
        clients.append(client)
    }

    /// Media pacing: every client sends one frame per period, from one timer for the whole loop.
    func startClock() {
        clock = loop.scheduleRepeatingLocalTimer(every: framePeriod) { [self] in
            assumeIsolated { $0.tick() }
        }
    }

    private func tick() { for client in clients { client.send() } }

    var readyCount: Int { stats.open + stats.failed }

    func snapshot(recording: Bool) -> Totals {
        stats.recording = recording
        return Totals(open: stats.open, failed: stats.failed, sent: stats.sent, received: stats.received)
    }

    var roundTrips: [Double] { stats.roundTrips }

    func closeAll() {
        clock?.cancel()
        for client in clients { client.connection?.close(.immediately) }
    }
}

/// Media pacing: RFC 3551 telephony frames are 20 ms.
let framePeriod: Duration = .milliseconds(20)

/// Opens the connections (in batches, so the server's backlog is not flooded), waits until all are
/// upgraded, measures for `seconds`, prints messages/s, round trips and CPU of both processes.
func runLoad(_ settings: LoadSettings) async throws {
    let group = try EventLoopGroup(loopCount: settings.loops, name: "bench-cli")
    let perLoop = group.loops.map { LoopClients(loop: $0) }
    let address = SocketAddress.loopbackIPv4(port: settings.port)
    let batch = 100
    for start in stride(from: 0, to: settings.connections, by: batch) {
        for index in start..<min(settings.connections, start + batch) {
            try await perLoop[index % perLoop.count].connect(to: address, settings: settings, seed: UInt64(index + 1))
        }
        try await waitUntil(timeout: .seconds(30)) { await openCount(perLoop) >= min(settings.connections, start + batch) }
    }
    if settings.window == 0 {
        for target in perLoop { await target.startClock() }
    }
    try await Task.sleep(for: .seconds(1)) // warm-up
    let before = try await snapshot(perLoop, recording: true)
    let cpuServerBefore = settings.serverPID.flatMap { processCPUSeconds(pid: $0) }
    let cpuClientBefore = processCPUSeconds(pid: nil)
    let startedAt = nowNanoseconds()
    try await Task.sleep(for: .milliseconds(Int64(settings.seconds * 1000)))
    let after = try await snapshot(perLoop, recording: false)
    let elapsed = Double(nowNanoseconds() - startedAt) / 1e9
    let cpuServerAfter = settings.serverPID.flatMap { processCPUSeconds(pid: $0) }
    let cpuClientAfter = processCPUSeconds(pid: nil)

    let mode = settings.window == 0 ? "paced 50 frames/s each" : "saturating, window \(settings.window)"
    print("WebSocket echo, \(settings.size)-byte binary frames, \(after.open) connections, \(mode), \(settings.loops) client loop(s):")
    let echoedRate = Double(after.received - before.received) / elapsed
    let sentRate = Double(after.sent - before.sent) / elapsed
    print(String(format: "  echoed: %.0f messages/s (sent %.0f/s), failed connections: %d", echoedRate, sentRate, after.failed))
    var samples: [Double] = []
    for target in perLoop { samples += await target.roundTrips }
    print("  " + Percentiles(samples).line("round trip", unit: "ms", scale: 1e-6))
    let echoed = Double(after.received - before.received)
    func cpuLine(_ who: String, _ start: (user: Double, system: Double)?, _ end: (user: Double, system: Double)?) {
        guard let start, let end else { return }
        let user = end.user - start.user, system = end.system - start.system
        print(String(format: "  %@ CPU: %.1f%% of one core (user %.1f%%, system %.1f%%), %.1f µs per echoed message",
                     who, (user + system) / elapsed * 100, user / elapsed * 100, system / elapsed * 100,
                     echoed > 0 ? (user + system) / echoed * 1e6 : .nan))
    }
    cpuLine("server", cpuServerBefore, cpuServerAfter)
    cpuLine("client", cpuClientBefore, cpuClientAfter)
    for target in perLoop { await target.closeAll() }
    await group.shutdownGracefully()
}

struct Totals: Sendable {
    var open = 0, failed = 0, sent = 0, received = 0
}

private func openCount(_ perLoop: [LoopClients]) async -> Int {
    var total = 0
    for target in perLoop { total += await target.readyCount }
    return total
}

private func snapshot(_ perLoop: [LoopClients], recording: Bool) async throws -> Totals {
    var totals = Totals()
    for target in perLoop {
        let part = await target.snapshot(recording: recording)
        totals.open += part.open
        totals.failed += part.failed
        totals.sent += part.sent
        totals.received += part.received
    }
    return totals
}

struct Timeout: Error {}

private func waitUntil(timeout: Duration, _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !(await condition()) {
        guard ContinuousClock.now < deadline else { throw Timeout() }
        try await Task.sleep(for: .milliseconds(10))
    }
}
