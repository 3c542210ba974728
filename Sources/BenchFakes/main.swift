import Foundation
import Net
import ProviderFakes

/// `switchboard-fakes CYCLE_SECONDS TURNS SPEECH_END_SECONDS AGENT_YAML_PATH`: starts zero-latency loopback
/// fakes (Deepgram live STT, OpenAI chat, Deepgram Aura TTS), writes an agent YAML using them (key from
/// `${BENCH_KEY}`) and runs until standard input closes. The STT fake reports "what are your hours" once
/// per turn, at SPEECH_END_SECONDS + 0.1 s into each CYCLE_SECONDS cycle of 16 kHz linear16 caller audio
/// (a caller that speaks on that fixed schedule; Scripts/bench-overhead.sh). For the orchestration
/// overhead benchmark: with providers answering at once, what remains of voice-to-voice is Switchboard's.
/// `switchboard-fakes calls ...`: the realistic-latency fakes of Scripts/bench-calls.sh (CallsFakes.swift).
let arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "calls" {
    try await CallsFakes.run(arguments.dropFirst(2))
    exit(0)
}
guard arguments.count == 5, let cycle = Double(arguments[1]), let turns = Int(arguments[2]),
      let speechEnd = Double(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: switchboard-fakes CYCLE_SECONDS TURNS SPEECH_END_SECONDS AGENT_YAML_PATH\n".utf8))
    exit(2)
}
/// 16 kHz linear16, what the caller sends and the Deepgram adapter forwards.
let bytesPerSecond = 32_000.0
/// The final arrives this long after the caller's words end (a fast real provider's endpointing).
let finalDelay = 0.1
let key = "bench-key"
let group = try EventLoopGroup(loopCount: 1, name: "fakes")
let script = (0..<turns).map { FakeUtterance("what are your hours", afterAudioBytes: Int((Double($0) * cycle + speechEnd + finalDelay) * bytesPerSecond)) }
let deepgram = try await FakeDeepgramServer.start(on: group, apiKey: key, script: script)
let openAI = try await FakeOpenAIChatServer.start(on: group)
let aura = try await FakeDeepgramAuraServer.start(on: group, apiKey: key, pacing: FakeAudioPacing(pieceBytes: 3200, interval: .zero))
let yaml = benchAgentYAML(deepgram: "\(deepgram.baseURL)", openAI: "\(openAI.baseURL)", aura: "\(aura.baseURL)",
                          extraSTTSettings: ", stall_timeout_ms: 60000, first_result_timeout_ms: 60000")
try yaml.write(toFile: arguments[4], atomically: true, encoding: .utf8)
FileHandle.standardOutput.write(Data("ready key=\(key)\n".utf8))
while let _ = readLine() {}
await deepgram.stop()
await openAI.stop()
await aura.stop()
await group.shutdownGracefully()
