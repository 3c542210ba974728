import Testing
@testable import Media

@Suite struct SampleConversionTests {
    @Test func floatToInt16RoundsToNearestAndClamps() {
        let cases: [(Float, Int16)] = [(0, 0), (0.4, 0), (0.6, 1), (-0.6, -1), (1.5, 2), (2.5, 2), (-1.5, -2),
                                       (32_766.6, 32_767), (40_000, 32_767), (-40_000, -32_768), (-32_768.4, -32_768),
                                       (.infinity, 32_767), (-.infinity, -32_768)]
        for (value, expected) in cases {
            #expect(SampleConversion.roundToInt16(value) == expected, "\(value)")
        }
    }

    @Test func buffersRoundTripEveryInt16Exactly() {
        let all = (Int(Int16.min)...Int(Int16.max)).map { Int16($0) }
        var floats = [Float](repeating: 0, count: all.count)
        var back = [Int16](repeating: 0, count: all.count)
        all.withUnsafeBufferPointer { source in floats.withUnsafeMutableBufferPointer { SampleConversion.toFloat(source, $0) } }
        floats.withUnsafeBufferPointer { source in back.withUnsafeMutableBufferPointer { SampleConversion.toInt16(source, $0) } }
        #expect(back == all)
        #expect(floats[0] == -32_768 && floats[65_535] == 32_767)
    }
}
