import Conversation
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct CallRecordUsageTests {
    @Test func recordCarriesEachProvidersUsageAndExactCost() async throws {
        let usage = CallUsage()
        let call = CallHarness(usage: usage)
        let llm = usage.meter(layer: .llm, provider: "openai/gpt-4o",
                              prices: UsagePrices(inputTokensPerMillion: 2_500_000, outputTokensPerMillion: 10_000_000))
        let stt = usage.meter(layer: .stt, provider: "deepgram", prices: UsagePrices(audioPerMinute: 4_300))
        let tts = usage.meter(layer: .tts, provider: "espeak")
        llm.countRequest()
        llm.countTokens(TokenUsage(promptTokens: 1_000, completionTokens: 100))
        stt.countRequest()
        stt.countAudio(microseconds: 90_000_000)
        tts.countCharacters(40)
        await call.session.answer()
        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.providerUsage.map(\.provider) == ["deepgram", "openai/gpt-4o", "espeak"])
        #expect(record.providerUsage.map(\.layer) == [.stt, .llm, .tts])
        // 90 s at $0.0043/min = $0.00645; 1 000 × $2.50/M + 100 × $10/M = $0.0035.
        #expect(record.providerUsage[0].cost?.microdollars == 6_450)
        #expect(record.providerUsage[1].cost?.microdollars == 3_500)
        #expect(record.providerUsage[2].cost == nil && record.providerUsage[2].usage.characters == 40)
        #expect(record.totalCost == CostAmount(picodollars: 9_950_000_000))
    }

    @Test func recordCarriesShadowComparisons() async throws {
        let shadows = ShadowReportLog()
        let call = CallHarness(shadowReports: shadows)
        let report = ShadowReport(layer: .stt, primary: ShadowSide(provider: "deepgram", text: "book a table", outcome: .completed),
                                  shadow: ShadowSide(provider: "assemblyai", text: "look a table", outcome: .completed),
                                  wordErrorRate: .between(reference: "book a table", hypothesis: "look a table"))
        shadows.record(report)
        await call.session.hangUp()
        #expect(try await call.record().shadowReports == [report])
    }

    @Test func unmeteredCallHasEmptyUsageAndZeroCost() async throws {
        let call = CallHarness()
        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.providerUsage.isEmpty && record.shadowReports.isEmpty && record.totalCost == .zero)
    }
}
