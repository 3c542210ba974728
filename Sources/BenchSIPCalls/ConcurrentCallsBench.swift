import Net
import Telephony

/// `calls` established calls with RTP both ways for `seconds`: the caller sends a 20 ms PCMU packet per
/// call per tick, the agent's greeting (a minute of fake TTS audio) is paced back by the media clock.
/// Reports CPU per call (server loop thread, and the process minus the caller's thread), the media
/// clock's late/skipped ticks, packets against 50/s, gaps the caller saw, and RSS growth per call.
enum ConcurrentCallsBench {
    static func run(calls: Int, seconds: Int, quiet: Bool) async throws {
        let rssBefore = residentBytes()
        let server = try await BenchServer.start(maxCalls: calls + 10, longGreeting: !quiet)
        let clientGroup = try EventLoopGroup(loopCount: 1, name: "bench-sip-caller")
        let client = clientGroup.loops[0]
        let report = CallerReport()
        let address = server.address
        try await client.submit {
            let caller = try ScriptedCaller(loop: client, server: address, report: report, hangUpAtOnce: false)
            caller.startMedia()
            for _ in 0..<calls { caller.dial() }
        }
        let setupStart = ContinuousClock.now
        while report.snapshot.answered < calls, ContinuousClock.now - setupStart < .seconds(60) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let setupSeconds = nanoseconds(.now - setupStart) / 1e9
        try await Task.sleep(for: .seconds(2))  // warm-up: jitter buffers fill, playout runs
        let serverLoop = server.group.loops[0]
        let clock0 = try await serverLoop.submit { (MediaClock.current(on: serverLoop).ticks, MediaClock.current(on: serverLoop).lateTicks,
                                                   MediaClock.current(on: serverLoop).skippedTicks) }
        let streams0 = try await server.streamTotals()
        let caller0 = report.snapshot
        let serverCPU0 = try await loopCPUMicroseconds(serverLoop)
        let clientCPU0 = try await loopCPUMicroseconds(client)
        let processCPU0 = cpuMicroseconds(thread: false)
        let rssEstablished = residentBytes()

        try await Task.sleep(for: .seconds(seconds))

        let serverCPU = try await loopCPUMicroseconds(serverLoop) - serverCPU0
        let clientCPU = try await loopCPUMicroseconds(client) - clientCPU0
        let processCPU = cpuMicroseconds(thread: false) - processCPU0
        let clock1 = try await serverLoop.submit { (MediaClock.current(on: serverLoop).ticks, MediaClock.current(on: serverLoop).lateTicks,
                                                   MediaClock.current(on: serverLoop).skippedTicks) }
        let streams1 = try await server.streamTotals()
        let caller1 = report.snapshot
        report.update { $0.hangUpAll = true }
        let endStart = ContinuousClock.now
        while report.snapshot.ended < calls, ContinuousClock.now - endStart < .seconds(20) { try await Task.sleep(for: .milliseconds(50)) }
        await server.stop()
        await clientGroup.shutdownGracefully()

        let expected = calls * 50 * seconds
        let callSeconds = Double(calls * seconds)
        print("\(calls) concurrent calls\(quiet ? ", agent quiet after \"Hi.\"" : "") (\(caller0.established) established in \(format(setupSeconds)) s), \(seconds) s measured:")
        print("  media clock ticks \(clock1.0 - clock0.0) (expected \(50 * seconds)), late \(clock1.1 - clock0.1), skipped \(clock1.2 - clock0.2)")
        print("  agent → caller: sent \(streams1.packetsSent - streams0.packetsSent) of \(expected) expected "
              + "(send failures \(streams1.sendsFailed - streams0.sendsFailed)), caller received \(caller1.rtpReceived - caller0.rtpReceived), "
              + "gaps > 40 ms seen by the caller \(caller1.rtpGaps - caller0.rtpGaps)")
        print("  caller → agent: sent \(caller1.rtpSent - caller0.rtpSent), server received \(streams1.packetsReceived - streams0.packetsReceived), "
              + "frames delivered to sessions \(streams1.framesDelivered - streams0.framesDelivered) "
              + "(concealed \(streams1.framesConcealed - streams0.framesConcealed), late packets \(streams1.jitterBuffer.late - streams0.jitterBuffer.late))")
        print("  server loop thread CPU \(format(serverCPU / Double(seconds) / 1e4)) % of a core = \(format(serverCPU / callSeconds)) µs per call-second; "
              + "process minus caller thread \(format((processCPU - clientCPU) / callSeconds)) µs per call-second; "
              + "caller thread \(format(clientCPU / Double(seconds) / 1e4)) % of a core")
        print("  RSS \(rssBefore / 1_048_576) MiB before, \(rssEstablished / 1_048_576) MiB with the calls up: "
              + "\(format(Double(rssEstablished - rssBefore) / Double(calls) / 1024)) KiB per call (server and caller sides)")
    }
}
