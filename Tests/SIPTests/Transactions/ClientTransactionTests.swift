import SIP
import Testing

@Suite struct ClientTransactionTests {
    let invite = TransactionFixtures.request(.invite)
    let t0 = SIPInstant.seconds(10)

    func at(_ seconds: Double) -> SIPInstant { t0.advanced(by: .milliseconds(Int64(seconds * 1000))) }

    @Test func inviteClientRetransmitsWithTimerAUntilTimerB() {
        var transaction = InviteClientTransaction(request: invite, isReliable: false)
        var timers = VirtualTimers()
        let started = transaction.start(at: t0)
        #expect(started == [.sendRequest(invite), .startTimer(.a, at: at(0.5)), .startTimer(.b, at: at(32))])
        timers.apply(started)
        let fires = timers.run(until: at(40)) { transaction.timerFired($0, at: $1) }
        // Timer A doubles without a cap: 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
        #expect(fires.filter { $0.timer == .a }.map(\.at) == [0.5, 1.5, 3.5, 7.5, 15.5, 31.5].map(at))
        #expect(fires.filter { $0.timer == .a }.allSatisfy { $0.actions.first == .sendRequest(invite) })
        #expect(fires.last?.timer == .b && fires.last?.actions == [.cancelTimer(.a), .timedOut(.b), .terminated])
    }

    @Test func inviteClientAcksAFailureAndAbsorbsItsRetransmissionsUntilTimerD() throws {
        var transaction = InviteClientTransaction(request: invite, isReliable: false)
        _ = transaction.start(at: t0)
        let ringing = TransactionFixtures.response(180, to: invite)
        #expect(transaction.receive(ringing, at: at(0.3)) == [.cancelTimer(.a), .cancelTimer(.b), .passToTU(.response(ringing))])
        let busy = TransactionFixtures.response(486, to: invite)
        let actions = transaction.receive(busy, at: at(5))
        let ack = AckBuilder.ack(for: invite, response: busy)
        #expect(actions == [.sendRequest(ack), .passToTU(.response(busy)), .startTimer(.d, at: at(37))])
        #expect(ack.method == .ack && ack.uri == invite.uri && ack.headers.cseq == CSeq(1, .ack))
        #expect(ack.headers.to.tag == "8321234356" && ack.headers.via == [invite.headers.via[0]])
        #expect(ack.headers.route == invite.headers.route && ack.headers.from == invite.headers.from)
        #expect(transaction.receive(busy, at: at(6)) == [.sendRequest(ack)], "a retransmitted final is ACKed again, not passed up")
        #expect(transaction.timerFired(.d, at: at(37)) == [.terminated])
    }

    @Test func inviteClientPassesEvery2xxUpWhileAcceptedUntilTimerM() {
        var transaction = InviteClientTransaction(request: invite, isReliable: false)
        _ = transaction.start(at: t0)
        let ok = TransactionFixtures.response(200, to: invite)
        #expect(transaction.receive(ok, at: at(1)) == [.cancelTimer(.a), .cancelTimer(.b), .passToTU(.response(ok)),
                                                        .startTimer(.m, at: at(33))])
        #expect(transaction.receive(ok, at: at(2)) == [.passToTU(.response(ok))], "the TU re-ACKs 2xx retransmissions")
        #expect(transaction.receive(TransactionFixtures.response(486, to: invite), at: at(3)).isEmpty)
        #expect(transaction.timerFired(.m, at: at(33)) == [.terminated])
    }

    @Test func inviteClientOverTCPDoesNotRetransmit() {
        let request = TransactionFixtures.request(.invite, transport: "TCP")
        var transaction = InviteClientTransaction(request: request, isReliable: true)
        #expect(transaction.start(at: t0) == [.sendRequest(request), .startTimer(.b, at: at(32))])
        let busy = TransactionFixtures.response(486, to: request)
        #expect(transaction.receive(busy, at: at(1)) == [.cancelTimer(.b), .sendRequest(AckBuilder.ack(for: request, response: busy)),
                                                          .passToTU(.response(busy)), .terminated])
    }

    @Test func nonInviteClientRetransmitsUpToT2AndThenEveryT2AfterAProvisional() {
        let register = TransactionFixtures.request(.register)
        var transaction = NonInviteClientTransaction(request: register, isReliable: false)
        var timers = VirtualTimers()
        timers.apply(transaction.start(at: t0))
        let early = timers.run(until: at(12)) { transaction.timerFired($0, at: $1) }
        #expect(early.map(\.at) == [0.5, 1.5, 3.5, 7.5, 11.5].map(at), "E doubles to T2 = 4 s")
        let trying = TransactionFixtures.response(100, to: register)
        #expect(transaction.receive(trying, at: at(12)) == [.passToTU(.response(trying))])
        let late = timers.run(until: at(40)) { transaction.timerFired($0, at: $1) }
        #expect(late.filter { $0.timer == .e }.map(\.at) == [15.5, 19.5, 23.5, 27.5, 31.5].map(at))
        #expect(late.last?.timer == .f && late.last?.actions == [.cancelTimer(.e), .timedOut(.f), .terminated])
    }

    @Test func nonInviteClientCompletesAndAbsorbsResponsesUntilTimerK() {
        let options = TransactionFixtures.request(.options)
        var transaction = NonInviteClientTransaction(request: options, isReliable: false)
        _ = transaction.start(at: t0)
        let ok = TransactionFixtures.response(200, to: options)
        #expect(transaction.receive(ok, at: at(0.2)) == [.cancelTimer(.e), .cancelTimer(.f), .passToTU(.response(ok)),
                                                          .startTimer(.k, at: at(5.2))])
        #expect(transaction.receive(ok, at: at(1)).isEmpty)
        #expect(transaction.timerFired(.e, at: at(0.5)).isEmpty)
        #expect(transaction.timerFired(.k, at: at(5.2)) == [.terminated])

        var reliable = NonInviteClientTransaction(request: options, isReliable: true)
        #expect(reliable.start(at: t0) == [.sendRequest(options), .startTimer(.f, at: at(32))])
        #expect(reliable.receive(ok, at: at(1)) == [.cancelTimer(.f), .passToTU(.response(ok)), .terminated])
    }

    @Test func transactionKeysMatchRequestsAcksCancelsAndResponses() throws {
        let key = try #require(TransactionKey.server(for: invite))
        let ack = AckBuilder.ack(for: invite, response: TransactionFixtures.response(486, to: invite))
        #expect(TransactionKey.server(for: ack) == key, "the ACK of a failure matches the INVITE transaction")
        let cancel = TransactionFixtures.request(.cancel)
        #expect(TransactionKey.server(for: cancel) != key && TransactionKey.server(for: cancel)?.branch == key.branch)
        #expect(TransactionKey.cancelled(by: cancel) == key, "a CANCEL finds the INVITE it cancels")
        #expect(TransactionKey.cancelled(by: invite) == nil)
        var shouting = invite
        shouting.headers.via[0].host = .name("PC33.ATLANTA.EXAMPLE")
        #expect(TransactionKey.server(for: shouting) == key, "sent-by compares case-insensitively")
        let response = TransactionFixtures.response(180, to: invite)
        #expect(TransactionKey.client(for: response) == TransactionKey.client(for: invite))
        let legacy = TransactionFixtures.request(.invite, branch: "1234")
        #expect(TransactionKey.server(for: legacy)?.branch.hasPrefix("rfc2543|") == true)
        #expect(TransactionKey.server(for: AckBuilder.ack(for: legacy, response: TransactionFixtures.response(486, to: legacy)))
                == TransactionKey.server(for: legacy))
    }
}
