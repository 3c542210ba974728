import SIP

/// Follows the timers a transaction machine starts and cancels, like a shell would, so a test can
/// jump a virtual clock to the next deadline and fire it (no sleeps).
struct VirtualTimers {
    private(set) var deadlines: [TransactionTimer: SIPInstant] = [:]

    mutating func apply(_ actions: [TransactionAction]) {
        for action in actions {
            switch action {
            case .startTimer(let timer, let at): deadlines[timer] = at
            case .cancelTimer(let timer): deadlines[timer] = nil
            case .terminated: deadlines.removeAll()
            default: break
            }
        }
    }

    /// The earliest armed timer (ties broken by name, for determinism).
    var next: (timer: TransactionTimer, at: SIPInstant)? {
        deadlines.min { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }.map { ($0.key, $0.value) }
    }

    /// Fires timers in deadline order until none is left or the next is after `limit`; returns, for every
    /// fire, its time and the actions it produced.
    mutating func run(until limit: SIPInstant, fire: (TransactionTimer, SIPInstant) -> [TransactionAction])
        -> [(at: SIPInstant, timer: TransactionTimer, actions: [TransactionAction])] {
        var log: [(SIPInstant, TransactionTimer, [TransactionAction])] = []
        while let (timer, at) = next, at <= limit {
            deadlines[timer] = nil
            let actions = fire(timer, at)
            apply(actions)
            log.append((at, timer, actions))
        }
        return log
    }
}

extension SIPInstant {
    static func seconds(_ value: Double) -> SIPInstant { .milliseconds(Int64(value * 1000)) }
}

/// Builds the requests and responses the transaction tests exchange.
enum TransactionFixtures {
    static func request(_ method: SIPMethod, transport: String = "UDP", branch: String = "z9hG4bK74bf9") -> SIPRequest {
        let headers = SIPHeaders(via: [Via(transport: transport, host: .name("pc33.atlanta.example"), branch: branch)],
                                 from: AddressHeader(SIPURI(user: "alice", host: .name("atlanta.example")), tag: "9fxced76sl"),
                                 to: AddressHeader(SIPURI(user: "bob", host: .name("biloxi.example"))),
                                 callID: "3848276298220188511@atlanta.example", cseq: CSeq(1, method), maxForwards: 70,
                                 route: [AddressHeader(NameAddress(SIPURI(host: .name("proxy.example"), parameters: [SIPParameter("lr")])))])
        return SIPRequest(method: method, uri: .sip(SIPURI(user: "bob", host: .name("biloxi.example"))), headers: headers)
    }

    static func response(_ code: Int, to request: SIPRequest) -> SIPResponse {
        SIPResponse(replyingTo: request, statusCode: code, toTag: "8321234356")
    }
}
