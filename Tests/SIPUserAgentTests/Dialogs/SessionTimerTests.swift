import SIP
import Testing

@Suite struct SessionTimerTests {
    static func request(sessionExpires: String?, minSE: String? = nil, supported: String? = "timer") throws -> SIPRequest {
        var lines = ["INVITE sip:a@198.51.100.1 SIP/2.0", "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK2", "Max-Forwards: 70",
                     "From: <sip:b@192.0.2.1>;tag=f", "To: <sip:a@198.51.100.1>", "Call-ID: t1", "CSeq: 1 INVITE",
                     "Contact: <sip:b@192.0.2.1>"]
        if let sessionExpires { lines.append("Session-Expires: \(sessionExpires)") }
        if let minSE { lines.append("Min-SE: \(minSE)") }
        if let supported { lines.append("Supported: \(supported)") }
        return try SIPParser().parse(datagram: Array((lines.joined(separator: "\r\n") + "\r\nContent-Length: 0\r\n\r\n").utf8)).request!
    }

    let policy = SessionTimerPolicy(minimumInterval: 120, maximumInterval: 1800)

    @Test func anIntervalBelowOurMinimumIsRefusedWith422() throws {
        #expect(policy.answer(try Self.request(sessionExpires: "100")) == .tooSmall(minSE: 120))
        #expect(policy.answer(try Self.request(sessionExpires: nil)) == .notUsed)
    }

    @Test func theRequestersRefresherIsKeptAndLongIntervalsAreLowered() throws {
        let outcome = policy.answer(try Self.request(sessionExpires: "7200;refresher=uas"))
        #expect(outcome == .agreed(SessionTimer(interval: 1800, refresher: .uas, localRole: .uas), requireTimer: true))
    }

    @Test func theIntervalNeverGoesBelowThePeersMinSE() throws {
        let outcome = policy.answer(try Self.request(sessionExpires: "7200", minSE: "3600"))
        #expect(outcome == .agreed(SessionTimer(interval: 3600, refresher: .uac, localRole: .uas), requireTimer: true))
    }

    @Test func aPeerWithoutTimerSupportMakesUsTheRefresher() throws {
        let outcome = policy.answer(try Self.request(sessionExpires: "600;refresher=uac", supported: nil))
        guard case .agreed(let timer, let requireTimer) = outcome else { Issue.record("\(outcome)"); return }
        #expect(timer.refresher == .uas)
        #expect(timer.weRefresh)
        #expect(!requireTimer)
    }

    @Test func theRefresherRefreshesAtHalfTheIntervalAndExpiresIfTheRefreshFails() {
        var machine = SessionRefreshMachine(timer: SessionTimer(interval: 600, refresher: .uas, localRole: .uas))
        let start = SIPInstant.origin
        #expect(machine.start(at: start) == [.startTimer(at: .milliseconds(300_000))])
        #expect(machine.timerFired(at: .milliseconds(299_999)) == [], "not yet due")
        // interval − min(32, 600/3) = 568 s.
        #expect(machine.timerFired(at: .milliseconds(300_000)) == [.sendRefresh(machine.timer), .startTimer(at: .milliseconds(568_000))])
        #expect(machine.refreshed(at: .milliseconds(300_500)) == [.startTimer(at: .milliseconds(600_500))])
        _ = machine.timerFired(at: .milliseconds(600_500))
        #expect(machine.timerFired(at: .milliseconds(868_500)) == [.expired])
    }

    @Test func theOtherSideExpiresWithoutARefreshAndA422RaisesTheInterval() {
        var machine = SessionRefreshMachine(timer: SessionTimer(interval: 90, refresher: .uac, localRole: .uas))
        // 90 − min(32, 30) = 60 s.
        #expect(machine.start(at: .origin) == [.startTimer(at: .milliseconds(60_000))])
        #expect(machine.timerFired(at: .milliseconds(60_000)) == [.expired])
        var ours = SessionRefreshMachine(timer: SessionTimer(interval: 90, refresher: .uas, localRole: .uas))
        let raised = SessionTimer(interval: 300, refresher: .uas, localRole: .uas)
        #expect(ours.refreshRefused(minSE: 300, at: .origin) == [.sendRefresh(raised)])
        #expect(ours.timer.header.serialized == "300;refresher=uas")
    }
}
