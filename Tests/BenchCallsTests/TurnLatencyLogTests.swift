import Testing
@testable import switchboard_bench_calls

@Suite struct TurnLatencyLogTests {
    static let line = #"2026-11-30T14:00:00+0000 debug switchboard: call=MZbench3 overhead_ms=[0.0, 0.012] "#
        + #"provider_wait_ms=[650.5, 701.25] voice_to_voice_ms=[650.5, 701.262] call turn latencies"#

    @Test func readsEveryListOfEveryCallRecord() {
        let text = Self.line + "\nunrelated line voice_to_voice_ms=[9.0]\n" + Self.line.replacing("650.5", with: "1.5")
        let log = TurnLatencyLog(parsing: Substring(text))
        #expect(log.records == 2)
        #expect(log.voiceToVoice == [650.5, 701.262, 1.5, 701.262])
        #expect(log.providerWait == [650.5, 701.25, 1.5, 701.25])
        #expect(log.overhead == [0.0, 0.012, 0.0, 0.012])
    }

    @Test func emptyOrMissingListsGiveNoValues() {
        #expect(TurnLatencyLog.values("overhead_ms", in: "call turn latencies overhead_ms=[]") == [])
        #expect(TurnLatencyLog.values("overhead_ms", in: "call turn latencies") == [])
        #expect(TurnLatencyLog.values("overhead_ms", in: "overhead_ms=[1.0, x, 2.0") == [])
        #expect(TurnLatencyLog.values("overhead_ms", in: "overhead_ms=[1.0, x, 2.0]") == [1.0, 2.0])
    }
}
