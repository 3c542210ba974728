import ArgumentParser

/// The `switchboard` command line: `serve` runs the daemon; other subcommands arrive with their issues.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Voice-agent orchestration server: SIP/RTP and WebSocket media to streaming STT, LLM and TTS.",
        subcommands: [CheckCommand.self])
    func run() async throws { print("switchboard: nothing to serve yet") }
}
