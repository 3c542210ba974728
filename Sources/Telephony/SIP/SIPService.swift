import Agents
import Net
import SIP

/// Runs a `SIPUserAgent` for a server's `sip:` section: binds its transports on one loop of the group,
/// and drains on shutdown — new INVITEs (and OPTIONS health checks) answered 503 at once, live calls
/// given until the deadline to end by themselves, then ended with BYE, then the sockets closed once the
/// BYEs were answered (or after `byeGrace`). Safe from any thread.
public final class SIPService: Sendable {
    /// Time for our BYEs to be answered before the sockets close (RFC 3261 Timer F is longer; a peer that
    /// has not answered by then is unlikely to).
    public static let byeGrace: Duration = .seconds(2)

    public let agent: SIPUserAgent

    public init(settings: SIPUserAgentSettings, context: MediaEndpointContext, loop: EventLoop) {
        agent = SIPUserAgent(settings: settings, context: context, loop: loop)
    }

    /// Binds the configured addresses; returns what was bound.
    public func start() async throws -> SIPBoundAddresses {
        try await agent.start()
    }

    /// Drains: stop accepting calls (and unREGISTER), wait up to `deadline` for live calls to end, BYE the
    /// rest, give the BYEs and unREGISTERs `byeGrace` to be answered, then close.
    /// Returns how many calls were still up at the deadline.
    @discardableResult
    public func drain(deadline: Duration) async -> Int {
        await agent.beginDraining()
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        while await agent.callCount > 0, clock.now < end {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let remaining = await agent.callCount
        let registrations = await agent.registrationCount
        if remaining > 0 || registrations > 0 {
            await agent.hangUpAll()
            let graceEnd = clock.now.advanced(by: Self.byeGrace)
            while await agent.pendingClientTransactions > 0, clock.now < graceEnd {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        await agent.close()
        return remaining
    }
}
