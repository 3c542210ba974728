import Agents
import Conversation
import Foundation
import Net
import Orchestrator
import Providers
import Speech

/// One `switchboard chat` call: the same `CallSession` the server runs, answered at once, with typed
/// lines as the caller's speech (`TypedSpeechToText`), silent audio as the agent's voice
/// (`SilentTextToSpeech`) and the agent's sentences printed as they are played (`PrintingTransport`).
/// Each line is said like a caller would: VAD speech start, the transcript, VAD speech end; the next
/// line is read once the agent's reply has finished. End of input hangs up.
struct ChatConversation {
    /// Both ways of the conversation at 16 kHz linear16 (what the PCM endpoint uses).
    static let format = AudioFormat(encoding: .linear16, sampleRate: .hz16000)

    let agent: AgentConfig
    let voice: ChatVoice
    let output: ChatOutput

    /// Runs the call until the agent ends it or input ends; returns its record.
    func run(lines: AsyncStream<String>, interactive: Bool) async throws -> CallRecord? {
        let group = try EventLoopGroup(loopCount: 1, name: "sb-chat")
        let configuration = CallSessionConfiguration(agent: agent, callID: "chat-" + UUID().uuidString.lowercased(),
                                                     inputFormat: Self.format, outputFormat: Self.format)
        let speech = TypedSpeech()
        let sentences = SentenceLedger()
        let link = SessionLink()
        let timeline = ChatTimeline()
        let http = try StreamingHTTPClient()
        defer { http.shutdown() }
        let usage = CallUsage()
        let shadows = ShadowReportLog()
        let model = try ChatLanguageModel.make(for: agent, callVariables: configuration.variables,
                                               network: ProviderNetwork(loops: group, http: http), usage: usage, shadows: shadows)
        let providers = CallProviders(
            speechToText: TypedSpeechToText(speech: speech), languageModel: model,
            textToSpeech: try textToSpeech(perCharacter: configuration.turn.speechPerCharacter, sentences: sentences),
            usage: usage, shadowReports: shadows)
        let session = CallSession(configuration: configuration, providers: providers,
                                  transport: PrintingTransport(sentences: sentences, link: link, output: output),
                                  voiceActivity: nil, observers: CallObservers(records: timeline, timeline: timeline),
                                  executor: group.next())
        link.connect(session)
        await session.answer()
        if configuration.turn.greeting.map({ !$0.isEmpty }) ?? false { await timeline.waitForReply(after: 0) }

        if interactive { output.prompt("you> ") }
        for await line in lines {
            let text = line.trimmingCharacters(in: .whitespaces)
            if !interactive { output.line("you> " + text) }
            if text.contains(where: { $0.isLetter || $0.isNumber }) {
                let replies = timeline.replies
                await session.speechActivity(.started)
                speech.say(text)
                await session.speechActivity(.ended)
                await timeline.waitForReply(after: replies)
            }
            // On the session's executor, after the event that finished the reply (and maybe ended the call).
            if await session.hasEnded { break }
            if interactive { output.prompt("you> ") }
        }
        await session.hangUp()  // ignored when the call already ended
        _ = await session.ending.wait()
        link.disconnect()
        await group.shutdownGracefully()
        return timeline.record
    }

    private func textToSpeech(perCharacter: Duration, sentences: SentenceLedger) throws -> any TextToSpeech {
        switch voice {
        case .silent:
            return SilentTextToSpeech(perCharacter: perCharacter, sentences: sentences)
        case .espeak:
            guard let entry = agent.tts.first, entry.kind == .espeak else {
                throw ChatLanguageModel.Unavailable(description: "--voice espeak needs an agent whose first tts is espeak")
            }
            return EspeakTextToSpeech(configuration: .init(settings: entry, voice: agent.voice))
        }
    }
}
