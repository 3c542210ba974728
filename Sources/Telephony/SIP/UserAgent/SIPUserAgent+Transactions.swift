import Net
import SIP

/// The transaction layer (RFC 3261 §17): matches requests to server transactions (retransmissions
/// absorbed or answered with the last response, 100 Trying for INVITE), responses to client
/// transactions, and performs the pure machines' actions with loop timers (A, B, D, E, F, G, H, I, J,
/// K, L, M).
extension SIPUserAgent {
    func received(_ message: SIPMessage, on flow: SIPFlow) {
        switch message {
        case .request(var request):
            ViaRouting.stamp(&request, source: flow.remote)
            receivedRequest(request, on: flow)
        case .response(let response):
            receivedResponse(response)
        }
    }

    private func receivedRequest(_ request: SIPRequest, on flow: SIPFlow) {
        guard let key = TransactionKey.server(for: request) else { return }
        if request.method == .ack {
            // An ACK for a 3xx–6xx belongs to the INVITE transaction; an ACK for a 2xx is its own (§17.2.3).
            if let entry = serverTransactions[key], entry.inviteState == .completed {
                driveServer(key) { machine, now in machine.receiveAck(request, at: now) }
            } else {
                ackReceived(request)
            }
            return
        }
        if serverTransactions[key] != nil {
            driveServer(key) { machine, now in machine.receiveRetransmission(request, at: now) }
            return
        }
        let reliable = flow.isReliable
        let timers = settings.timers
        let machine: ServerTransactionEntry.Machine = request.method == .invite
            ? .invite(InviteServerTransaction(request: request, isReliable: reliable, timers: timers))
            : .nonInvite(NonInviteServerTransaction(request: request, isReliable: reliable, timers: timers))
        serverTransactions[key] = ServerTransactionEntry(machine: machine, flow: flow)
        driveServer(key) { machine, now in machine.start(at: now) }
    }

    /// The TU's response to the request of server transaction `key`.
    func respond(_ response: SIPResponse, to key: TransactionKey) {
        driveServer(key) { machine, now in machine.respond(response, at: now) }
    }

    func driveServer(_ key: TransactionKey, _ step: (inout ServerTransactionEntry.Machine, SIPInstant) -> [TransactionAction]) {
        guard let entry = serverTransactions[key] else { return }
        let actions = step(&entry.machine, now)
        for action in actions {
            switch action {
            case .sendResponse(let response): send(.response(response), on: entry.flow)
            case .sendRequest(let request): send(.request(request), on: entry.flow)
            case .startTimer(let timer, let deadline):
                entry.timers[timer]?.cancel()
                entry.timers[timer] = schedule(at: deadline, .server(key, timer))
            case .cancelTimer(let timer): entry.timers.removeValue(forKey: timer)?.cancel()
            case .passToTU(.request(let request)): dispatch(request, key: key, flow: entry.flow)
            case .passToTU(.response), .timedOut: break
            case .terminated:
                entry.cancelTimers()
                if serverTransactions[key] === entry { serverTransactions[key] = nil }
            }
        }
    }

    /// Sends `request` in a new client transaction on `flow`; `onFinal` gets the final response, or nil
    /// when the transaction timed out (B/F) or the transport failed.
    func sendRequest(_ request: SIPRequest, on flow: SIPFlow,
                     onProvisional: ((isolated SIPUserAgent, SIPResponse) -> Void)? = nil,
                     onFinal: @escaping (isolated SIPUserAgent, SIPResponse?) -> Void) {
        guard let key = TransactionKey.client(for: request) else { return }
        let machine: ClientTransactionEntry.Machine = request.method == .invite
            ? .invite(InviteClientTransaction(request: request, isReliable: flow.isReliable, timers: settings.timers))
            : .nonInvite(NonInviteClientTransaction(request: request, isReliable: flow.isReliable, timers: settings.timers))
        let entry = ClientTransactionEntry(machine: machine, flow: flow, onFinal: onFinal)
        entry.onProvisional = onProvisional
        clientTransactions[key] = entry
        if case .stream(let id, _, _) = flow, streams[id] == nil {
            driveClient(key) { machine, _ in machine.transportFailed() }
            return
        }
        driveClient(key) { machine, now in machine.start(at: now) }
    }

    private func receivedResponse(_ response: SIPResponse) {
        guard let key = TransactionKey.client(for: response), clientTransactions[key] != nil else { return }
        driveClient(key) { machine, now in machine.receive(response, at: now) }
    }

