import Speech
import SwitchboardTesting
import Testing

@Suite struct ShadowTextToSpeechTests {
    let reports = ObservationLog<ShadowReport>()
    let request = SynthesisRequest(text: "Your table is booked.", voice: "v", format: .telephony)

    @Test func shadowSynthesizesSameTextButCallerHearsOnlyPrimary() async throws {
        let primary = FakeTextToSpeech(name: "primary", behavior: .immediate(perCharacter: .milliseconds(10)))
        let shadow = FakeTextToSpeech(name: "shadow", behavior: .immediate(perCharacter: .milliseconds(20)))
        let tts = ShadowTextToSpeech(primary: primary, shadow: shadow, observer: { [reports] in reports.append($0) })
        var chunks: [AudioChunk] = []
        for await event in tts.synthesize(request) {
            if case .audio(let chunk) = event { chunks.append(chunk) }
        }
        let primaryFill = try await primary.synthesis(0).fill
        #expect(chunks.count == 1 && chunks.allSatisfy { $0.bytes.allSatisfy { $0 == primaryFill } })
        #expect(try await shadow.synthesis(0).request == request)
        let report = try await reports.element(0)
        #expect(report.layer == .tts)
        #expect(report.primary.audio == .milliseconds(210) && report.shadow.audio == .milliseconds(420))
        #expect(report.shadow.outcome == .completed && report.wordErrorRate == nil)
    }

    @Test func failingShadowNeverReachesCaller() async throws {
        let primary = FakeTextToSpeech(name: "primary", behavior: .immediate(perCharacter: .milliseconds(10)))
        let shadow = FakeTextToSpeech(name: "shadow", behavior: .failing(.overloaded))
        let tts = ShadowTextToSpeech(primary: primary, shadow: shadow, observer: { [reports] in reports.append($0) })
        var events: [SynthesisEvent] = []
        for await event in tts.synthesize(request) { events.append(event) }
        #expect(events.count == 2 && events.last == .done)
        #expect(try await reports.element(0).shadow.outcome == .failed(.overloaded))
        #expect(tts.name == "primary")
    }

    @Test func bargeInCancelsPrimaryAndShadow() async throws {
        let primary = FakeTextToSpeech(name: "primary")
        let shadow = FakeTextToSpeech(name: "shadow")
        let tts = ShadowTextToSpeech(primary: primary, shadow: shadow, observer: { [reports] in reports.append($0) })
        let stream = tts.synthesize(request)
        let task = Task { for await _ in stream {} }
        let first = try await primary.synthesis(0)
        first.audio(.milliseconds(40))
        task.cancel()
        try await first.waitUntilCancelled()
        try await shadow.synthesis(0).waitUntilCancelled()
        #expect(try await reports.element(0).primary.outcome == .cancelled)
    }
}
