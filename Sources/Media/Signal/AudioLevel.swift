#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signal level of a block of 16-bit samples, in dB relative to full scale: 0 dBFS is a full-scale
/// square wave (mean square 32768²), so a full-scale sine is -3.01 dBFS. Used by the energy VAD and by
/// tests and benchmarks that state levels.
public enum AudioLevel {
    /// The level reported for digital silence, instead of -infinity (below any 16-bit signal: one LSB
    /// of RMS is -90.3 dBFS).
    public static let floorDBFS: Float = -120

    /// Mean of the squared samples (0 for an empty block).
    public static func meanSquare(_ samples: UnsafeBufferPointer<Int16>) -> Float {
        guard !samples.isEmpty else { return 0 }
        var sum: Int64 = 0
        for sample in samples {
            let value = Int64(sample)
            sum &+= value * value
        }
        return Float(Double(sum) / Double(samples.count))
    }

    /// `meanSquare` expressed in dBFS, clamped below at `floorDBFS`.
    public static func decibelsFullScale(meanSquare: Float) -> Float {
        let fullScale: Float = 32768 * 32768
        guard meanSquare > 0 else { return floorDBFS }
        return max(floorDBFS, 10 * log10f(meanSquare / fullScale))
    }

    /// Level of `samples` in dBFS.
    public static func decibelsFullScale(_ samples: UnsafeBufferPointer<Int16>) -> Float {
        decibelsFullScale(meanSquare: meanSquare(samples))
    }

    /// Level of `samples` in dBFS.
    public static func decibelsFullScale(_ samples: [Int16]) -> Float {
        samples.withUnsafeBufferPointer { decibelsFullScale($0) }
    }
}
