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
        for index in 0..<30 { #expect(limiter.record("scanner", at: at(index * 10)) == .allowed) }
        #expect(limiter.record("scanner", at: at(300)) == .banStarted(retryAfter: .seconds(300)))
        #expect(limiter.banRemaining("scanner", at: at(300)) == .seconds(300))
        #expect(limiter.record("scanner", at: at(100_300)) == .banned(retryAfter: .seconds(200)))
        #expect(limiter.record("scanner", at: at(300_299)) == .banned(retryAfter: .milliseconds(1)))
        #expect(limiter.banRemaining("scanner", at: at(300_300)) == nil)
        #expect(limiter.record("scanner", at: at(300_300)) == .allowed)
    }

    @Test func aSteadyRateBelowTheLimitIsNeverRefused() {
        var limiter = SourceRateLimiter<String, Instant>(policy: sipPolicy)
        // 14 requests a second (the bucket refills 15 a second) for ten minutes.
        for index in 0..<(14 * 600) {
            #expect(limiter.record("trunk-like", at: at(index * 1000 / 14)) == .allowed)
        }
    }

    @Test func oneSourcesBanLeavesOtherSourcesAlone() {
        var limiter = SourceRateLimiter<String, Instant>(policy: sipPolicy)
        for _ in 0...30 { _ = limiter.record("flood", at: at(0)) }
        #expect(limiter.banRemaining("flood", at: at(1)) != nil)
        #expect(limiter.record("caller", at: at(1)) == .allowed)
        #expect(limiter.banRemaining("caller", at: at(1)) == nil)
    }

    @Test func withoutABanOnlyTheExcessIsRefusedWithTheTimeToTheNextToken() {
        var limiter = SourceRateLimiter<String, Instant>(policy: RateLimitPolicy(burst: 2, window: .seconds(1)))
        #expect(limiter.record("a", at: at(0)) == .allowed)
        #expect(limiter.record("a", at: at(0)) == .allowed)
        #expect(limiter.record("a", at: at(0)) == .limited(retryAfter: .milliseconds(500)))
        #expect(limiter.record("a", at: at(250)) == .limited(retryAfter: .milliseconds(250)))
        #expect(limiter.record("a", at: at(500)) == .allowed)
        #expect(limiter.record("a", at: at(500)) == .limited(retryAfter: .milliseconds(500)))
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
            if spoofed % 50 == 0 { #expect(!limiter.record(-1, at: at(spoofed / 10)).isAllowed) }
        }
        #expect(limiter.trackedSources == 100)
        #expect(limiter.banRemaining(-1, at: at(9_999)) != nil)
    }

    @Test func aForgottenSourceStartsAgainWithAFullBucket() {
        let policy = RateLimitPolicy(burst: 1, window: .seconds(10), maxTrackedSources: 1)
        var limiter = SourceRateLimiter<String, Instant>(policy: policy)
        #expect(limiter.record("a", at: at(0)) == .allowed)
        #expect(!limiter.record("a", at: at(1)).isAllowed)
        #expect(limiter.record("b", at: at(2)) == .allowed)   // evicts a
        #expect(limiter.record("a", at: at(3)) == .allowed)
    }
}
