import Speech
import Synchronization

/// One sentence's context on a Cartesia socket: where its audio goes (the run) and how it ends.
final class CartesiaContext: Sendable {
    let id: String
    let run: SynthesisRun
    /// The terminal event, set by the socket's reader (done, error, connection lost) or by a failed send.
    let outcome = OneShot<SynthesisEvent>()
    /// The socket connection this context was sent on (its generation), to fail only those contexts.
    let generation: Int
    /// A trailing odd byte of L16 audio waiting for its partner in the next chunk.
    private let carry = Mutex<[UInt8]>([])

    init(id: String, run: SynthesisRun, generation: Int) {
        self.id = id
        self.run = run
        self.generation = generation
    }

    /// Hands whole samples of `audio` to the run; false once the run is over.
    func deliver(_ audio: [UInt8]) -> Bool {
        let sampleBytes = run.format.encoding.bytesPerSample
        let whole = carry.withLock { carry -> [UInt8] in
            guard sampleBytes > 1 else { return audio }
            var joined = carry + audio
            let usable = joined.count - joined.count % sampleBytes
            carry = Array(joined[usable...])
            joined.removeSubrange(usable...)
            return joined
        }
        return run.deliver(whole)
    }
}
