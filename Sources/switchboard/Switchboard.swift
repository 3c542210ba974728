import ArgumentParser

/// The `switchboard` command line: `serve` runs the daemon, `check` validates config files, `chat`
/// talks to an agent by typing, `call` places an outbound SIP call through a running server.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Voice-agent orchestration server: SIP/RTP and WebSocket media to streaming STT, LLM and TTS.",
        subcommands: [ServeCommand.self, CheckCommand.self, ChatCommand.self, CallCommand.self])
}
