import Testing
@testable import Media

@Suite struct OpusUntrustedPacketTests {
    @Test func randomBytesNeverCrashTheDecoder() throws {
        let decoder = try Opus.Decoder(sampleRate: .hz16000)
        var generator = SeededGenerator(seed: 42)
        var pcm = [Int16](repeating: 0, count: Opus.maximumPacketSamples(at: .hz16000))
        var frame = AudioFrame.silence(.hz16000)
        var accepted = 0, rejected = 0
        for _ in 0..<2_000 {
            let length = Int.random(in: 1...1_500, using: &generator)
            let packet = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            do {
                let written = try pcm.withUnsafeMutableBufferPointer { try decoder.decode(packet.withUnsafeBufferPointer { $0 }, into: $0) }
                #expect(written > 0 && written <= pcm.count)
                accepted += 1
            } catch {
                rejected += 1
            }
            _ = try? decoder.decode(packet, into: &frame)  // the frame API must not crash either
        }
        #expect(accepted + rejected == 2_000)
        #expect(rejected > 0)
    }

    @Test func aPacketLongerThanAFrameIsATypedErrorForTheFrameAPI() throws {
        let encoder = try Opus.Encoder(sampleRate: .hz16000)
        let forty = Signals.sine(frequency: 300, amplitude: 5_000, rate: 16_000, count: 640)
        var packet = [UInt8](repeating: 0, count: Opus.maximumPacketBytes)
        let length = try forty.withUnsafeBufferPointer { pcm in
            try packet.withUnsafeMutableBufferPointer { try encoder.encode(pcm, into: $0) }
        }
        let decoder = try Opus.Decoder(sampleRate: .hz16000)
        var frame = AudioFrame.silence(.hz16000)
        #expect(throws: MediaError.self) { try decoder.decode(packet[..<length], into: &frame) }
        var big = [Int16](repeating: 0, count: 640)
        let written = try big.withUnsafeMutableBufferPointer { out in
            try packet[..<length].withUnsafeBufferPointer { try decoder.decode($0, into: out) }
        }
        #expect(written == 640)
    }
}
