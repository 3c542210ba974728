import Media
import Speech
import SwitchboardTesting
import Testing

@Suite struct ShadowSpeechToTextTests {
    let primary = FakeSpeechToText(name: "primary")
    let shadow = FakeSpeechToText(name: "shadow")
    let reports = ObservationLog<ShadowReport>()
    let request = TranscriptionRequest(format: .telephony, language: "en-US")
    let frame = AudioFrame.silence(.hz8000)

    func stt(maximumPendingFrames: Int = 250) -> ShadowSpeechToText<ContinuousClock> {
        ShadowSpeechToText(primary: primary, shadow: shadow, policy: ShadowPolicy(maximumPendingFrames: maximumPendingFrames),
                           observer: { [reports] in reports.append($0) })
    }

    @Test func everyFrameIsTeedAndCallerSeesOnlyPrimaryTranscript() async throws {
        let session = try await stt().openSession(request)
        for _ in 0..<5 { try session.send(frame) }
        let primarySession = try await primary.session(0)
        let shadowSession = try await shadow.session(0)
        try await shadowSession.waitForFrames(5)
        for _ in 0..<3 { try session.send(frame) }
        try await shadowSession.waitForFrames(8)
        #expect(primarySession.framesReceived == 8 && shadowSession.request == request)

        shadowSession.emit(.final("look a table for two", confidence: 0.8))
        primarySession.emit(.final("book a table for two", confidence: 0.9))
        session.finishAudio()
        try await shadowSession.calls.wait { $0.contains(.finishAudio) }
        shadowSession.end()
        primarySession.end()
        var events: [TranscriptEvent] = []
        for await event in session.events { events.append(event) }
        #expect(events == [.final("book a table for two", confidence: 0.9)])

        let report = try await reports.element(0)
        #expect(report.primary.text == "book a table for two" && report.shadow.text == "look a table for two")
        #expect(report.wordErrorRate?.rate == 0.2)
        #expect(report.shadow.outcome == .completed && report.primary.outcome == .completed)
        #expect(report.shadow.firstResultLatency != nil)
    }

    @Test func shadowThatCannotOpenLeavesPrimaryUntouched() async throws {
        shadow.failNextOpens([.auth])
        let session = try await stt().openSession(request)
        for _ in 0..<4 { try session.send(frame) }
        let primarySession = try await primary.session(0)
        primarySession.emit(.final("hello", confidence: nil))
        primarySession.end()
        var events: [TranscriptEvent] = []
        for await event in session.events { events.append(event) }
        #expect(events == [.final("hello", confidence: nil)] && primarySession.framesReceived == 4)
        let report = try await reports.element(0)
        #expect(report.shadow.outcome == .failed(.auth) && report.shadow.text.isEmpty)
    }

    @Test func shadowSendFailureDropsShadowOnly() async throws {
        let session = try await stt().openSession(request)
        try session.send(frame)
        let shadowSession = try await shadow.session(0)
        try await shadowSession.waitForFrames(1)
        shadowSession.failSends(with: .connectionLost)
        for _ in 0..<3 { try session.send(frame) }
        #expect(try await primary.session(0).framesReceived == 4)
        try await shadowSession.calls.wait { $0.contains(.cancel) }
        session.cancel()
        #expect(try await reports.element(0).shadow.outcome == .failed(.connectionLost))
    }

    @Test func cancellingSessionCancelsShadow() async throws {
        let session = try await stt().openSession(request)
        try session.send(frame)
        let shadowSession = try await shadow.session(0)
        session.cancel()
        try await shadowSession.calls.wait { $0.contains(.cancel) }
        #expect(try await primary.session(0).cancelCount == 1)
        let report = try await reports.element(0)
        #expect(report.primary.outcome == .cancelled && report.shadow.outcome == .cancelled)
    }

    @Test func droppingEventsStreamCancelsShadow() async throws {
        let session = try await stt().openSession(request)
        let task = Task { for await _ in session.events {} }
        try session.send(frame)
        let shadowSession = try await shadow.session(0)
        task.cancel()
        try await shadowSession.calls.wait { $0.contains(.cancel) }
        try await primary.session(0).ends.wait { $0.contains(.cancelled) }
    }

    @Test func primaryThatFailsToOpenNeverStartsShadow() async throws {
        primary.failNextOpens([.overloaded])
        await #expect(throws: ProviderError.overloaded) { _ = try await stt().openSession(request) }
        #expect(shadow.sessions.count == 0)
    }
}
