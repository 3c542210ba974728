import Conversation
import Foundation
import Orchestrator
import Testing

/// Calls over a real WebSocket from a Python client written from Twilio's documentation.
@Suite(.serialized) struct TwilioMediaStreamEndpointTests {
    @Test func greetingArrivesAsMediaThenMarkAndTheEchoedMarkRecordsTheAgentTurn() async throws {
        let records = RecordingSink()
        let lines = try await TelephonyFixture.parsed(TelephonyFixture.withServer(records: records) { port in
            try await TelephonyFixture.clientLines(port: port, scenarios: ["greet"])
        })
        let marks = lines.filter { $0["event"] as? String == "mark" }
        #expect(marks.count == 1, "\(lines)")
        // The mark comes behind the whole greeting: 40 ms per character of µ-law 8 kHz.
        let greetingBytes = TelephonyFixture.greeting.count * 40 * 8
        #expect(marks.first?["media_before"] as? Int == greetingBytes, "\(lines)")
        let record = try await records.records.element(0)
        #expect(record.timeline.contains {
            if case .agentTurn(let text, let interrupted, _) = $0 { text == TelephonyFixture.greeting && !interrupted } else { false }
        })
        #expect(record.endReason == .callerHungUp)
    }

    @Test func callerSpeechOverTheGreetingClearsItAndItsMarkNeverComes() async throws {
        let records = RecordingSink()
        let lines = try await TelephonyFixture.parsed(TelephonyFixture.withServer(records: records) { port in
            try await TelephonyFixture.clientLines(port: port, scenarios: ["bargein"])
        })
        let clear = lines.first { $0["event"] as? String == "clear" }
        #expect(clear != nil, "\(lines)")
        let greetingBytes = TelephonyFixture.greeting.count * 40 * 8
        // Paced with a small lead: far less than the greeting was sent before the clear.
        #expect((clear?["media_before"] as? Int ?? .max) < greetingBytes, "\(lines)")
        #expect(!lines.contains { $0["event"] as? String == "mark" }, "a mark behind cleared audio came back: \(lines)")
        let record = try await records.records.element(0)
        #expect(record.timeline.contains { if case .bargeIn = $0 { true } else { false } })
    }

    @Test func malformedStreamsEndOnlyTheirOwnCall() async throws {
        let records = RecordingSink()
        let lines = try await TelephonyFixture.parsed(TelephonyFixture.withServer(records: records) { port in
            try await TelephonyFixture.clientLines(port: port, scenarios: ["greet", "media-before-start", "bad-base64", "huge", "abrupt"])
        })
        func closeCode(_ call: String) -> Int? {
            lines.first { $0["call"] as? String == call && $0["event"] as? String == "closed" }?["code"] as? Int
        }
        #expect(closeCode("media-before-start") == 1008, "\(lines)")
        #expect(closeCode("bad-base64") == 1007, "\(lines)")
        #expect(closeCode("huge") == 1009, "\(lines)")
        #expect(lines.contains { $0["call"] as? String == "greet" && $0["event"] as? String == "mark" }, "\(lines)")
        // Every call that started ends with a record: greet, bad-base64, huge, abrupt.
        try await records.records.wait(for: "four records", until: { $0.count >= 4 })
        let reasons = Dictionary(records.records.items.map { ($0.callID, $0.endReason) }) { first, _ in first }
        #expect(reasons["MZbadbase64"] == .transportFailed)
        #expect(reasons["MZgreet"] == .callerHungUp)
        #expect(reasons["MZabrupt"] == .callerHungUp)
    }
}
