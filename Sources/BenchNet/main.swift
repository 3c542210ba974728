import BenchSupport
// switchboard-bench-net: prints the Net figures for Docs/benchmarks.md. Run in release:
//   swift build -c release --product switchboard-bench-net && .build/release/switchboard-bench-net
import Net

let group = try EventLoopGroup(loopCount: 2, name: "bench")
print("switchboard-bench-net: 2 loops")
await runActorHopBench(group: group)
try await runTCPEchoBench(group: group)
try await runUDPReceiveBench(group: group)
try await runUDPReceiveBench(group: group, busyMilliseconds: 5)
await group.shutdownGracefully()
