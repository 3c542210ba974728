import Foundation
import Net
import ProviderFakes
import Speech

/// `switchboard-fakes calls --agent PATH [options]`: the fakes for Scripts/bench-calls.sh, behaving like
/// real providers in time: Deepgram live STT finalizes each scripted utterance `--stt-final-ms` after the
/// caller's words end (the caller speaks on the fixed `--cycle`/`--speech-start`/`--speech` schedule,
/// counted in audio bytes per stream), the OpenAI-compatible chat answers its first token after
/// `--llm-first-token-ms` and one more every `--llm-token-ms`, and Deepgram Aura starts its audio after
/// `--tts-first-audio-ms` and streams it in real time (50 ms pieces, 8 kHz linear16 as a Twilio call
/// asks for). Writes the agent YAML and runs until standard input closes.
enum CallsFakes {
    struct Options {
        var agentPath = ""
        var cycle = 4.5
        var speechStart = 0.5
        var speech = 1.5
        var sttFinalMilliseconds = 150
        var llmFirstTokenMilliseconds = 300
        var llmTokenMilliseconds = 20
        var ttsFirstAudioMilliseconds = 200
        /// Utterances per STT stream (enough for the longest run: 2,000 cycles of 4.5 s is 2.5 hours).
        var turns = 2_000
        /// What the Deepgram adapter sends for a Twilio call: linear16 at 8 kHz.
        var sttBytesPerSecond = 16_000.0
        /// What Aura is asked for on a Twilio call: linear16 at 8 kHz.
        var ttsBytesPerSecond = 16_000

        init(_ arguments: ArraySlice<String>) throws {
            var rest = arguments
            while let flag = rest.popFirst() {
                guard let value = rest.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
                switch flag {
                case "--agent": agentPath = value
                case "--cycle": cycle = try Self.number(flag, value)
                case "--speech-start": speechStart = try Self.number(flag, value)
                case "--speech": speech = try Self.number(flag, value)
                case "--stt-final-ms": sttFinalMilliseconds = Int(try Self.number(flag, value))
                case "--llm-first-token-ms": llmFirstTokenMilliseconds = Int(try Self.number(flag, value))
                case "--llm-token-ms": llmTokenMilliseconds = Int(try Self.number(flag, value))
                case "--tts-first-audio-ms": ttsFirstAudioMilliseconds = Int(try Self.number(flag, value))
                case "--turns": turns = Int(try Self.number(flag, value))
                default: throw UsageError(message: "unknown option \(flag)")
                }
            }
            guard !agentPath.isEmpty else { throw UsageError(message: "--agent PATH is required") }
        }

        static func number(_ flag: String, _ value: String) throws -> Double {
            guard let number = Double(value), number >= 0 else { throw UsageError(message: "\(flag): not a number: \(value)") }
            return number
        }
    }

    struct UsageError: Error { let message: String }

    /// The reply every turn gets: two sentences, 72 bytes, so 0.72 s of fake tone (`FakeTone`: 10 ms per byte).
    static let replyTokens = ["We", " are", " open", " from", " nine", " to", " five,", " Monday", " to", " Friday.",
                              " Anything", " else?"]

    static func run(_ arguments: ArraySlice<String>) async throws {
        let options: Options
        do {
            options = try Options(arguments)
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("switchboard-fakes calls: \(error.message)\n".utf8))
            exit(2)
        }
        let key = "bench-key"
        let group = try EventLoopGroup(loopCount: 1, name: "fakes")
        let wordsEnd = options.speechStart + options.speech + Double(options.sttFinalMilliseconds) / 1000
        let script = (0..<options.turns).map {
            FakeUtterance("what are your hours", afterAudioBytes: Int((Double($0) * options.cycle + wordsEnd) * options.sttBytesPerSecond))
        }
        let deepgram = try await FakeDeepgramServer.start(on: group, apiKey: key, script: script)
        let openAI = try await FakeOpenAIChatServer.start(on: group, fallback: .raw(.eventStream(llmSteps(options))))
        let piece = options.ttsBytesPerSecond / 20  // 50 ms of audio per piece, one piece per 50 ms: real time
        let aura = try await FakeDeepgramAuraServer.start(
            on: group, apiKey: key,
            pacing: FakeAudioPacing(pieceBytes: piece, interval: .milliseconds(50),
                                    firstAudioDelay: .milliseconds(options.ttsFirstAudioMilliseconds)))
        let yaml = benchAgentYAML(deepgram: "\(deepgram.baseURL)", openAI: "\(openAI.baseURL)", aura: "\(aura.baseURL)")
        try yaml.write(toFile: options.agentPath, atomically: true, encoding: .utf8)
        FileHandle.standardOutput.write(Data("ready key=\(key)\n".utf8))
        while let _ = readLine() {}
        await deepgram.stop()
        await openAI.stop()
        await aura.stop()
        await group.shutdownGracefully()
    }

    /// The reply as OpenAI streams it, with the first token after the first-token latency and the rest
    /// one per token interval.
    static func llmSteps(_ options: Options) -> [FakeHTTPReply.Step] {
        let steps = OpenAIChatSSE.reply(tokens: replyTokens, toolCalls: [], usage: TokenUsage(promptTokens: 40, completionTokens: 12))
        var paced: [FakeHTTPReply.Step] = []
        for (index, step) in steps.enumerated() {
            paced.append(step)
            if index == 0 {
                paced.append(.pause(.milliseconds(options.llmFirstTokenMilliseconds)))
            } else if index <= replyTokens.count, options.llmTokenMilliseconds > 0 {
                paced.append(.pause(.milliseconds(options.llmTokenMilliseconds)))
            }
        }
        return paced
    }
}
