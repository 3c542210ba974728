import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct CallSessionExecutorTests {
    @Test func everyTransportProviderAndSinkCallRunsOnTheSessionsExecutorThread() async throws {
        let call = CallHarness(settings: .sessionTesting.with { $0.greeting = "Hello." })
        let loop = call.executor.threadID
        #expect(CurrentThread.id != loop)
        await call.session.answer()
        let greeting = try await call.tts.synthesis(0)
        greeting.audio(.milliseconds(200))
        greeting.done()
        try await call.transport.waitForMark(MarkID(1))
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        let stt = try await call.stt.session(0)
        await call.callerSays("Tell me a story.", on: stt)
        let completion = try await call.llm.completion(0)
        completion.token("Once upon a time. ")
        let sentence = try await call.tts.synthesis(1)
        sentence.audio(.milliseconds(500))
        try await call.transport.waitForMark(MarkID(2))
        await call.speak(frames: 16)
        try await call.transport.waitFor("clear") { $0 == .clear }
        await call.session.hangUp()
        _ = try await call.record()

        #expect(Set(call.transport.threads.items) == [loop])
        #expect(stt.sendThreads == [loop])
        #expect(Set(call.llm.completions.items.map(\.callerThread)) == [loop])
        #expect(Set(call.tts.syntheses.items.map(\.callerThread)) == [loop])
        #expect(Set(call.records.threads.items) == [loop])
    }

    @Test func transportOnTheLoopThreadFeedsFramesWithoutAHop() async throws {
        let call = CallHarness()
        await call.session.answer()
        let stt = try await call.stt.session(0)
        let session = call.session
        // A socket handler on the loop thread calls straight into the session.
        call.executor.execute {
            for _ in 0..<50 { session.assumeIsolated { $0.receive(frame: .quiet) } }
        }
        try await stt.waitForFrames(50)
        #expect(stt.sendThreads == [call.executor.threadID])
    }
}

@Suite struct CallSessionSerialOnlyExecutorTests {
    @Test func executorThatCannotRunTasksStillKeepsTheSessionOnItsThread() async throws {
        let call = CallHarness(serialOnlyExecutor: true)
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.callerSays("Hello?", on: stt)
        let completion = try await call.llm.completion(0)
        completion.token("Hi. ")
        completion.finish()
        let synthesis = try await call.tts.synthesis(0)
        synthesis.audio(.milliseconds(200))
        synthesis.done()
        try await call.transport.waitForMark(MarkID(1))
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        #expect(await call.session.history.entries.last == .agent("Hi.", interrupted: false, toolCalls: []))
        #expect(Set(call.transport.threads.items) == [call.executor.threadID])
        #expect(stt.sendThreads == [call.executor.threadID])
    }
}
