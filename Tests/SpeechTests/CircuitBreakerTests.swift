import Testing
@testable import Speech

/// Instants are `ContinuousClock.Instant`s built from one base, so every test states its times exactly.
@Suite struct CircuitBreakerTests {
    let base = ContinuousClock.Instant.now
    func at(_ seconds: Double) -> ContinuousClock.Instant { base.advanced(by: .milliseconds(Int64(seconds * 1000))) }

    @Test func opensAfterConsecutiveFailuresAndRefusesUntilTheCoolDown() {
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: .init(consecutiveFailureLimit: 3, coolDown: .seconds(30)))
        for second in 0..<2 {
            let allowed1 = breaker.allowsRequest(at: at(Double(second)))
            #expect(allowed1)
            breaker.recordFailure(at: at(Double(second)))
        }
        #expect(breaker.state == .closed)
        breaker.recordFailure(at: at(2))
        #expect(breaker.state == .open(until: at(32)))
        let allowed2 = breaker.allowsRequest(at: at(31.9))
        #expect(!allowed2)
        #expect(!breaker.isAvailable(at: at(31.9)))
        #expect(breaker.isAvailable(at: at(32)))
    }

    @Test func aSuccessResetsTheConsecutiveCount() {
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: .init(consecutiveFailureLimit: 3, minimumOutcomesInWindow: 100))
        breaker.recordFailure(at: at(0))
        breaker.recordFailure(at: at(1))
        breaker.recordSuccess(at: at(2))
        breaker.recordFailure(at: at(3))
        breaker.recordFailure(at: at(4))
        #expect(breaker.state == .closed)
    }

    @Test func halfOpenLetsOneProbeThroughAndItsSuccessCloses() {
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: .init(consecutiveFailureLimit: 1, coolDown: .seconds(10)))
        breaker.recordFailure(at: at(0))
        let allowed3 = breaker.allowsRequest(at: at(10))
        #expect(allowed3)
        #expect(breaker.state == .halfOpen)
        let allowed4 = breaker.allowsRequest(at: at(10.1))
        #expect(!allowed4)  // only one probe at a time
        breaker.recordSuccess(at: at(11))
        #expect(breaker.state == .closed)
        let allowed5 = breaker.allowsRequest(at: at(11))
        #expect(allowed5)
    }

    @Test func aFailedProbeReopensForAnotherCoolDown() {
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: .init(consecutiveFailureLimit: 1, coolDown: .seconds(10)))
        breaker.recordFailure(at: at(0))
        let allowed6 = breaker.allowsRequest(at: at(12))
        #expect(allowed6)
        breaker.recordFailure(at: at(13))
        #expect(breaker.state == .open(until: at(23)))
    }

    @Test func aCancelledProbeFreesItsSlotWithoutCounting() {
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: .init(consecutiveFailureLimit: 1, coolDown: .seconds(10)))
        breaker.recordFailure(at: at(0))
        let allowed7 = breaker.allowsRequest(at: at(10))
        #expect(allowed7)
        breaker.record(.cancelled, at: at(10.5))
        #expect(breaker.state == .halfOpen)
        let allowed8 = breaker.allowsRequest(at: at(10.6))
        #expect(allowed8)
    }

    @Test func opensWhenTheFailureRateOverTheWindowIsTooHigh() {
        let policy = CircuitBreakerPolicy(consecutiveFailureLimit: 100, failureRateLimit: 0.5, window: .seconds(60),
                                          minimumOutcomesInWindow: 10)
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: policy)
        // Alternating success and failure: 50 % failures, but never two failures in a row.
        for index in 0..<9 {
            if index.isMultiple(of: 2) { breaker.recordSuccess(at: at(Double(index))) } else { breaker.recordFailure(at: at(Double(index))) }
        }
        #expect(breaker.state == .closed)  // 9 outcomes: below the minimum
        breaker.recordFailure(at: at(9))
        #expect(breaker.state == .open(until: at(39)))
    }

    @Test func oldOutcomesLeaveTheWindow() {
        let policy = CircuitBreakerPolicy(consecutiveFailureLimit: 100, failureRateLimit: 0.5, window: .seconds(10),
                                          minimumOutcomesInWindow: 4)
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: policy)
        for index in 0..<3 { breaker.recordFailure(at: at(Double(index))) }
        for index in 0..<3 { breaker.recordSuccess(at: at(20 + Double(index))) }
        #expect(breaker.failureRate(at: at(22)) == 0)
        // One failure in four inside the window; counting the three old failures it would be four in seven.
        breaker.recordFailure(at: at(23))
        #expect(breaker.state == .closed)
    }

    @Test func rememberedOutcomesAreBounded() {
        let policy = CircuitBreakerPolicy(consecutiveFailureLimit: 1000, failureRateLimit: 1, window: .seconds(3600),
                                          minimumOutcomesInWindow: 1_000_000, maximumRememberedOutcomes: 8)
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: policy)
        for index in 0..<100 { breaker.recordFailure(at: at(Double(index) / 100)) }
        for index in 0..<8 { breaker.recordSuccess(at: at(1 + Double(index) / 100)) }
        #expect(breaker.failureRate(at: at(2)) == 0)  // the 100 failures were pushed out
    }

    @Test func cancellationIsNotAFailure() {
        var breaker = CircuitBreaker<ContinuousClock.Instant>(policy: .init(consecutiveFailureLimit: 1))
        breaker.record(.cancelled, at: at(0))
        #expect(breaker.state == .closed)
        breaker.record(.auth, at: at(1))
        #expect(breaker.state != .closed)
    }
}
