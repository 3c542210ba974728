import CSpeexDSP

/// Converts a stream of mono 16-bit samples from one rate to another with speexdsp's resampler.
/// Owned by one thread at a time (not copyable; freed when it goes away).
///
/// TODO: switch to Media's `Resampler` once it is merged (it wraps the same library).
struct SpeexResampler: ~Copyable {
    /// speexdsp quality 0…10; 5 is its "VoIP" default (good quality, little CPU).
    static let defaultQuality: Int32 = 5

    let inputRate: Int
    let outputRate: Int
    private let state: OpaquePointer

    /// Nil when speexdsp refuses the rates.
    init?(from inputRate: Int, to outputRate: Int, quality: Int32 = SpeexResampler.defaultQuality) {
        var error: Int32 = 0
        guard inputRate > 0, outputRate > 0,
              let state = speex_resampler_init(1, UInt32(inputRate), UInt32(outputRate), quality, &error),
              error == 0 else { return nil }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.state = state
        speex_resampler_skip_zeros(state)
    }

    deinit {
        speex_resampler_destroy(state)
    }

    /// Resamples `input`, returning every output sample it yields now (the filter keeps a few
    /// samples of history; `flush` returns them at the end).
    mutating func process(_ input: [Int16]) -> [Int16] {
        guard !input.isEmpty else { return [] }
        var output = [Int16](repeating: 0, count: input.count * outputRate / inputRate + 64)
        var consumed = 0
        var produced = 0
        while consumed < input.count {
            var inLength = UInt32(input.count - consumed)
            var outLength = UInt32(output.count - produced)
            input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    _ = speex_resampler_process_int(state, 0, source.baseAddress! + consumed, &inLength,
                                                    target.baseAddress! + produced, &outLength)
                }
            }
            consumed += Int(inLength)
            produced += Int(outLength)
            if produced == output.count { output += [Int16](repeating: 0, count: 256) }
            if inLength == 0 && outLength == 0 { break }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// The samples still inside the filter, pushed out with silence at the end of the stream.
    mutating func flush() -> [Int16] {
        let latency = Int(speex_resampler_get_input_latency(state))
        let tail = process([Int16](repeating: 0, count: latency))
        return tail
    }
}
