#if canImport(Glibc)
import Glibc
#endif
import Agents
import Media
import Net
import Providers
import Speech
import Synchronization
import Testing

/// The network every test shares: one loop (so a session's socket lives on it and `send` from it
/// takes the no-hop path) and one HTTP client.
enum CloudSTTHarness {
    static let group: EventLoopGroup = {
        do { return try EventLoopGroup(loopCount: 1, name: "cloud-stt-test") } catch { fatalError("event loop: \(error)") }
    }()
    static let http: StreamingHTTPClient = {
        do { return try StreamingHTTPClient() } catch { fatalError("http client: \(error)") }
    }()
    static var network: ProviderNetwork { ProviderNetwork(loops: group, http: http) }
    static var loop: EventLoop { group.loops[0] }

    /// A key that must never show up in an error description.
    static let apiKey = "sk-test-4f9b2c81d7e6a5"

    static func config(_ kind: STTProviderKind, baseURL: String, key: String? = apiKey,
                       _ settings: [String: ConfigValue] = [:]) -> STTProviderConfig {
        var all = settings
        all["base_url"] = .string(baseURL)
        return STTProviderConfig(kind: kind, apiKey: key.map { Secret($0) }, settings: all)
    }

    /// A 20 ms frame of a 440 Hz tone (well above the speech threshold); `phase` keeps frames distinct.
    static func speech(_ rate: SampleRate = .hz8000, frame index: Int = 0) -> AudioFrame {
        let count = rate.samplesPerFrame
        let samples = (0..<count).map { sample -> Int16 in
            let t = Double(index * count + sample) / Double(rate.hertz)
            return Int16(8000 * sin(2 * Double.pi * 440 * t))
        }
        return AudioFrame(sampleRate: rate, samples: samples)
    }

    static func speechFrames(_ count: Int, _ rate: SampleRate = .hz8000) -> [AudioFrame] {
        (0..<count).map { speech(rate, frame: $0) }
    }

    /// µ-law bytes of `frames`, as the provider must receive them.
    static func mulaw(_ frames: [AudioFrame]) -> [UInt8] {
        frames.flatMap { $0.samples.map(MuLaw.encode) }
    }

    /// Little-endian 16-bit bytes of `frames`.
    static func linear16(_ frames: [AudioFrame]) -> [UInt8] {
        frames.flatMap { $0.samples.flatMap { sample -> [UInt8] in
            let bits = UInt16(bitPattern: sample)
            return [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8)]
        } }
    }

    /// Sends `frames` from the session's loop thread (the call's own thread in production).
    static func sendOnLoop(_ frames: [AudioFrame], to session: any TranscriptionSession) async throws {
        try await loop.submit {
            for frame in frames { try session.send(frame) }
        }
    }

    /// The error `body` threw, as a `ProviderError`.
    static func openError(_ body: () async throws(ProviderError) -> any TranscriptionSession) async -> ProviderError? {
        do {
            let session = try await body()
            session.cancel()
            return nil
        } catch {
            return error
        }
    }
}

/// Records a session's events from a task of its own, so a test can wait for some while it keeps
/// sending, with a deadline on every wait.
final class TranscriptRecorder: Sendable {
    private struct State: ~Copyable {
        var events: [TranscriptEvent] = []
        var ended = false
        var waiters: [(id: Int, predicate: @Sendable ([TranscriptEvent], Bool) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = []
        var nextID = 0
    }

    private let state = Mutex(State())
    let task: Task<Void, Never>

    init(_ session: any TranscriptionSession) {
        let events = session.events
        let box = Mutex<TranscriptRecorder?>(nil)
        task = Task {
            for await event in events { box.withLock { $0 }?.record(event) }
            box.withLock { $0 }?.finish()
        }
        box.withLock { $0 = self }
    }

    var events: [TranscriptEvent] { state.withLock { $0.events } }
    var ended: Bool { state.withLock { $0.ended } }

    private func record(_ event: TranscriptEvent) { change { $0.events.append(event) } }
    private func finish() { change { $0.ended = true } }

    private func change(_ body: (inout State) -> Void) {
        let ready = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            body(&state)
            let (events, ended) = (state.events, state.ended)
            var ready: [CheckedContinuation<Bool, Never>] = []
            state.waiters.removeAll { waiter in
                guard waiter.predicate(events, ended) else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return ready
        }
        for continuation in ready { continuation.resume(returning: true) }
    }

    /// Waits until `predicate` holds over the events so far and whether the stream ended; false after `seconds`.
    @discardableResult
    func wait(_ seconds: Double = 10, until predicate: @escaping @Sendable ([TranscriptEvent], Bool) -> Bool) async -> Bool {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        let expiry = Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            self?.expire(id)
        }
        defer { expiry.cancel() }
        return await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if predicate(state.events, state.ended) { return true }
                state.waiters.append((id, predicate, continuation))
                return false
            }
            if now { continuation.resume(returning: true) }
        }
    }

    /// Waits for the end of the stream and returns every event.
    func untilEnd(_ seconds: Double = 10) async -> [TranscriptEvent] {
        await wait(seconds) { _, ended in ended }
        return events
    }

    private func expire(_ id: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index).continuation
        }
        waiter?.resume(returning: false)
    }
}

extension [TranscriptEvent] {
    /// The `failed` events.
    var failures: [ProviderError] { compactMap { if case .failed(let error) = $0 { error } else { nil } } }
    /// The texts of the `final` events.
    var finals: [String] { compactMap { if case .final(let text, _) = $0 { text } else { nil } } }
}
