import Conversation
import Orchestrator
import Speech
import Synchronization

/// The call's session, for a transport created before it (the transport reports marks back to it).
final class SessionLink: Sendable {
    private let session = Mutex<CallSession?>(nil)

    func connect(_ session: CallSession) { self.session.withLock { $0 = session } }
    func disconnect() { session.withLock { $0 = nil } }
    var current: CallSession? { session.withLock { $0 } }
}

/// The `CallTransport` of `switchboard chat`: "plays" audio by printing the sentence it carries
/// (`SentenceTag`) as an `agent:` line, and reports every mark played at once (the session queues a
/// mark reported from inside `sendMark`).
final class PrintingTransport: CallTransport {
    private let sentences: SentenceLedger
    private let link: SessionLink
    private let output: ChatOutput

    init(sentences: SentenceLedger, link: SessionLink, output: ChatOutput) {
        self.sentences = sentences
        self.link = link
        self.output = output
    }

    func send(audio: AudioChunk) {
        guard let number = SentenceTag.read(audio.bytes), let text = sentences.text(number) else { return }
        output.line("agent: " + text)
    }

    func sendMark(_ mark: MarkID) {
        link.current?.assumeIsolated { $0.playoutMarkReached(mark) }
    }

    func clear() {
        output.line("[agent stopped]")
    }

    func hangUp(_ reason: SessionEndReason) {
        output.line("[agent hung up]")
    }
}
