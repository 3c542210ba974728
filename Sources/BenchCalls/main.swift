import BenchSupport
import Foundation
import Net

/// `switchboard-bench-calls URL CALLS SECONDS [options]`: holds CALLS concurrent Twilio Media Streams
/// calls against `switchboard serve` (URL like ws://127.0.0.1:PORT/twilio), each caller speaking on a
/// fixed schedule and answering the agent's marks as Twilio does, then prints the server's CPU per
/// call-minute and memory per call, the server's per-turn latencies (from its log) and the caller's
/// end of speech → first agent audio, late agent frames and failed calls. Scripts/bench-calls.sh runs it.
let usage = """
    usage: switchboard-bench-calls URL CALLS SECONDS [--server-pid PID] [--server-log PATH] [--fakes-pid PID]
           [--warmup S] [--ramp CALLS_PER_S] [--loops N] [--cycle S] [--speech-start S] [--speech S]
    """
let options: CallerOptions
do {
    options = try CallerOptions(CommandLine.arguments.dropFirst())
} catch {
    FileHandle.standardError.write(Data("switchboard-bench-calls: \(error.message)\n\(usage)\n".utf8))
    exit(2)
}

let audio = CallerAudio(cycle: options.cycle, speechStart: options.speechStart, speech: options.speech)
let group = try EventLoopGroup(loopCount: options.loops, name: "callers")
let callerLoops = group.loops.map { CallerLoop(loop: $0, audio: audio) }
for caller in callerLoops { await caller.startClock() }

let rssBefore = options.serverPID.flatMap(ProcessProbe.residentBytes)
let loadBefore = ProcessProbe.loadAverage()
let clientOptions: WebSocketClientOptions = {
    var settings = WebSocketClientOptions()
    settings.keepAliveInterval = nil  // Twilio does not ping
    return settings
}()
let connectFailures = await withTaskGroup(of: Bool.self) { tasks in
    let url = options.url, calls = options.calls, pause = 1 / options.rampPerSecond, settings = clientOptions
    for index in 0..<calls {
        let caller = callerLoops[index % callerLoops.count]
        tasks.addTask {
            do {
                _ = try await WebSocketClient.connect(url: url, on: caller.loop, options: settings) { connection in
                    CallDelegate(caller: caller, index: index, connection: connection)
                }
                return true
            } catch {
                FileHandle.standardError.write(Data("call \(index): \(error)\n".utf8))
                return false
            }
        }
        try? await Task.sleep(for: .seconds(pause))
    }
    var failures = 0
    for await connected in tasks where !connected { failures += 1 }
    return failures
}
try await Task.sleep(for: .seconds(options.warmup))

func totals(measuring: Bool) async -> CallerTotals {
    var sum = CallerTotals()
    for caller in callerLoops { sum.add(await caller.measure(measuring)) }
    return sum
}
let before = await totals(measuring: true)
let serverCPUBefore = options.serverPID.flatMap(ProcessProbe.cpuSeconds)
let fakesCPUBefore = options.fakesPID.flatMap(ProcessProbe.cpuSeconds)
let clientCPUBefore = ProcessProbe.cpuSeconds(nil)
let startedAt = nowNanoseconds()
try await Task.sleep(for: .seconds(options.seconds))
let after = await totals(measuring: false)
let elapsed = Double(nowNanoseconds() - startedAt) / 1e9
/// `end - start` when both were read.
func spent(_ start: Double?, _ end: Double?) -> Double? {
    guard let start, let end else { return nil }
    return end - start
}
let serverCPU = spent(serverCPUBefore, options.serverPID.flatMap(ProcessProbe.cpuSeconds))
let fakesCPU = spent(fakesCPUBefore, options.fakesPID.flatMap(ProcessProbe.cpuSeconds))
let clientCPU = spent(clientCPUBefore, ProcessProbe.cpuSeconds(nil))
let rssWithCalls = options.serverPID.flatMap(ProcessProbe.residentBytes)
let loadDuring = ProcessProbe.loadAverage()
var openAtEnd = 0
for caller in callerLoops { openAtEnd += await caller.openCalls }

for caller in callerLoops { await caller.hangUpAll() }
var log = TurnLatencyLog(parsing: "")
if let path = options.serverLog {
    // Each call's record is logged when the server has ended it; wait (bounded) for all of them.
    let deadline = nowNanoseconds() + 30_000_000_000
    repeat {
        try await Task.sleep(for: .milliseconds(250))
        log = TurnLatencyLog(parsing: Substring((try? String(contentsOfFile: path, encoding: .utf8)) ?? ""))
    } while log.records < after.opened && nowNanoseconds() < deadline
}
await group.shutdownGracefully()

let report = CallsReport(options: options, window: after.minus(before), whole: after, elapsed: elapsed, openAtEnd: openAtEnd,
                         connectFailures: connectFailures, serverCPU: serverCPU, fakesCPU: fakesCPU, clientCPU: clientCPU,
                         rssBefore: rssBefore, rssWithCalls: rssWithCalls, log: log, load: (loadBefore, loadDuring))
print(report.text)
