@testable import Media

/// Runs a detector over a whole signal, frame by frame, and collects its edges.
func edges<Classifier>(of samples: [Int16], rate: SampleRate, detector: inout VoiceActivityDetector<Classifier>) -> [VoiceActivityEdge] {
    Signals.frames(samples, rate: rate).compactMap { detector.process($0) }
}

func energyEdges(of samples: [Int16], rate: SampleRate, timing: VoiceActivityTiming = .init(),
                 configuration: EnergySpeechClassifier.Configuration = .init()) -> [VoiceActivityEdge] {
    var detector = VoiceActivityDetector(energy: configuration, timing: timing)
    return edges(of: samples, rate: rate, detector: &detector)
}

/// Level in dBFS (see `AudioLevel`) → RMS in sample units.
func rms(dBFS: Double) -> Double { 32_768 * pow(10, dBFS / 20) }

/// `clean + noise`, clipped.
func mix(_ clean: [Int16], _ noise: [Int16]) -> [Int16] {
    zip(clean, noise).map { Signals.clip(Double($0) + Double($1)) }
}

/// Pairs of (start, end) frame indices from alternating edges.
func segments(_ edges: [VoiceActivityEdge]) -> [(start: Int, end: Int)] {
    stride(from: 0, to: edges.count - 1, by: 2).map { (edges[$0].frameIndex, edges[$0 + 1].frameIndex) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
