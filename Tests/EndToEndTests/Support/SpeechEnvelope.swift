import Foundation

/// The loudness of audio over time, 20 ms per value (RMS in dB, floored), to check that a recording
/// contains a reference rendering of the same speech: the reference's envelope is slid over the
/// recording's and the best normalized cross-correlation (Pearson, −1…1) and its offset are reported.
/// Independent of codec and level (µ-law round trips and resampling keep the envelope's shape).
struct SpeechEnvelope {
    /// 20 ms windows: one G.711 packet.
    static let windowSeconds = 0.02
    /// Windows quieter than this are silence (µ-law idle noise sits far below; espeak speech far above).
    static let silenceFloorDecibels = -50.0

    let decibels: [Double]

    init(samples: [Int16], sampleRate: Int) {
        let window = max(1, Int(Double(sampleRate) * Self.windowSeconds))
        decibels = stride(from: 0, to: samples.count - window + 1, by: window).map { start in
            var sum = 0.0
            for sample in samples[start..<start + window] { sum += Double(sample) * Double(sample) }
            let rms = (sum / Double(window)).squareRoot() / 32768
            return max(Self.silenceFloorDecibels, 20 * log10(max(rms, 1e-9)))
        }
    }

    var seconds: Double { Double(decibels.count) * Self.windowSeconds }

    /// Windows that are speech (above the floor by a margin).
    func isSpeech(_ index: Int) -> Bool { decibels[index] > Self.silenceFloorDecibels + 10 }

    /// Time of the first and last speech window, in seconds, within `range` of windows.
    func speechSpan(in range: Range<Int>? = nil) -> ClosedRange<Double>? {
        let range = range ?? 0..<decibels.count
        guard let first = range.first(where: isSpeech), let last = range.last(where: isSpeech) else { return nil }
        return Double(first) * Self.windowSeconds...Double(last + 1) * Self.windowSeconds
    }

    /// The best match of `reference` (trimmed to its speech) inside this envelope, starting at or after
    /// `from` seconds: the correlation and where (seconds) the reference starts.
    func bestMatch(of reference: SpeechEnvelope, from: Double = 0) -> (correlation: Double, offset: Double) {
        guard let span = reference.speechSpan() else { return (0, 0) }
        let template = Array(reference.decibels[Int(span.lowerBound / Self.windowSeconds)..<Int(span.upperBound / Self.windowSeconds)])
        let first = Int(from / Self.windowSeconds)
        guard template.count > 1, decibels.count - template.count >= first else { return (0, 0) }
        var best = (correlation: -1.0, offset: 0.0)
        for lag in first...(decibels.count - template.count) {
            let value = Self.pearson(template, decibels[lag..<lag + template.count])
            if value > best.correlation { best = (value, Double(lag) * Self.windowSeconds) }
        }
        return best
    }

    static func pearson(_ a: [Double], _ b: ArraySlice<Double>) -> Double {
        let n = Double(a.count)
        let meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
        var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
        for (x, y) in zip(a, b) {
            covariance += (x - meanA) * (y - meanB)
            varianceA += (x - meanA) * (x - meanA)
            varianceB += (y - meanB) * (y - meanB)
        }
        guard varianceA > 0, varianceB > 0 else { return 0 }
        return covariance / (varianceA * varianceB).squareRoot()
    }
}

/// A 16-bit PCM mono WAV read chunk by chunk (libsndfile's headers are not always 44 bytes).
struct WAVFile {
    struct Malformed: Error, CustomStringConvertible { let description: String }

    let sampleRate: Int
    let samples: [Int16]

    init(path: String) throws {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u32(_ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 | Int(data[at + 2]) << 16 | Int(data[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(data[at]) | Int(data[at + 1]) << 8 }
        guard data.count >= 12, data[0..<4].elementsEqual("RIFF".utf8), data[8..<12].elementsEqual("WAVE".utf8) else {
            throw Malformed(description: "\(path): not a WAV file")
        }
        var rate: Int?
        var offset = 12
        while offset + 8 <= data.count {
            let size = u32(offset + 4)
            let body = offset + 8
            if data[offset..<offset + 4].elementsEqual("fmt ".utf8), body + 16 <= data.count {
                guard u16(body) == 1, u16(body + 2) == 1, u16(body + 14) == 16 else {
                    throw Malformed(description: "\(path): not 16-bit PCM mono")
                }
                rate = u32(body + 4)
            } else if data[offset..<offset + 4].elementsEqual("data".utf8), let rate {
                // A file still open when read may say 0 (or too much): take what is there.
                let end = size == 0 ? data.count : min(data.count, body + size)
                sampleRate = rate
                samples = stride(from: body, to: end - 1, by: 2).map { Int16(bitPattern: UInt16(data[$0]) | UInt16(data[$0 + 1]) << 8) }
                return
            }
            offset = body + size + size % 2
        }
        throw Malformed(description: "\(path): no fmt/data chunk")
    }
}
