import Foundation
@testable import Media

/// Encodes and decodes whole signals through `Opus`, frame by frame, for the Opus tests.
struct OpusRoundTrip {
    let rate: SampleRate
    let encoder: Opus.Encoder
    let input: [Int16]
    let packets: [[UInt8]]

    init(rate: SampleRate, input: [Int16], configuration: Opus.Encoder.Configuration) throws {
        self.rate = rate
        self.input = input
        encoder = try Opus.Encoder(sampleRate: rate, configuration: configuration)
        var packet: [UInt8] = []
        var packets: [[UInt8]] = []
        for frame in Signals.frames(input, rate: rate) {
            try encoder.encode(frame, into: &packet)
            packets.append(packet)
        }
        self.packets = packets
    }

    enum LossHandling { case concealment, forwardErrorCorrection }

    /// Decodes every packet, treating the frames in `lost` as never received.
    func decode(losing lost: Set<Int> = [], handling: LossHandling = .concealment) throws -> [Int16] {
        let decoder = try Opus.Decoder(sampleRate: rate)
        var frame = AudioFrame.silence(rate)
        var output: [Int16] = []
        for (index, packet) in packets.enumerated() {
            if !lost.contains(index) {
                try decoder.decode(packet, into: &frame)
            } else if handling == .forwardErrorCorrection, index + 1 < packets.count {
                try decoder.recoverLoss(usingNext: packets[index + 1], into: &frame)
            } else {
                try decoder.concealLoss(into: &frame)
            }
            output += frame.samples
        }
        return output
    }

    /// Waveform SNR in dB of `output` (delayed by `lag`) against the input, over the given input ranges.
    func snr(_ output: [Int16], lag: Int, over ranges: [Range<Int>]) -> Double {
        var signal = 0.0, error = 0.0
        for range in ranges {
            for index in range where index + lag < output.count {
                let x = Double(input[index]), y = Double(output[index + lag])
                signal += x * x
                error += (x - y) * (x - y)
            }
        }
        return 10 * log10(signal / error)
    }

    /// The delay (samples) in `candidates` that maximises SNR over `ranges`.
    func bestLag(_ output: [Int16], candidates: ClosedRange<Int>, over ranges: [Range<Int>]) -> (lag: Int, snr: Double) {
        candidates.map { (lag: $0, snr: snr(output, lag: $0, over: ranges)) }.max { $0.snr < $1.snr }!
    }
}
