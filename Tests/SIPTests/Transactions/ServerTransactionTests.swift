import SIP
import Testing

@Suite struct ServerTransactionTests {
    let invite = TransactionFixtures.request(.invite)
    let t0 = SIPInstant.seconds(100)

    func at(_ seconds: Double) -> SIPInstant { t0.advanced(by: .milliseconds(Int64(seconds * 1000))) }

    @Test func inviteServerSendsTryingRetransmitsProvisionalsAndRetransmitsTheFailureUntilAck() {
        var transaction = InviteServerTransaction(request: invite, isReliable: false)
        var timers = VirtualTimers()
        let trying = SIPResponse(replyingTo: invite, statusCode: 100)
        #expect(transaction.start(at: t0) == [.sendResponse(trying), .passToTU(.request(invite))])
        #expect(transaction.receive(invite, at: at(0.2)) == [.sendResponse(trying)], "a retransmitted INVITE gets the 100 again")
        let ringing = TransactionFixtures.response(180, to: invite)
        #expect(transaction.respond(ringing, at: at(1)) == [.sendResponse(ringing)])
        #expect(transaction.receive(invite, at: at(1.5)) == [.sendResponse(ringing)])
        let busy = TransactionFixtures.response(486, to: invite)
        let sent = transaction.respond(busy, at: at(2))
        #expect(sent == [.sendResponse(busy), .startTimer(.g, at: at(2.5)), .startTimer(.h, at: at(34))])
        #expect(transaction.state == .completed)
        timers.apply(sent)
        let fires = timers.run(until: at(10)) { transaction.timerFired($0, at: $1) }
        // Timer G: T1, 2·T1, 4·T1, then capped at T2 = 4 s.
        #expect(fires.map(\.at) == [at(2.5), at(3.5), at(5.5), at(9.5)])
        #expect(fires.allSatisfy { $0.timer == .g && $0.actions.first == .sendResponse(busy) })
        #expect(fires.last?.actions.last == .startTimer(.g, at: at(13.5)))
        #expect(transaction.receive(invite, at: at(10)) == [.sendResponse(busy)], "INVITE retransmission in Completed")
        let ack = AckBuilder.ack(for: invite, response: busy)
        let confirmed = transaction.receive(ack, at: at(11))
        #expect(confirmed == [.cancelTimer(.g), .cancelTimer(.h), .startTimer(.i, at: at(16))])
        #expect(transaction.state == .confirmed)
        #expect(transaction.receive(ack, at: at(12)).isEmpty, "ACK retransmissions are absorbed")
        #expect(transaction.timerFired(.g, at: at(13.5)).isEmpty, "a cancelled timer firing late does nothing")
        #expect(transaction.timerFired(.i, at: at(15.9)).isEmpty, "an early fire does nothing")
        #expect(transaction.timerFired(.i, at: at(16)) == [.terminated])
        #expect(transaction.state == .terminated)
    }

    @Test func inviteServerGivesUpWithTimerHWhenNoAckComes() {
        var transaction = InviteServerTransaction(request: invite, isReliable: false)
        var timers = VirtualTimers()
        _ = transaction.start(at: t0)
        timers.apply(transaction.respond(TransactionFixtures.response(503, to: invite), at: t0))
        let fires = timers.run(until: at(100)) { transaction.timerFired($0, at: $1) }
        #expect(fires.filter { $0.timer == .g }.map(\.at) == [0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5].map(at))
        #expect(fires.last?.timer == .h && fires.last?.at == at(32))
        #expect(fires.last?.actions == [.cancelTimer(.g), .timedOut(.h), .terminated])
    }

