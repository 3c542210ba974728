import Conversation
@testable import Orchestrator
import SwitchboardTesting
import Testing

@Suite struct CallRegistryTests {
    @Test func admitsUpToTheLimitFindsCallsAndForgetsThemWhenTheyEnd() async throws {
        let registry = CallRegistry(maximumCalls: 2)
        let first = CallHarness(callID: "CA1", agentName: "ada")
        let second = CallHarness(callID: "CA2", agentName: "bob")
        try registry.register(first.session)
        #expect(throws: CallRegistryError.duplicateCallID("CA1")) { try registry.register(first.session) }
        try registry.register(second.session)
        #expect(throws: CallRegistryError.full(limit: 2)) { try registry.register(CallHarness(callID: "CA3").session) }
        #expect(registry.count == 2)
        #expect(registry.countsByAgent == ["ada": 1, "bob": 1])
        #expect(registry.session(callID: "CA2") === second.session)
        await first.session.hangUp()
        #expect(registry.count == 1)
        #expect(registry.session(callID: "CA1") == nil)
        try registry.register(CallHarness(callID: "CA4").session)
        #expect(registry.count == 2)
    }

    @Test func aCallThatAlreadyEndedLeavesAtOnce() async throws {
        let registry = CallRegistry(maximumCalls: 1)
        let call = CallHarness()
        await call.session.hangUp()
        try registry.register(call.session)
        #expect(registry.count == 0)
    }

    @Test func drainStopsAdmittingAndWaitsForCallsToEnd() async throws {
        let registry = CallRegistry(maximumCalls: 10)
        let calls = [CallHarness(callID: "CA1"), CallHarness(callID: "CA2")]
        for call in calls { try registry.register(call.session) }
        let clock = VirtualClock()
        let drain = Task { await registry.drain(deadline: .seconds(30), clock: clock) }
        _ = try await clock.sleepRequests.element(0)
        #expect(!registry.isAccepting)
        #expect(throws: CallRegistryError.draining) { try registry.register(CallHarness(callID: "CA3").session) }
        for call in calls { await call.session.hangUp() }
        #expect(await drain.value == DrainReport(endedByThemselves: 2, terminated: 0))
        #expect(clock.pendingSleepers == 0)
    }

    @Test func drainEndsCallsStillLiveAtTheDeadline() async throws {
        let registry = CallRegistry(maximumCalls: 10)
        let leaving = CallHarness(callID: "CA1")
        let staying = CallHarness(callID: "CA2")
        try registry.register(leaving.session)
        try registry.register(staying.session)
        await staying.session.answer()
        let clock = VirtualClock()
        let drain = Task { await registry.drain(deadline: .seconds(30), clock: clock) }
        _ = try await clock.sleepRequests.element(0)
        await leaving.session.hangUp()
        clock.advance(by: .seconds(30))
        #expect(await drain.value == DrainReport(endedByThemselves: 1, terminated: 1))
        #expect(staying.transport.events.items == [.hangUp(.serverShutdown)])
        #expect(try await staying.record().endReason == .serverShutdown)
        #expect(registry.count == 0)
    }
}
