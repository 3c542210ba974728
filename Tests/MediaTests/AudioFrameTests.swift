import Testing
@testable import Media

@Suite struct AudioFrameTests {
    @Test func frameSizeFollowsRate() {
        #expect(SampleRate.hz8000.samplesPerFrame == 160)
        #expect(SampleRate.hz48000.samplesPerFrame == 960)
        #expect(AudioFrame.silence(.hz16000).samples.count == 320)
    }
}
