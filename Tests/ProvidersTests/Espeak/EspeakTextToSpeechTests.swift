import Foundation
import Media
import Speech
import Synchronization
import Testing
@testable import Providers

@Suite struct EspeakTextToSpeechTests {
    static let sentence = "Hello, thanks for calling Acme Dental. How can I help?"
    /// About two minutes of speech: far more than the pipe and the mailbox hold together.
    static let longText = Array(repeating: "This is a long sentence that keeps the synthesizer busy for a while.",
                                count: 40).joined(separator: " ")

    private func request(_ text: String, rate: SampleRate, encoding: AudioEncoding = .linear16,
                         voice: String = "") -> SynthesisRequest {
        SynthesisRequest(text: text, voice: voice, format: AudioFormat(encoding: encoding, sampleRate: rate))
    }

    private func chunks(_ events: [SynthesisEvent]) -> [AudioChunk] {
        events.compactMap { if case .audio(let chunk) = $0 { chunk } else { nil } }
    }

    @Test(arguments: [SampleRate.hz8000, .hz16000])
    func producesSpeechOfEspeaksLengthAndLevelAtTheRequestedRate(rate: SampleRate) async throws {
        let tts = EspeakTextToSpeech()
        let events = try await withTimeout { await collect(tts.synthesize(request(Self.sentence, rate: rate))) }
        #expect(events.last == .done)
        let audio = chunks(events)
        #expect(audio.allSatisfy { $0.format == AudioFormat(encoding: .linear16, sampleRate: rate) })
        let samples = AudioMeasures.samples(of: audio)
        let reference = Double(Tools.espeakSampleCount(try Tools.espeakWAV(Self.sentence))) / 22_050
        let seconds = Double(samples.count) / Double(rate.hertz)
        #expect(abs(seconds - reference) < 0.02, "\(seconds) s of audio, espeak-ng alone makes \(reference) s")
        #expect(seconds > 1.5)
        let level = AudioMeasures.rms(samples)
        #expect(level > 1_000 && level < 20_000, "RMS \(level)")
    }

    @Test func chunksHaveTheConfiguredLengthExceptTheLast() async throws {
        let tts = EspeakTextToSpeech(configuration: .init(chunkDuration: .milliseconds(120)))
        let events = try await withTimeout { await collect(tts.synthesize(request(Self.sentence, rate: .hz16000))) }
        let audio = chunks(events)
        #expect(audio.count > 5)
        #expect(audio.dropLast().allSatisfy { $0.bytes.count == 16_000 * 120 / 1000 * 2 })
        #expect(audio.last!.bytes.count <= 16_000 * 120 / 1000 * 2 && audio.last!.bytes.count > 0)
    }

    @Test func firstChunkArrivesWhileEspeakIsStillRunning() async throws {
        let life = ProcessLife()
        let tts = EspeakTextToSpeech(configuration: .init(), hooks: life.hooks)
        let (pid, stillRunning, rest) = try await withTimeout {
            var iterator = tts.synthesize(request(Self.longText, rate: .hz16000)).makeAsyncIterator()
            guard case .audio? = await iterator.next() else { throw Tools.Failed(description: "no first chunk") }
            let pid = try #require(life.pid)
            let running = !life.isReaped && kill(pid, 0) == 0
            var rest: [SynthesisEvent] = []
            while let event = await iterator.next() { rest.append(event) }
            return (pid, running, rest)
        }
        #expect(stillRunning, "espeak-ng \(pid) had already ended when the first chunk arrived")
        #expect(rest.last == .done)
        let seconds = Double(AudioMeasures.samples(of: chunks(rest)).count) / 16_000
        #expect(seconds > 60, "a long text gave only \(seconds) s")
    }

