import CSpeexDSP

/// Converts one mono 16-bit stream between two of the supported rates with the speexdsp resampler.
/// Owns the speex state (filter history) of that stream: make one per stream direction, feed it the
/// stream in order, and `reset()` it when the stream restarts (e.g. after a barge-in clear). Not
/// thread-safe; the owner of the call's media path owns it.
///
/// Every 20 ms frame maps to exactly one 20 ms frame at the output rate (all supported rates are
/// multiples of 50 Hz, so no fraction of an output sample is left over), and output is delayed by
/// `outputLatency` samples of filter delay. Equal rates pass samples through untouched.
public final class Resampler {
    /// Filter quality, 0...10 (speex_resampler.h: `SPEEX_RESAMPLER_QUALITY_*`).
    public struct Quality: Sendable, Equatable {
        /// speexdsp quality number.
        public let value: Int32
        public init(_ value: Int32) { self.value = min(10, max(0, value)) }
        /// `SPEEX_RESAMPLER_QUALITY_VOIP` (3): speexdsp's choice for voice calls.
        public static let voip = Quality(3)
        /// `SPEEX_RESAMPLER_QUALITY_DEFAULT` (4).
        public static let standard = Quality(4)
        /// `SPEEX_RESAMPLER_QUALITY_DESKTOP` (5).
        public static let desktop = Quality(5)
    }

    /// Rate of the input stream.
    public let inputRate: SampleRate
    /// Rate of the output stream.
    public let outputRate: SampleRate
    private let state: OpaquePointer?
    /// Float staging for the speex float API: its int API rounds each output sample through a libm
    /// `floor` call, which costs more than the filter at these frame sizes (measured: 3.4 of 5.2 µs).
    private var floatInput: [Float]
    private var floatOutput: [Float]
    /// Input is staged in pieces of at most this many samples (20 ms at 48 kHz).
    static let stagingInputSamples = 960

    /// Creates a resampler from `inputRate` to `outputRate`.
    public init(from inputRate: SampleRate, to outputRate: SampleRate, quality: Quality = .voip) throws(MediaError) {
        self.inputRate = inputRate
        self.outputRate = outputRate
        floatInput = [Float](repeating: 0, count: Self.stagingInputSamples)
        floatOutput = [Float](repeating: 0, count: Self.stagingInputSamples * outputRate.hertz / inputRate.hertz + 2)
        guard inputRate != outputRate else {
            state = nil
            return
        }
        var error: Int32 = 0
        let created = speex_resampler_init(1, spx_uint32_t(inputRate.hertz), spx_uint32_t(outputRate.hertz),
                                           quality.value, &error)
        guard let created, error == 0 else {
            throw MediaError.library("speex_resampler_init \(inputRate.hertz)→\(outputRate.hertz)", code: Int(error))
        }
        state = created
    }

    deinit {
        if let state { speex_resampler_destroy(state) }
    }

    /// Output samples that `inputCount` input samples produce when fed from a frame boundary.
    public func outputCount(forInputCount inputCount: Int) -> Int {
        inputCount * outputRate.hertz / inputRate.hertz
    }

    /// Filter delay, in output samples: a step at input sample 0 shows up around this output sample.
    public var outputLatency: Int {
        guard let state else { return 0 }
        return Int(speex_resampler_get_output_latency(state))
    }

    /// Resamples all of `input` into the start of `output` and returns how many samples were written
    /// (`outputCount(forInputCount:)` when fed whole frames).
    /// - Precondition: `output.count >= outputCount(forInputCount: input.count) + 1`, or exactly
    ///   `outputCount(forInputCount:)` when `input` is a whole number of frames.
    @discardableResult
    public func process(_ input: UnsafeBufferPointer<Int16>, into output: UnsafeMutableBufferPointer<Int16>) -> Int {
        guard let state else {
            precondition(output.count >= input.count, "Resampler output too small")
            _ = output.initialize(fromContentsOf: input)
            return input.count
        }
        var consumed = 0
        var produced = 0
        while consumed < input.count {
            let piece = min(Self.stagingInputSamples, input.count - consumed)
            produced += floatInput.withUnsafeMutableBufferPointer { staged in
                floatOutput.withUnsafeMutableBufferPointer { result in
                    SampleConversion.toFloat(UnsafeBufferPointer(rebasing: input[consumed..<(consumed + piece)]), staged)
                    return resample(state, staged: piece, from: staged, via: result,
                                    into: UnsafeMutableBufferPointer(rebasing: output[produced...]))
                }
            }
            consumed += piece
        }
        return produced
    }

    /// Runs speex over `count` staged samples and writes the rounded, clamped output; returns its length.
    private func resample(_ state: OpaquePointer, staged count: Int, from staged: UnsafeMutableBufferPointer<Float>,
                          via result: UnsafeMutableBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Int16>) -> Int {
        var consumed = 0, produced = 0
        while consumed < count {
            var inputLength = spx_uint32_t(count - consumed)
            var outputLength = spx_uint32_t(result.count)
            speex_resampler_process_float(state, 0, staged.baseAddress! + consumed, &inputLength, result.baseAddress!, &outputLength)
            precondition(inputLength > 0 || outputLength > 0, "speex resampler made no progress")
            precondition(produced + Int(outputLength) <= output.count, "Resampler output too small for \(count) input samples")
            SampleConversion.toInt16(UnsafeBufferPointer(rebasing: result[..<Int(outputLength)]),
                                     UnsafeMutableBufferPointer(rebasing: output[produced...]))
            consumed += Int(inputLength)
            produced += Int(outputLength)
        }
        return produced
    }

    /// Resamples one frame into `output`, reusing its storage.
    /// - Precondition: `input.sampleRate == inputRate`, `output.sampleRate == outputRate`.
    public func process(_ input: AudioFrame, into output: inout AudioFrame) {
        precondition(input.sampleRate == inputRate && output.sampleRate == outputRate, "Resampler rate mismatch")
        let written = input.samples.withUnsafeBufferPointer { source in
            output.samples.withUnsafeMutableBufferPointer { process(source, into: $0) }
        }
        assert(written == output.samples.count, "Resampler produced \(written) of \(output.samples.count) samples")
    }

    /// Clears the filter history, as if the stream started again.
    public func reset() {
        if let state { speex_resampler_reset_mem(state) }
    }
}
