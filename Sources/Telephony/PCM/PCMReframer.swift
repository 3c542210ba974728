import Media

/// Cuts 16-bit little-endian PCM of any length into 20 ms `AudioFrame`s at one rate; a partial sample
/// or frame waits for the next message. Pure.
struct PCMReframer {
    let rate: SampleRate
    private var pending: [UInt8] = []

    init(rate: SampleRate) { self.rate = rate }

    mutating func append(_ bytes: [UInt8], _ deliver: (AudioFrame) -> Void) {
        pending += bytes
        let frameBytes = rate.samplesPerFrame * 2
        var start = 0
        while pending.count - start >= frameBytes {
            let samples = (0..<rate.samplesPerFrame).map { index in
                Int16(bitPattern: UInt16(pending[start + 2 * index]) | UInt16(pending[start + 2 * index + 1]) << 8)
            }
            deliver(AudioFrame(sampleRate: rate, samples: samples))
            start += frameBytes
        }
        pending.removeFirst(start)
    }
}
