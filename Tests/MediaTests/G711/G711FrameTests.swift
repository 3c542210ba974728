import Testing
@testable import Media

@Suite struct G711FrameTests {
    @Test func muLawFrameDecodeWritesIntoTheCallersFrame() {
        let codes = (0..<160).map { UInt8(truncatingIfNeeded: $0 * 3) }
        var frame = AudioFrame.silence(.hz8000)
        MuLaw.decode(codes, into: &frame)
        #expect(frame.samples == codes.map(MuLaw.decode))
        MuLaw.decode(codes[...], into: &frame)  // slices of a packet buffer work too
        #expect(frame.samples == codes.map(MuLaw.decode))
    }

    @Test func aLawFrameRoundTripKeepsEveryDecodedLevel() {
        let codes = (0..<160).map { UInt8($0) }
        var frame = AudioFrame.silence(.hz8000)
        ALaw.decode(codes, into: &frame)
        var encoded: [UInt8] = []
        ALaw.encode(frame, into: &encoded)
        #expect(encoded == codes)
    }

    @Test func frameEncodeReusesTheOutputStorage() {
        let frame = AudioFrame(sampleRate: .hz8000, samples: (0..<160).map { Int16($0 * 100 - 8000) })
        var codes: [UInt8] = []
        MuLaw.encode(frame, into: &codes)
        let firstStorage = codes.withUnsafeBufferPointer { $0.baseAddress }
        for _ in 0..<10 { MuLaw.encode(frame, into: &codes) }
        #expect(codes.count == 160)
        #expect(codes.withUnsafeBufferPointer { $0.baseAddress } == firstStorage)
        #expect(codes == frame.samples.map(MuLaw.encode))
    }
}
