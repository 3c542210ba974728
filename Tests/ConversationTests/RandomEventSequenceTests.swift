import Testing
@testable import Conversation

@Suite struct RandomEventSequenceTests {
    static let settings = TurnSettings.testing.with {
        $0.greeting = "Hello there. How can I help?"
        $0.maximumCallDuration = .seconds(40)
        $0.budgets = LatencyBudgets(firstToken: ms(800), firstAudio: ms(600), replyDeadline: .seconds(3))
        $0.noInput = NoInputSettings(timeout: .seconds(4), reprompts: ["Still there?", "Hello?"])
        $0.chunking = ChunkerSettings(firstChunkMinimumLength: 12, maximumChunkLength: 40)
    }

    /// Other corners of the policy space: instant barge-in on one word with a minimum endpoint delay, and
    /// no barge-in at all with an uninterruptible greeting and no budgets.
    static let variants: [String: TurnSettings] = [
        "standard": settings,
        "eager": settings.with {
            $0.bargeIn = BargeInSettings(minimumSpeech: .zero, minimumWords: 1)
            $0.endpointing = EndpointingSettings(minimumDelay: ms(200), maximumDelay: ms(600))
            $0.chunking = ChunkerSettings(firstChunkMinimumLength: nil, maximumChunkLength: 16)
        },
        "stubborn": settings.with {
            $0.bargeIn = BargeInSettings(enabled: false, minimumWords: nil, greetingInterruptible: false)
            $0.budgets = LatencyBudgets(firstToken: nil, firstAudio: nil, replyDeadline: nil)
            $0.noInput.reprompts = []
        },
    ]

    @Test(arguments: ["standard", "eager", "stubborn"], [0, 1] as [UInt64])
    func invariantsHoldOverThousandsOfRandomCalls(variant: String, batch: UInt64) {
        var failures = 0
        for index in 0..<700 {
            let seed = batch * 1_000_000 + UInt64(index)
            var world = RandomCallWorld(seed: seed, settings: Self.variants[variant]!)
            world.run(steps: 250)
            if !world.violations.isEmpty {
                failures += 1
                if failures == 1 {
                    let violations = world.violations.prefix(3).joined(separator: "; ")
                    let trace = world.trace.joined(separator: "\n")
                    Issue.record("\(variant) seed \(seed): \(violations)\n\(trace)")
                }
            }
        }
        #expect(failures == 0)
    }

    /// The generator is only useful if it reaches every ending; a change that stopped it would hide bugs.
    @Test func randomCallsReachEveryWayACallCanEnd() {
        var endings: [CallEndReason: Int] = [:]
        for seed in 0..<400 as Range<UInt64> {
            var world = RandomCallWorld(seed: seed, settings: Self.settings)
            world.run(steps: 250)
            if let reason = world.endReason { endings[reason, default: 0] += 1 }
        }
        #expect(endings.values.reduce(0, +) == 400)
        #expect(Set(endings.keys) == [.callerHungUp, .noInput, .maximumDuration])
    }
}
