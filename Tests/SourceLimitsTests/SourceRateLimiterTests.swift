import SourceLimits
import SwitchboardTesting
import Testing

@Suite struct SourceRateLimiterTests {
    typealias Instant = VirtualClock.Instant
    /// robustness.md: more than 30 requests in 2 s bans the source for 300 s (Kamailio's stock pike).
    let sipPolicy = RateLimitPolicy(burst: 30, window: .seconds(2), banDuration: .seconds(300))

    func at(_ milliseconds: Int) -> Instant { Instant(offset: .milliseconds(milliseconds)) }

    @Test func thirtyFirstRequestInTwoSecondsStartsABanThatRefusesUntilItEnds() {
        var limiter = SourceRateLimiter<String, Instant>(policy: sipPolicy)
        for index in 0..<30 { let verdict = limiter.record("scanner", at: at(index)); #expect(verdict == .allowed) }
        do { let verdict = limiter.record("scanner", at: at(30)); #expect(verdict == .banStarted(retryAfter: .seconds(300))) }
        #expect(limiter.banRemaining("scanner", at: at(30)) == .seconds(300))
        do { let verdict = limiter.record("scanner", at: at(100_030)); #expect(verdict == .banned(retryAfter: .seconds(200))) }
        do { let verdict = limiter.record("scanner", at: at(300_029)); #expect(verdict == .banned(retryAfter: .milliseconds(1))) }
        #expect(limiter.banRemaining("scanner", at: at(300_030)) == nil)
        do { let verdict = limiter.record("scanner", at: at(300_030)); #expect(verdict == .allowed) }
    }

    @Test func aSteadyRateBelowTheLimitIsNeverRefused() {
        var limiter = SourceRateLimiter<String, Instant>(policy: sipPolicy)
        // 14 requests a second (the bucket refills 15 a second) for ten minutes.
        for index in 0..<(14 * 600) {
            do { let verdict = limiter.record("trunk-like", at: at(index * 1000 / 14)); #expect(verdict == .allowed) }
        }
    }

    @Test func oneSourcesBanLeavesOtherSourcesAlone() {
        var limiter = SourceRateLimiter<String, Instant>(policy: sipPolicy)
        for _ in 0...30 { _ = limiter.record("flood", at: at(0)) }
        #expect(limiter.banRemaining("flood", at: at(1)) != nil)
        do { let verdict = limiter.record("caller", at: at(1)); #expect(verdict == .allowed) }
        #expect(limiter.banRemaining("caller", at: at(1)) == nil)
    }

    @Test func withoutABanOnlyTheExcessIsRefusedWithTheTimeToTheNextToken() {
        var limiter = SourceRateLimiter<String, Instant>(policy: RateLimitPolicy(burst: 2, window: .seconds(1)))
        do { let verdict = limiter.record("a", at: at(0)); #expect(verdict == .allowed) }
        do { let verdict = limiter.record("a", at: at(0)); #expect(verdict == .allowed) }
        do { let verdict = limiter.record("a", at: at(0)); #expect(verdict == .limited(retryAfter: .milliseconds(500))) }
        do { let verdict = limiter.record("a", at: at(250)); #expect(verdict == .limited(retryAfter: .milliseconds(250))) }
        do { let verdict = limiter.record("a", at: at(500)); #expect(verdict == .allowed) }
        do { let verdict = limiter.record("a", at: at(500)); #expect(verdict == .limited(retryAfter: .milliseconds(500))) }
        #expect(limiter.banRemaining("a", at: at(500)) == nil)
    }

    @Test func aSpoofedSourceFloodKeepsMemoryBoundedAndAnActiveBanInPlace() {
        let policy = RateLimitPolicy(burst: 3, window: .seconds(1), banDuration: .seconds(60), maxTrackedSources: 100)
        var limiter = SourceRateLimiter<Int, Instant>(policy: policy)
        for _ in 0...3 { _ = limiter.record(-1, at: at(0)) }
        #expect(limiter.banRemaining(-1, at: at(0)) == .seconds(60))
        for spoofed in 0..<100_000 {
            _ = limiter.record(spoofed, at: at(spoofed / 10))
            // The banned attacker keeps sending: every packet keeps its entry fresh.
            if spoofed % 50 == 0 { let verdict = limiter.record(-1, at: at(spoofed / 10)); #expect(!verdict.isAllowed) }
        }
        #expect(limiter.trackedSources == 100)
        #expect(limiter.banRemaining(-1, at: at(9_999)) != nil)
    }

    @Test func aForgottenSourceStartsAgainWithAFullBucket() {
        let policy = RateLimitPolicy(burst: 1, window: .seconds(10), maxTrackedSources: 1)
        var limiter = SourceRateLimiter<String, Instant>(policy: policy)
        do { let verdict = limiter.record("a", at: at(0)); #expect(verdict == .allowed) }
        do { let verdict = limiter.record("a", at: at(1)); #expect(!verdict.isAllowed) }
        do { let verdict = limiter.record("b", at: at(2)); #expect(verdict == .allowed) }   // evicts a
        do { let verdict = limiter.record("a", at: at(3)); #expect(verdict == .allowed) }
    }
}
