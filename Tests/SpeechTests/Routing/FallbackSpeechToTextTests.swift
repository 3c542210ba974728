import Media
import Speech
import SwitchboardTesting
import Testing

@Suite("FallbackSpeechToText")
struct FallbackSpeechToTextTests {
    let request = TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz8000))

    func frame(_ mark: Int16) -> AudioFrame {
        AudioFrame(sampleRate: .hz8000, samples: [Int16](repeating: mark, count: SampleRate.hz8000.samplesPerFrame))
    }

    func router(_ world: RoutingWorld, _ providers: [FakeSpeechToText]) -> FallbackSpeechToText {
        FallbackSpeechToText(providers: providers.map { ($0, world.breaker($0.name)) }, clock: world.routingClock,
                             observer: world.observer)
    }

    @Test func failoverReplaysTheCallersAudioSinceTheLastFinalSoNoWordIsLost() async throws {
        let world = RoutingWorld()
        let primary = FakeSpeechToText(name: "primary")
        let fallback = FakeSpeechToText(name: "fallback")
        let session = try await router(world, [primary, fallback]).openSession(request)
        let recorder = StreamRecorder(session.events)
        let first = try await primary.session(0)

        for mark: Int16 in [1, 1, 0] { try session.send(frame(mark)) }
        try await first.waitForFrames(3)
        first.emitFinalOfReceivedAudio()
        try await recorder.events.wait(for: "first final") { $0.count == 1 }
        for mark: Int16 in [2, 3] { try session.send(frame(mark)) }
        try await first.waitForFrames(5)
        first.emit(.failed(.connectionLost))

        let second = try await fallback.session(0)
        try await second.waitForFrames(2)
        try session.send(frame(4))
        try await second.waitForFrames(3)
        #expect(second.frameMarks.items == [2, 3, 4], "only the audio since the last final is replayed, in order")
        second.emitFinalOfReceivedAudio()
        try await recorder.events.wait(for: "second final") { $0.count == 2 }
        session.cancel()

        let events = try await recorder.all()
        #expect(events == [.final("w1", confidence: nil), .final("w2 w3 w4", confidence: nil)])
        #expect(world.observer.entries.items.contains(
            .failedOver(.speechToText, from: "primary", to: "fallback", error: .connectionLost, midStream: true)))
    }

    @Test func aFallbackWithAReplayLimitIsSentOnlyTheNewestAudio() async throws {
        let world = RoutingWorld()
        let primary = FakeSpeechToText(name: "primary")
        let fallback = FakeSpeechToText(name: "fallback", replayLimit: .milliseconds(40))
        let session = try await router(world, [primary, fallback]).openSession(request)
        let first = try await primary.session(0)

        for mark: Int16 in [1, 2, 3, 4] { try session.send(frame(mark)) }
        try await first.waitForFrames(4)
        first.emit(.failed(.connectionLost))

        let second = try await fallback.session(0)
        try await second.waitForFrames(2)
        try session.send(frame(5))
        try await second.waitForFrames(3)
        #expect(second.frameMarks.items == [3, 4, 5], "two 20 ms frames fit the 40 ms replay limit")
        session.cancel()
    }

    @Test func aRefusedFrameFailsOverAndThatFrameStillReachesTheFallback() async throws {
        let world = RoutingWorld()
        let primary = FakeSpeechToText(name: "primary")
        let fallback = FakeSpeechToText(name: "fallback")
        let session = try await router(world, [primary, fallback]).openSession(request)
        let recorder = StreamRecorder(session.events)
        let first = try await primary.session(0)

        try session.send(frame(5))
        first.failSends(with: .connectionLost)
        try session.send(frame(6))

        let second = try await fallback.session(0)
        try await second.waitForFrames(2)
        #expect(second.frameMarks.items == [5, 6])
        second.emitFinalOfReceivedAudio()
        try await recorder.events.wait(for: "final") { !$0.isEmpty }
        #expect(recorder.events.items == [.final("w5 w6", confidence: nil)])
        session.cancel()
    }

    @Test func openingSkipsAProviderThatRefusesAndOpensTheNext() async throws {
        let world = RoutingWorld()
        let primary = FakeSpeechToText(name: "primary")
        primary.failNextOpens([.auth])
        let fallback = FakeSpeechToText(name: "fallback")
        let session = try await router(world, [primary, fallback]).openSession(request)
        try session.send(frame(1))
        try await fallback.session(0).waitForFrames(1)
        #expect(primary.sessions.count == 0)
        session.cancel()
    }

    @Test func everyProviderFailingEndsTheStreamWithFailedAndRefusesFrames() async throws {
        let world = RoutingWorld()
        let primary = FakeSpeechToText(name: "primary")
        let fallback = FakeSpeechToText(name: "fallback")
        fallback.failNextOpens([.overloaded])
        let session = try await router(world, [primary, fallback]).openSession(request)
        let recorder = StreamRecorder(session.events)
        try await primary.session(0).emit(.failed(.timeout(.midStream)))

        #expect(try await recorder.all() == [.failed(.overloaded)])
        #expect(throws: ProviderError.connectionLost) { try session.send(frame(1)) }
    }

    @Test func cancellingTheRoutedSessionCancelsTheProviderSession() async throws {
        let world = RoutingWorld()
        let primary = FakeSpeechToText(name: "primary")
        let session = try await router(world, [primary]).openSession(request)
        let inner = try await primary.session(0)
        session.cancel()
        try await inner.calls.wait(for: "cancel") { $0.contains(.cancel) }
    }
}