    @Test func cancellingKillsAndReapsTheProcess() async throws {
        let life = ProcessLife()
        let tts = EspeakTextToSpeech(configuration: .init(), hooks: life.hooks)
        let stream = tts.synthesize(request(Self.longText, rate: .hz8000))
        let consumer = Task {
            var seen: [SynthesisEvent] = []
            for await event in stream {
                seen.append(event)
                withUnsafeCurrentTask { $0?.cancel() }
            }
            return seen
        }
        let seen = try await withTimeout { await consumer.value }
        #expect(seen.count == 1, "events after cancelling: \(seen.count - 1)")
        let (pid, termination) = try await withTimeout(.seconds(60), "reaping") { await life.reaped() }
        #expect(termination == .signalled(SIGKILL))
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "espeak-ng \(pid) is still there (running or a zombie)")
    }

    @Test func droppingTheStreamKillsTheProcess() async throws {
        let life = ProcessLife()
        let tts = EspeakTextToSpeech(configuration: .init(), hooks: life.hooks)
        try await withTimeout {
            var iterator: AsyncStream<SynthesisEvent>.Iterator? = tts.synthesize(request(Self.longText, rate: .hz8000))
                .makeAsyncIterator()
            _ = await iterator?.next()
            iterator = nil
        }
        let (pid, termination) = try await withTimeout(.seconds(60), "reaping") { await life.reaped() }
        #expect(termination == .signalled(SIGKILL))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    @Test func missingProgramIsABadRequestThatSaysSo() async throws {
        let tts = EspeakTextToSpeech(configuration: .init(executable: "espeak-ng-not-installed-here"))
        let events = try await withTimeout { await collect(tts.synthesize(request("hello", rate: .hz8000))) }
        guard events.count == 1, case .failed(.badRequest(let detail)) = events[0] else {
            Issue.record("expected one badRequest, got \(events)")
            return
        }
        #expect(detail.contains("not installed"))
    }

    @Test func unknownVoiceIsABadRequestWithEspeaksMessage() async throws {
        let events = try await withTimeout {
            await collect(EspeakTextToSpeech().synthesize(request("hello", rate: .hz8000, voice: "xx-nonexistent")))
        }
        guard events.count == 1, case .failed(.badRequest(let detail)) = events[0] else {
            Issue.record("expected one badRequest, got \(events)")
            return
        }
        #expect(detail.contains("status 1") && detail.contains("voice"), "\(detail)")
    }

    @Test func outputThatIsNotWAVIsMalformed() async throws {
        let tts = EspeakTextToSpeech(configuration: .init(executable: "echo"))
        let events = try await withTimeout { await collect(tts.synthesize(request("hello", rate: .hz8000))) }
        guard events.count == 1, case .failed(.malformedResponse) = events[0] else {
            Issue.record("expected one malformedResponse, got \(events)")
            return
        }
    }

    @Test func silentChildTimesOutAndIsKilled() async throws {
        let script = try TemporaryScript("#!/bin/sh\nexec sleep 60\n")
        let life = ProcessLife()
        let tts = EspeakTextToSpeech(configuration: .init(executable: script.path, stallTimeout: .milliseconds(300)),
                                     hooks: life.hooks)
        let events = try await withTimeout { await collect(tts.synthesize(request("hello", rate: .hz8000))) }
        #expect(events == [.failed(.timeout(.firstResponse))])
        let (_, termination) = try await withTimeout(.seconds(60), "reaping") { await life.reaped() }
        #expect(termination == .signalled(SIGKILL))
    }

    @Test func otherEncodingsAndOverlongTextAreRefused() async throws {
        let tts = EspeakTextToSpeech(configuration: .init(maximumTextLength: 10))
        let mulaw = try await withTimeout { await collect(tts.synthesize(request("hi", rate: .hz8000, encoding: .mulaw))) }
        let long = try await withTimeout { await collect(tts.synthesize(request("far too long a text", rate: .hz8000))) }
        for events in [mulaw, long] {
            guard events.count == 1, case .failed(.badRequest) = events[0] else {
                Issue.record("expected one badRequest, got \(events)")
                continue
            }
        }
    }

    @Test func settingsAndVoiceConfigureTheCommand() throws {
        let configuration = EspeakTextToSpeech.Configuration(
            settings: .init(kind: .espeak, settings: ["voice": .string("en-gb"), "chunk_ms": .int(5000), "pitch": .int(70)]),
            voice: .init(name: "ignored", speakingRate: 1.2))
        #expect(configuration.defaultVoice == "en-gb")
        #expect(configuration.wordsPerMinute == 210)
        #expect(configuration.chunkDuration == .milliseconds(1000))
        let command = try EspeakCommand.make(text: "-v is spoken", voice: "en-gb", wordsPerMinute: 999, pitch: 70,
                                             executable: "espeak-ng").get()
        #expect(command.arguments == ["--stdout", "-v", "en-gb", "-s", "450", "-p", "70", "--", "-v is spoken"])
        #expect(throws: ProviderError.self) {
            try EspeakCommand.make(text: "x", voice: "--help", wordsPerMinute: 175, pitch: nil, executable: "e").get()
        }
    }
}

/// Records the espeak-ng child's pid and its reaping, for tests that check no process is left behind.
final class ProcessLife: Sendable {
    private struct State {
        var pid: pid_t?
        var reaped: (pid_t, ChildProcess.Termination)?
        var waiter: CheckedContinuation<(pid_t, ChildProcess.Termination), Never>?
    }

    private let state = Mutex(State())

    var pid: pid_t? { state.withLock { $0.pid } }
    var isReaped: Bool { state.withLock { $0.reaped != nil } }

    var hooks: ProcessHooks {
        ProcessHooks(spawned: { pid in self.state.withLock { $0.pid = pid } },
                     reaped: { pid, termination in
                         let waiter = self.state.withLock { state in
                             state.reaped = (pid, termination)
                             defer { state.waiter = nil }
                             return state.waiter
                         }
                         waiter?.resume(returning: (pid, termination))
                     })
    }

    /// Waits until the child has been reaped.
    func reaped() async -> (pid_t, ChildProcess.Termination) {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.reaped == nil { state.waiter = continuation }
                return state.reaped
            }
            if let done { continuation.resume(returning: done) }
        }
    }
}

/// An executable shell script in a temporary folder, removed when the value goes away.
final class TemporaryScript {
    let path: String

    /// Written through a close-on-exec descriptor: a child spawned meanwhile must not keep the file open
    /// for writing, or running it fails with ETXTBSY.
    init(_ text: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("script-\(UUID().uuidString).sh").path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw Tools.Failed(description: "cannot create \(path)") }
        let bytes = Array(text.utf8)
        let written = write(fd, bytes, bytes.count)
        close(fd)
        guard written == bytes.count else { throw Tools.Failed(description: "cannot write \(path)") }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
