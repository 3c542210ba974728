import Logging
import Net
#if canImport(Glibc)
import Glibc
#endif

// switchboard-bench-sipcalls: whole SIP calls against an in-process user agent (RTP media, fake
// providers) driven by a scripted UDP caller on its own loop.
//   setups [seconds] [in-flight]      INVITE → 100/180/200 → ACK → BYE → 200, as fast as it goes
//   calls [N] [seconds] [quiet]       N established calls, RTP both ways (20 ms PCMU from the caller, paced
//                                     agent audio back): CPU per call, late/dropped frames, RSS per call;
//                                     `quiet`: the agent says "Hi." only (RSS without a minute of queued audio)
// Build in release for figures: swift build -c release --product switchboard-bench-sipcalls

// Per-call info logs would be measured too: warnings and errors only.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = .warning
    return handler
}

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "setups"
func argument(_ index: Int, _ fallback: Int) -> Int { arguments.count > index ? Int(arguments[index]) ?? fallback : fallback }

switch mode {
case "setups":
    try await SetupBench.run(seconds: argument(1, 5), inFlight: argument(2, 8))
case "calls":
    try await ConcurrentCallsBench.run(calls: argument(1, 100), seconds: argument(2, 10), quiet: arguments.contains("quiet"))
default:
    print("usage: switchboard-bench-sipcalls setups [seconds] [in-flight] | calls [N] [seconds]")
    exit(2)
}
