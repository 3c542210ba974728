import Net
import SIP

/// A server transaction the user agent runs: the pure machine, the flow its responses go back on, and
/// the loop timers armed for it. Loop-confined; owned by the user agent.
final class ServerTransactionEntry {
    enum Machine {
        case invite(InviteServerTransaction)
        case nonInvite(NonInviteServerTransaction)
    }

    var machine: Machine
    let flow: SIPFlow
    var timers: [TransactionTimer: TimerHandle] = [:]

    init(machine: Machine, flow: SIPFlow) {
        self.machine = machine
        self.flow = flow
    }

    var request: SIPRequest {
        switch machine {
        case .invite(let machine): machine.request
        case .nonInvite(let machine): machine.request
        }
    }

    var inviteState: InviteServerTransaction.State? {
        if case .invite(let machine) = machine { return machine.state }
        return nil
    }

    func cancelTimers() {
        for timer in timers.values { timer.cancel() }
        timers.removeAll()
    }
}

/// A client transaction the user agent runs (BYE, UPDATE, INFO, a refreshing re-INVITE), with what to
/// do with its final response (nil: timeout or transport failure, handled as 408).
final class ClientTransactionEntry {
    enum Machine {
        case invite(InviteClientTransaction)
        case nonInvite(NonInviteClientTransaction)
    }

    var machine: Machine
    let flow: SIPFlow
    var timers: [TransactionTimer: TimerHandle] = [:]
    let onFinal: (isolated SIPUserAgent, SIPResponse?) -> Void
    /// 1xx responses (outbound INVITEs report ringing).
    var onProvisional: ((isolated SIPUserAgent, SIPResponse) -> Void)?
    var finished = false

    init(machine: Machine, flow: SIPFlow, onFinal: @escaping (isolated SIPUserAgent, SIPResponse?) -> Void) {
        self.machine = machine
        self.flow = flow
        self.onFinal = onFinal
    }

    func cancelTimers() {
        for timer in timers.values { timer.cancel() }
        timers.removeAll()
    }
}
