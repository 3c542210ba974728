// Inbound Twilio `media` path per message: fast-path parse + base64 into a reused buffer + µ-law decode
// + `CallSession.receive(frame:)` on the session's own loop (fake STT). Prints median/p95/p99 in ns.
import Agents
import Conversation
import Media
import Net
import Orchestrator
import Speech
import SwitchboardTesting
import Telephony
import Wire

let payload = Base64.encode((0..<160).map { UInt8(truncatingIfNeeded: $0 &* 7) })
let message = #"{"event":"media","sequenceNumber":"7","streamSid":"MZ0c1d2e3f","media":{"track":"inbound","chunk":"6","timestamp":"120","payload":""# + payload + #""}}"#
let group = try EventLoopGroup(loopCount: 1, name: "bench-twilio")
let loop = group.next()
let samples: [Int] = try await loop.submit {
    let agent = AgentConfig(name: "bench", stt: [STTProviderConfig(kind: .deepgram)], llm: [LLMProviderConfig(kind: .openai)],
                            tts: [TTSProviderConfig(kind: .cartesia)])
    final class NoTransport: CallTransport {
        func send(audio: AudioChunk) {}
        func sendMark(_ mark: MarkID) {}
        func clear() {}
        func hangUp(_ reason: SessionEndReason) {}
    }
    let session = CallSession(configuration: CallSessionConfiguration(agent: agent, callID: "bench", inputFormat: AudioFormat(encoding: .linear16, sampleRate: .hz8000), outputFormat: .telephony),
                              providers: CallProviders(speechToText: FakeSpeechToText(), languageModel: FakeLanguageModel(), textToSpeech: FakeTextToSpeech()),
                              transport: NoTransport(), voiceActivity: nil, executor: loop)
    session.assumeIsolated { $0.answer() }
    let parser = TwilioMessageParser()
    var audio = TwilioInboundAudio()
    var text = message
    var result: [Int] = []
    let clock = ContinuousClock()
    for round in 0..<60_000 {
        let start = clock.now
        text.withUTF8 { bytes in
            if case .media(let chunk) = try? parser.parse(bytes) {
                try? audio.decode(payload: UnsafeBufferPointer(rebasing: bytes[chunk.payload])) { frame in
                    session.assumeIsolated { $0.receive(frame: frame) }
                }
            }
        }
        let elapsed = clock.now - start
        if round >= 10_000 { result.append(Int(elapsed.components.attoseconds / 1_000_000_000) + Int(elapsed.components.seconds) * 1_000_000_000) }
    }
    session.assumeIsolated { $0.hangUp() }
    return result.sorted()
}
func percentile(_ p: Double) -> Int { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
print("twilio media message → session: n=\(samples.count) median=\(percentile(0.5)) ns p95=\(percentile(0.95)) ns p99=\(percentile(0.99)) ns")
await group.shutdownGracefully()