    func driveClient(_ key: TransactionKey, _ step: (inout ClientTransactionEntry.Machine, SIPInstant) -> [TransactionAction]) {
        guard let entry = clientTransactions[key] else { return }
        let actions = step(&entry.machine, now)
        for action in actions {
            switch action {
            case .sendRequest(let request): send(.request(request), on: entry.flow)
            case .sendResponse: break
            case .startTimer(let timer, let deadline):
                entry.timers[timer]?.cancel()
                entry.timers[timer] = schedule(at: deadline, .client(key, timer))
            case .cancelTimer(let timer): entry.timers.removeValue(forKey: timer)?.cancel()
            case .passToTU(.response(let response)):
                guard response.statusCode >= 200 else {
                    entry.onProvisional?(self, response)
                    continue
                }
                if !entry.finished {
                    entry.finished = true
                    entry.onFinal(self, response)
                } else if response.isSuccess, case .invite = entry.machine {
                    entry.onFinal(self, response)  // a retransmitted 2xx: the TU ACKs it again (§13.2.2.4)
                }
            case .passToTU(.request): break
            case .timedOut:
                if !entry.finished {
                    entry.finished = true
                    entry.onFinal(self, nil)
                }
            case .terminated:
                entry.cancelTimers()
                if !entry.finished {
                    entry.finished = true
                    entry.onFinal(self, nil)
                }
                if clientTransactions[key] === entry { clientTransactions[key] = nil }
            }
        }
    }
}

extension ServerTransactionEntry.Machine {
    mutating func start(at now: SIPInstant) -> [TransactionAction] {
        switch self {
        case .invite(var machine): defer { self = .invite(machine) }; return machine.start(at: now)
        case .nonInvite(var machine): defer { self = .nonInvite(machine) }; return machine.start(at: now)
        }
    }

    mutating func receiveRetransmission(_ request: SIPRequest, at now: SIPInstant) -> [TransactionAction] {
        switch self {
        case .invite(var machine): defer { self = .invite(machine) }; return machine.receive(request, at: now)
        case .nonInvite(var machine): defer { self = .nonInvite(machine) }; return machine.receive(request, at: now)
        }
    }

    mutating func receiveAck(_ request: SIPRequest, at now: SIPInstant) -> [TransactionAction] {
        receiveRetransmission(request, at: now)
    }

    mutating func respond(_ response: SIPResponse, at now: SIPInstant) -> [TransactionAction] {
        switch self {
        case .invite(var machine): defer { self = .invite(machine) }; return machine.respond(response, at: now)
        case .nonInvite(var machine): defer { self = .nonInvite(machine) }; return machine.respond(response, at: now)
        }
    }

    mutating func timerFired(_ timer: TransactionTimer, at now: SIPInstant) -> [TransactionAction] {
        switch self {
        case .invite(var machine): defer { self = .invite(machine) }; return machine.timerFired(timer, at: now)
        case .nonInvite(var machine): defer { self = .nonInvite(machine) }; return machine.timerFired(timer, at: now)
        }
    }
}

extension ClientTransactionEntry.Machine {
    mutating func start(at now: SIPInstant) -> [TransactionAction] {
        switch self {
        case .invite(var machine): defer { self = .invite(machine) }; return machine.start(at: now)
        case .nonInvite(var machine): defer { self = .nonInvite(machine) }; return machine.start(at: now)
        }
    }

    mutating func receive(_ response: SIPResponse, at now: SIPInstant) -> [TransactionAction] {
        switch self {
        case .invite(var machine): defer { self = .invite(machine) }; return machine.receive(response, at: now)
        case .nonInvite(var machine): defer { self = .nonInvite(machine) }; return machine.receive(response, at: now)
        }
    }

    mutating func timerFired(_ timer: TransactionTimer, at now: SIPInstant) -> [TransactionAction] {
        switch self {
        case .invite(var machine): defer { self = .invite(machine) }; return machine.timerFired(timer, at: now)
        case .nonInvite(var machine): defer { self = .nonInvite(machine) }; return machine.timerFired(timer, at: now)
        }
    }

    mutating func transportFailed() -> [TransactionAction] {
        switch self {
        case .invite(var machine): defer { self = .invite(machine) }; return machine.transportFailed()
        case .nonInvite(var machine): defer { self = .nonInvite(machine) }; return machine.transportFailed()
        }
    }
}
