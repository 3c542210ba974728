import Conversation
import Orchestrator
import Speech
import SwitchboardTesting

/// Something the session asked the transport to do.
enum TransportEvent: Sendable, Hashable {
    case audio(AudioChunk)
    case mark(MarkID)
    case clear
    case hangUp(SessionEndReason)
    case transfer(CallTransfer)

    var mark: MarkID? { if case .mark(let mark) = self { mark } else { nil } }
    var audio: AudioChunk? { if case .audio(let chunk) = self { chunk } else { nil } }
}

/// A transport that records what it was asked to do and on which thread; the test plays the far end and
/// reports marks back itself.
final class FakeTransport: CallTransport, Sendable {
    let events = ObservationLog<TransportEvent>()
    /// The thread of every call, in order.
    let threads = ObservationLog<UInt>()
    /// Whether `transfer` is started (a SIP transport) or fails at once as unsupported (a media stream).
    let acceptsTransfers: Bool

    init(acceptsTransfers: Bool = true) {
        self.acceptsTransfers = acceptsTransfers
    }

    func send(audio: AudioChunk) { note(.audio(audio)) }
    func sendMark(_ mark: MarkID) { note(.mark(mark)) }
    func clear() { note(.clear) }
    func hangUp(_ reason: SessionEndReason) { note(.hangUp(reason)) }
    /// Records the transfer; the test plays the far end and reports its outcome with
    /// `CallSession.transferEnded(_:)`, as a SIP transport would once the NOTIFY arrives.
    func transfer(_ transfer: CallTransfer) -> TransferStart {
        note(.transfer(transfer))
        return acceptsTransfers ? .started : .failed(.unsupported)
    }

    private func note(_ event: TransportEvent) {
        threads.append(CurrentThread.id)
        events.append(event)
    }

    var marks: [MarkID] { events.items.compactMap(\.mark) }

    /// Waits until `mark` has been sent.
    func waitForMark(_ mark: MarkID) async throws {
        try await events.wait(for: "mark \(mark)") { $0.contains(.mark(mark)) }
    }

    /// Waits until an event satisfying `match` has been sent; returns every event so far.
    @discardableResult
    func waitFor(_ what: String, _ match: @escaping @Sendable (TransportEvent) -> Bool) async throws -> [TransportEvent] {
        try await events.wait(for: what) { $0.contains(where: match) }
    }
}
