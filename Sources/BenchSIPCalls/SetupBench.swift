import Net

/// Call setups per second: `inFlight` callers each dial, get 100/180/200, ACK, BYE at once, wait for the
/// 200 to the BYE and dial again, for `seconds`. Every call creates a session (fake providers) and opens
/// and closes an RTP port pair.
enum SetupBench {
    static func run(seconds: Int, inFlight: Int) async throws {
        let server = try await BenchServer.start(maxCalls: 10_000, longGreeting: false)
        let clientGroup = try EventLoopGroup(loopCount: 1, name: "bench-sip-caller")
        let client = clientGroup.loops[0]
        let report = CallerReport()
        let serverCPU = try await loopCPUMicroseconds(server.group.loops[0])
        let processCPU = cpuMicroseconds(thread: false)
        let started = ContinuousClock.now
        let address = server.address
        try await client.submit {
            let caller = try ScriptedCaller(loop: client, server: address, report: report, hangUpAtOnce: true)
            for _ in 0..<inFlight { caller.dial() }
            // The socket's handler keeps the caller alive for the run.
        }
        try await Task.sleep(for: .seconds(seconds))
        report.update { $0.keepDialing = false }
        let values = report.snapshot
        let elapsed = nanoseconds(.now - started) / 1e9
        let serverUsed = try await loopCPUMicroseconds(server.group.loops[0]) - serverCPU
        let processUsed = cpuMicroseconds(thread: false) - processCPU
        try await Task.sleep(for: .milliseconds(500))  // the last calls finish
        await server.stop()
        await clientGroup.shutdownGracefully()

        print("setups, \(inFlight) in flight, \(seconds) s: \(values.ended) calls completed (\(values.failed) refused), "
              + "\(format(Double(values.ended) / elapsed)) setups/s")
        print("  INVITE → 200 OK: \(Percentiles(values.answerLatencies).milliseconds)")
        print("  INVITE → 200 OK for BYE: \(Percentiles(values.cycleLatencies).milliseconds)")
        print("  server loop thread CPU \(format(serverUsed / Double(max(values.ended, 1)))) µs per call; "
              + "whole process (caller included) \(format(processUsed / Double(max(values.ended, 1)))) µs per call")
    }
}
