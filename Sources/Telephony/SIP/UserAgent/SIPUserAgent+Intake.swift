import Net
import SIP

/// The intake filter in front of the transaction layer (robustness.md, "Sockets and abuse"): requests
/// whose User-Agent names a scanner are dropped unanswered; a source outside every trunk that sends
/// more than `sip.flood.max_requests` requests (malformed ones included) in `window_ms` is banned for
/// `ban_s` and everything it sends is dropped unanswered until then. Trunk sources (and registrars we
/// registered with) are never counted or banned. Unknown sources that stay under the limit are answered
/// as before (INVITE: 403, never a challenge).
extension SIPUserAgent {
    /// Before parsing: false (and the drop reported) when `source` is banned.
    func intakeAccepts(from source: SocketAddress) -> Bool {
        guard intakeGuard.banRemaining(source, at: .now) != nil else { return true }
        emit(.intakeDropped(source: source, reason: .banned))
        return false
    }

    /// A parsed message from `flow`: requests pass the scanner and flood checks; responses pass.
    func intake(_ message: SIPMessage, on flow: SIPFlow) {
        if case .request(let request) = message {
            guard countsWithinFloodLimit(flow.remote) else { return }
            if intakeGuard.isScanner(request) {
                emit(.intakeDropped(source: flow.remote, reason: .scanner))
                return
            }
        }
        received(message, on: flow)
    }

    /// A request that could not be parsed counts like any other before it is answered 400.
    func intakeMalformed(_ bytes: [UInt8], error: SIPParseError, on flow: SIPFlow) {
        guard countsWithinFloodLimit(flow.remote) else { return }
        refuseMalformed(bytes, error: error, on: flow)
    }

    /// Counts a request from `source` unless it is trusted; false (drop, reported) when over the limit.
    private func countsWithinFloodLimit(_ source: SocketAddress) -> Bool {
        guard intakeGuard.limiter != nil, !isTrustedSource(source) else { return true }
        switch intakeGuard.record(source, at: .now) {
        case .allowed:
            return true
        case .banStarted(let duration):
            let seconds = Int(duration.components.seconds)
            logger.warning("SIP source banned for flooding", metadata: ["source": "\(source.host)", "seconds": "\(seconds)"])
            emit(.sourceBanned(source: source, seconds: seconds))
            emit(.intakeDropped(source: source, reason: .banned))
            return false
        case .banned, .limited:
            emit(.intakeDropped(source: source, reason: .banned))
            return false
        }
    }

    /// A source inside a trunk's allow list, or a registrar we registered with.
    func isTrustedSource(_ source: SocketAddress) -> Bool {
        settings.config.trunk(for: source.ip.bytes) != nil || registrations.contains { $0.remote?.ip == source.ip }
    }
}
