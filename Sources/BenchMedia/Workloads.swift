import BenchSupport
import Media

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inputs and per-frame pipelines the benchmark times. Everything is allocated here, up front; the
/// timed closures only reuse it.
final class Workloads {
    static let seconds = 10
    let speech8k: [AudioFrame]
    let speech16k: [AudioFrame]
    let codes: [[UInt8]]
    var checksum = 0  // folded from every output so the optimizer keeps the work

    init() {
        speech8k = Workloads.frames(Workloads.voiced(rate: 8_000), rate: .hz8000)
        speech16k = Workloads.frames(Workloads.voiced(rate: 16_000), rate: .hz16000)
        var codes: [UInt8] = []
        self.codes = speech8k.map { frame in
            MuLaw.encode(frame, into: &codes)
            return codes
        }
    }

    /// A voiced, speech-like signal: 120–160 Hz harmonics with a 4 Hz syllable envelope, -20 dBFS-ish.
    static func voiced(rate: Int) -> [Int16] {
        (0..<(rate * seconds)).map { index in
            let t = Double(index) / Double(rate)
            let f0 = 140 + 20 * sin(2 * Double.pi * 0.5 * t)
            var value = 0.0
            for harmonic in 1...12 where Double(harmonic) * f0 < Double(rate) / 2 {
                value += sin(2 * Double.pi * f0 * Double(harmonic) * t) / Double(harmonic)
            }
            return Int16(3_000 * value * max(0, 0.3 + 0.7 * sin(2 * Double.pi * 4 * t)))
        }
    }

    static func frames(_ samples: [Int16], rate: SampleRate) -> [AudioFrame] {
        stride(from: 0, to: samples.count, by: rate.samplesPerFrame).map {
            AudioFrame(sampleRate: rate, samples: Array(samples[$0..<($0 + rate.samplesPerFrame)]))
        }
    }
}

/// The inbound/outbound telephony path of one call for one frame: 8 kHz µ-law in → 16 kHz for VAD
/// (and an STT provider) → back to 8 kHz → µ-law out.
final class TelephonyChain {
    let up: Resampler
    let down: Resampler
    var vad = VoiceActivityDetector(energy: .init())
    var narrow = AudioFrame.silence(.hz8000)
    var wide = AudioFrame.silence(.hz16000)
    var back = AudioFrame.silence(.hz8000)
    var out: [UInt8] = []
    var edges = 0

    init() throws {
        up = try Resampler(from: .hz8000, to: .hz16000)
        down = try Resampler(from: .hz16000, to: .hz8000)
        out.reserveCapacity(160)
    }

    func run(_ codes: [UInt8]) {
        MuLaw.decode(codes, into: &narrow)
        up.process(narrow, into: &wide)
        if vad.process(wide) != nil { edges += 1 }
        down.process(wide, into: &back)
        MuLaw.encode(back, into: &out)
    }
}
