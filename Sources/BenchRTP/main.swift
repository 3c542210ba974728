import BenchSupport
import Telephony
// switchboard-bench-rtp: per-frame RTP costs and many streams on one loop. Prints figures; asserts
// nothing. Usage: switchboard-bench-rtp [micro] [streams N... [--seconds S] [--silent]] [--opus].
// See Docs/benchmarks.md § RTP and § RTP with Opus.
var arguments = Array(CommandLine.arguments.dropFirst())
var seconds = 10
if let index = arguments.firstIndex(of: "--seconds"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    seconds = value
    arguments.removeSubrange(index...(index + 1))
}
let codec: RTPAudioCodec = arguments.contains("--opus") ? .opus : .pcmu
arguments.removeAll { $0 == "--opus" }
let silent = arguments.contains("--silent")
arguments.removeAll { $0 == "--silent" }
if arguments.isEmpty { arguments = ["micro", "streams", "200", "500"] }

#if DEBUG
print("RTP benchmark (DEBUG build: figures are not representative)")
#else
print("RTP benchmark (release build)")
#endif
if arguments.contains("micro") {
    print("per-frame work, no sockets:")
    MicroBench.run(batches: 500)
}
if let index = arguments.firstIndex(of: "streams") {
    let counts = arguments[(index + 1)...].compactMap { Int($0) }
    print("streams on one loop, in pairs over loopback:")
    for count in counts.isEmpty ? [200, 500] : counts {
        try await StreamsBench.run(streamCount: count, seconds: seconds, codec: codec, silent: silent)
    }
}
