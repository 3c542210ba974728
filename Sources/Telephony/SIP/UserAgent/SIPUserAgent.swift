import Agents
import Logging
import Net
import Orchestrator
import SIP

/// The SIP user agent server of one Switchboard: its UDP/TCP/TLS transports, the RFC 3261 transactions
/// (driven with loop timers), the INVITE dialogs of live calls, and the trunk gate. An actor pinned to one
/// event loop: socket handlers and timers enter it synchronously with `assumeIsolated`, and every call's
/// `CallSession` runs on the same loop, so no message or frame hops threads.
///
/// Files: transports (`+Transport`, `+Streams`), transactions (`+Transactions`), requests out of dialog
/// (`+Requests`, `+Invite`, `+Answer`), in dialog (`+InDialog`, `+ReInvite`), call ends (`+Ending`); as a client:
/// registrations (`+Register`), outbound calls (`+Outbound`), blind transfer (`+Transfer`).
public actor SIPUserAgent {
    public nonisolated let loop: EventLoop
    public nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }

    let settings: SIPUserAgentSettings
    let context: MediaEndpointContext
    let parser = SIPParser()
    let sdpParser = SDPParser()
    let origin = ContinuousClock.now
    var logger: Logger { context.logger }

    // Transports.
    var udpSockets: [UDPSocket] = []
    var listeners: [TCPListener] = []
    var streams: [Int: SIPStreamState] = [:]
    var nextStreamID = 1
    /// Our client TCP/TLS connections (registrations, outbound trunks) by target: stream ids.
    var clientFlows: [ClientFlowKey: Int] = [:]
    /// The system-trust TLS client context, made at the first TLS client flow.
    var defaultTLSClientContext: TLSClientContext?
    /// Set by `close()`: lost connections no longer trigger re-registration.
    var isClosed = false

    // Transactions.
    var serverTransactions: [TransactionKey: ServerTransactionEntry] = [:]
    var clientTransactions: [TransactionKey: ClientTransactionEntry] = [:]

    // Calls.
    var calls: [DialogID: SIPCall] = [:]
    var callsByInvite: [TransactionKey: DialogID] = [:]
    var callsPerTrunk: [String: Int] = [:]
    var challengers: [String: DigestChallenger] = [:]
    var nonceTrackers: [String: NonceCountTracker] = [:]
    var isDraining = false
    var registrations: [RegistrationBinding] = []
    var outboundAttempts: [String: OutboundAttempt] = [:]
    var boundAddresses = SIPBoundAddresses()
    /// Scanner and flood filter of the intake (`+Intake`).
    var intakeGuard: SIPIntakeGuard

    /// A user agent for `settings` on `loop`, creating calls through `context` (agents, providers,
    /// registry, observers). Nothing is bound until `start()`.
    public init(settings: SIPUserAgentSettings, context: MediaEndpointContext, loop: EventLoop) {
        self.settings = settings
        self.context = context
        self.loop = loop
        intakeGuard = SIPIntakeGuard(config: settings.config)
        var secret = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in secret.indices { secret[index] = generator.next() }
        for trunk in settings.config.trunks {
            guard let digest = trunk.digest else { continue }
            challengers[trunk.name] = DigestChallenger(realm: digest.realm, secret: secret)
            nonceTrackers[trunk.name] = NonceCountTracker()
        }
    }

    /// The current instant for the SIP machines.
    var now: SIPInstant { SIPInstant(sinceOrigin: ContinuousClock.now - origin) }

    /// Delivers `event` to `timerFired(_:)` on this actor at `deadline`.
    func schedule(at deadline: SIPInstant, _ event: SIPTimerEvent) -> TimerHandle {
        let delay = max(.zero, deadline.duration(since: now))
        return loop.scheduleLocalTimer(after: delay) { [self] in self.assumeIsolated { $0.timerFired(event) } }
    }

    func timerFired(_ event: SIPTimerEvent) {
        switch event {
        case .server(let key, let timer): driveServer(key) { machine, now in machine.timerFired(timer, at: now) }
        case .client(let key, let timer): driveClient(key) { machine, now in machine.timerFired(timer, at: now) }
        case .ring(let id): if let call = calls[id] { answer(call) }
        case .retransmit(let id, let timer): if let call = calls[id] { retransmissionTimerFired(timer, call: call) }
        case .sessionTimer(let id): if let call = calls[id] { sessionTimerFired(call) }
        case .registration(let index): registrationTimerFired(index)
        case .outboundRing(let callID): outboundRingTimedOut(callID)
        case .transferTimeout(let id): if let call = calls[id] { transferTimedOut(call) }
        }
    }

    /// Live calls (ringing or answered).
    public var callCount: Int { calls.count }

    /// Open transactions (server and client), for tests and drain.
    public var transactionCount: Int { serverTransactions.count + clientTransactions.count }

    /// Answered calls whose 200 OK has not been acknowledged yet (still retransmitted).
    public var callsAwaitingAck: Int { calls.values.filter { $0.successRetransmitter != nil }.count }

    /// Client transactions (our BYEs, refreshes) still waiting for an answer.
    public var pendingClientTransactions: Int { clientTransactions.values.filter { !$0.finished }.count }

    /// Stops accepting calls: INVITEs and OPTIONS are answered 503 from now on, and every registration
    /// is removed (REGISTER expires=0).
    public func beginDraining() {
        isDraining = true
        unregisterAll()
    }

    /// Ends every live call from our side (BYE), as a drain deadline does.
    public func hangUpAll() {
        for call in Array(calls.values) { end(call, reason: .localBye, sessionReason: .serverShutdown, sendBye: true) }
    }

    /// Closes every socket (after `hangUpAll` and a moment for the BYEs to be answered).
    public func close() {
        isClosed = true
        for socket in udpSockets { socket.close() }
        udpSockets.removeAll()
        for listener in listeners { listener.closeOnLoop() }
        listeners.removeAll()
        for state in streams.values { state.link.connection.close(.afterFlush) }
        for entry in serverTransactions.values { entry.cancelTimers() }
        for entry in clientTransactions.values { entry.cancelTimers() }
        for binding in registrations { binding.timer?.cancel() }
        serverTransactions.removeAll()
        clientTransactions.removeAll()
    }

    func emit(_ event: SIPCallEvent) { settings.events?(event) }

    /// A fresh token for tags and branches (RFC 3261 §19.3: at least 32 bits of randomness).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 36) + String(generator.next() as UInt32, radix: 36)
    }
}
