@testable import Media

/// Runs a fresh detector over `samples` and returns every reported press.
func detectPresses(_ samples: [Int16], rate: SampleRate = .hz8000,
                   configuration: DTMFDetector.Configuration = .init()) -> [DTMFDetection] {
    var detector = DTMFDetector(sampleRate: rate, configuration: configuration)
    var found: [DTMFDetection] = []
    samples.withUnsafeBufferPointer { detector.process($0) { found.append($0) } }
    return found
}

/// `seconds` of zeros.
func silence(_ seconds: Double, rate: SampleRate = .hz8000) -> [Int16] {
    [Int16](repeating: 0, count: Int(seconds * Double(rate.hertz)))
}

/// Sum of sines (frequency, peak amplitude) lasting `count` samples.
func tones(_ parts: [(Double, Double)], count: Int, rate: SampleRate = .hz8000) -> [Int16] {
    let rendered = parts.map { Signals.sine(frequency: $0.0, amplitude: $0.1, rate: rate.hertz, count: count) }
    return (0..<count).map { index in Signals.clip(rendered.reduce(0.0) { $0 + Double($1[index]) }) }
}

/// Peak amplitude of a sine `dBFS` below full scale.
func amplitude(dBFS: Double) -> Double { 32_767 * pow(10, dBFS / 20) }

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