    @Test func inviteServerOverTCPNeverRetransmits() {
        var transaction = InviteServerTransaction(request: TransactionFixtures.request(.invite, transport: "TCP"), isReliable: true)
        _ = transaction.start(at: t0)
        let busy = TransactionFixtures.response(486, to: transaction.request)
        #expect(transaction.respond(busy, at: t0) == [.sendResponse(busy), .startTimer(.h, at: at(32))])
        #expect(transaction.receive(AckBuilder.ack(for: transaction.request, response: busy), at: at(1))
                == [.cancelTimer(.h), .terminated])
    }

    @Test func inviteServerGoesToAcceptedOn2xxAndAbsorbsRetransmissionsUntilTimerL() {
        var transaction = InviteServerTransaction(request: invite, isReliable: false)
        _ = transaction.start(at: t0, sendTrying: false)
        let ok = TransactionFixtures.response(200, to: invite)
        #expect(transaction.respond(ok, at: at(1)) == [.sendResponse(ok), .startTimer(.l, at: at(33))])
        #expect(transaction.state == .accepted)
        #expect(transaction.receive(invite, at: at(2)).isEmpty, "RFC 6026: INVITE retransmissions are absorbed")
        #expect(transaction.respond(ok, at: at(1.5)) == [.sendResponse(ok)], "the core's 2xx retransmissions pass through")
        #expect(transaction.respond(TransactionFixtures.response(486, to: invite), at: at(2)).isEmpty)
        #expect(transaction.timerFired(.l, at: at(33)) == [.terminated])
    }

    @Test func successRetransmitterResendsThe2xxUntilAckOrGivesUpAfter64T1() {
        let ok = TransactionFixtures.response(200, to: invite)
        var core = SuccessRetransmitter(response: ok, isReliable: false)
        var timers = VirtualTimers()
        timers.apply(core.start(at: t0))
        let fires = timers.run(until: at(8)) { core.timerFired($0, at: $1) }
        #expect(fires.map(\.at) == [at(0.5), at(1.5), at(3.5), at(7.5)])
        #expect(fires.allSatisfy { $0.actions.first == .sendResponse(ok) })
        #expect(core.acknowledged() == [.cancelTimer(.g), .cancelTimer(.h), .terminated])
        #expect(core.acknowledged().isEmpty)

        var unanswered = SuccessRetransmitter(response: ok, isReliable: false)
        var clock = VirtualTimers()
        clock.apply(unanswered.start(at: t0))
        let all = clock.run(until: at(60)) { unanswered.timerFired($0, at: $1) }
        #expect(all.last?.at == at(32) && all.last?.actions == [.cancelTimer(.g), .timedOut(.h), .terminated])
        #expect(unanswered.state == .gaveUp)

        var reliable = SuccessRetransmitter(response: ok, isReliable: true)
        #expect(reliable.start(at: t0) == [.startTimer(.h, at: at(32))])
    }

    @Test func nonInviteServerAbsorbsThenRepeatsTheFinalResponseUntilTimerJ() {
        let bye = TransactionFixtures.request(.bye)
        var transaction = NonInviteServerTransaction(request: bye, isReliable: false)
        #expect(transaction.start(at: t0) == [.passToTU(.request(bye))])
        #expect(transaction.receive(bye, at: at(0.5)).isEmpty, "retransmissions are absorbed while Trying")
        let ok = TransactionFixtures.response(200, to: bye)
        #expect(transaction.respond(ok, at: at(1)) == [.sendResponse(ok), .startTimer(.j, at: at(33))])
        #expect(transaction.receive(bye, at: at(2)) == [.sendResponse(ok)])
        #expect(transaction.respond(TransactionFixtures.response(500, to: bye), at: at(3)).isEmpty)
        #expect(transaction.timerFired(.j, at: at(33)) == [.terminated])

        var provisional = NonInviteServerTransaction(request: bye, isReliable: false)
        _ = provisional.start(at: t0)
        let trying = TransactionFixtures.response(100, to: bye)
        #expect(provisional.respond(trying, at: t0) == [.sendResponse(trying)])
        #expect(provisional.receive(bye, at: at(1)) == [.sendResponse(trying)])

        var reliable = NonInviteServerTransaction(request: bye, isReliable: true)
        _ = reliable.start(at: t0)
        #expect(reliable.respond(ok, at: t0) == [.sendResponse(ok), .terminated])
    }

    @Test func transportFailureEndsTheTransaction() {
        var transaction = InviteServerTransaction(request: invite, isReliable: false)
        _ = transaction.start(at: t0)
        _ = transaction.respond(TransactionFixtures.response(486, to: invite), at: t0)
        #expect(transaction.transportFailed() == [.cancelTimer(.g), .cancelTimer(.h), .terminated])
        #expect(transaction.transportFailed().isEmpty)
    }
}
