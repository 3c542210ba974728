/// Int16 ⇄ Float conversion of sample buffers for the float APIs of the C libraries, written as
/// branch-free loops the compiler vectorizes. Float → Int16 clamps to 16 bits and rounds to nearest
/// (ties to even) by the magic-number trick: scalar `rounded()` would call libm on CPUs without SSE4.1,
/// and checked Float → Int conversions keep the loop scalar.
enum SampleConversion {
    /// 1.5 × 2²³: for |x| < 2²², x + magic is a Float whose low mantissa bits hold round(x) (ties to even).
    static let roundingMagic: Float = 12_582_912

    static func toFloat(_ source: UnsafeBufferPointer<Int16>, _ destination: UnsafeMutableBufferPointer<Float>) {
        precondition(destination.count >= source.count)
        for index in 0..<source.count {
            destination[index] = Float(source[index])
        }
    }

    static func toInt16(_ source: UnsafeBufferPointer<Float>, _ destination: UnsafeMutableBufferPointer<Int16>) {
        precondition(destination.count >= source.count)
        for index in 0..<source.count {
            destination[index] = roundToInt16(source[index])
        }
    }

    /// `value` clamped to 16 bits and rounded to the nearest integer (ties to even).
    @inline(__always)
    static func roundToInt16(_ value: Float) -> Int16 {
        let clamped = max(-32_768, min(32_767, value))
        let shifted = Int32(bitPattern: (clamped + roundingMagic).bitPattern) &- Int32(bitPattern: roundingMagic.bitPattern)
        return Int16(truncatingIfNeeded: shifted)
    }
}
