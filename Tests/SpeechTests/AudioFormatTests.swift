import Testing
import Media
@testable import Speech

@Suite struct AudioFormatTests {
    @Test func durationFollowsEncodingAndRate() {
        // µ-law 8 kHz: 160 bytes per 20 ms frame.
        #expect(AudioFormat.telephony.duration(ofByteCount: 160) == .milliseconds(20))
        // L16 24 kHz: 960 bytes per 20 ms.
        #expect(AudioFormat(encoding: .linear16, sampleRate: .hz24000).duration(ofByteCount: 960) == .milliseconds(20))
        // A trailing odd byte of L16 is not a sample.
        #expect(AudioFormat(encoding: .linear16, sampleRate: .hz8000).duration(ofByteCount: 321) == .milliseconds(20))
    }

    @Test func chunkDurationUsesItsFormat() {
        let chunk = AudioChunk(format: AudioFormat(encoding: .alaw, sampleRate: .hz8000), bytes: [UInt8](repeating: 0xD5, count: 800))
        #expect(chunk.duration == .milliseconds(100))
    }
}
