import Agents
import Media
import Net
@testable import SIP
import Speech
@testable import Telephony
import Testing

/// How SIP's offer/answer result becomes the RTP stream's parameters, and which formats the session gets.
/// (Whole calls with audio both ways are in EndToEndTests/SIPCallTests, against baresip.)
@Suite struct RTPCallMediaTests {
    static func audio(_ codec: AudioCodec, payloadType: UInt8, telephoneEvent: UInt8? = 101, address: String = "198.51.100.7",
                      port: UInt16 = 40_002, direction: MediaDirection = .sendrecv, ptime: Int? = nil) -> SIPMediaParameters {
        SIPMediaParameters(audio: NegotiatedAudio(codec: codec, payloadType: payloadType, fmtp: nil, telephoneEventPayloadType: telephoneEvent,
                                                  remoteAddress: SDPAddress(.ip4, address), remotePort: port, direction: direction,
                                                  ptime: ptime, mediaIndex: 0))
    }

    @Test func negotiatedPCMAWithTelephoneEventsMapsToTheStreamsParameters() throws {
        let mapped = try RTPCallMediaOptions(inactivityTimeout: .seconds(12))
            .rtpParameters(for: Self.audio(.pcma, payloadType: 8, telephoneEvent: 96, ptime: 30))
        #expect(mapped.codec == .pcma)
        #expect(mapped.payloadType == 8)
        #expect(mapped.telephoneEventPayloadType == 96)
        #expect(mapped.ptimeMilliseconds == 30)
        #expect(mapped.remote == SocketAddress(host: "198.51.100.7", port: 40_002))
        #expect(mapped.direction == .sendReceive)
        #expect(mapped.inactivityTimeout == .seconds(12))
        #expect(mapped.deliveredSampleRate == .hz8000)
    }

    @Test func pcmuUnderADynamicPayloadTypeKeepsTheOfferersNumber() throws {
        let codec = AudioCodec(name: "pcmu", clockRate: 8000)
        let mapped = try RTPCallMediaOptions().rtpParameters(for: Self.audio(codec, payloadType: 112, telephoneEvent: nil))
        #expect(mapped.codec == .pcmu && mapped.payloadType == 112 && mapped.telephoneEventPayloadType == nil)
        #expect(mapped.ptimeMilliseconds == 20)
    }

    @Test func holdAddressStopsSendingButKeepsReceiving() throws {
        let held = try RTPCallMediaOptions().rtpParameters(for: Self.audio(.pcmu, payloadType: 0, address: "0.0.0.0"))
        #expect(held.remote == nil)
        #expect(held.direction == .receiveOnly)
        let inactive = try RTPCallMediaOptions().rtpParameters(for: Self.audio(.pcmu, payloadType: 0, address: "0.0.0.0", direction: .sendonly))
        #expect(inactive.direction == .inactive)
        // Phones often send nothing while holding: silence then must not end the call.
        #expect(held.inactivityTimeout == RTPCallMediaOptions.heldInactivityTimeout)
        let recvonly = try RTPCallMediaOptions().rtpParameters(for: Self.audio(.pcmu, payloadType: 0, direction: .recvonly))
        #expect(recvonly.inactivityTimeout == RTPCallMediaOptions.heldInactivityTimeout)
    }

    @Test func sdpDirectionsMapOneToOne() throws {
        let pairs: [(MediaDirection, RTPDirection)] = [(.sendrecv, .sendReceive), (.sendonly, .sendOnly), (.recvonly, .receiveOnly),
                                                       (.inactive, .inactive)]
        for (sdp, rtp) in pairs {
            #expect(try RTPCallMediaOptions().rtpParameters(for: Self.audio(.pcmu, payloadType: 0, direction: sdp)).direction == rtp)
        }
    }

    @Test func negotiatedOpusMapsToTheStreamUnderTheOfferersDynamicPayloadType() throws {
        let mapped = try RTPCallMediaOptions().rtpParameters(for: Self.audio(.opus, payloadType: 107, telephoneEvent: 101),
                                                             deliveredSampleRate: .hz16000)
        #expect(mapped.codec == .opus && mapped.payloadType == 107 && mapped.telephoneEventPayloadType == 101)
        #expect(mapped.deliveredSampleRate == .hz16000)
        #expect(RTPCallMediaFactory.carries(.opus) && RTPCallMediaFactory.carries(.pcmu) && RTPCallMediaFactory.carries(.pcma))
        // RFC 7587 §7: opus/48000/2 only; a mono or 16 kHz "opus" rtpmap is not Opus as RFC 7587 defines it.
        #expect(throws: SIPMediaError.unsupportedCodec("opus/48000")) {
            try RTPCallMediaOptions().rtpParameters(for: Self.audio(AudioCodec(name: "opus", clockRate: 48000), payloadType: 111))
        }
    }

    @Test func opusCallsGiveTheSession16kHzLinearBothWaysWhateverTheSTT() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-media-opus")
        let loop = group.loops[0]
        let formats = try await loop.submit {
            let media = try RTPCallMediaFactory(host: "127.0.0.1", ports: 41_000...41_999).open(on: loop)
            let cloud = AgentConfig(name: "cloud", stt: [STTProviderConfig(kind: .deepgram)], llm: [LLMProviderConfig(kind: .openai)],
                                    tts: [TTSProviderConfig(kind: .cartesia)])
            let opus = media.sessionFormats(for: cloud, audio: Self.audio(.opus, payloadType: 111).audio)
            let pcmu = media.sessionFormats(for: cloud, audio: Self.audio(.pcmu, payloadType: 0).audio)
            media.stop()
            return (opus, pcmu)
        }
        await group.shutdownGracefully()
        let wideband = AudioFormat(encoding: .linear16, sampleRate: .hz16000)
        #expect(formats.0.input == wideband && formats.0.output == wideband)
        #expect(formats.1.input.sampleRate == .hz8000 && formats.1.output.sampleRate == .hz8000)
    }

    @Test func openedMediaBindsAnEvenPortAndGivesPocketsphinxAgents16kHzFrames() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-media")
        let loop = group.loops[0]
        let result = try await loop.submit {
            let media = try RTPCallMediaFactory(host: "127.0.0.1", ports: 41_000...41_999).open(on: loop)
            let offline = AgentConfig(name: "offline", stt: [STTProviderConfig(kind: .pocketsphinx)], llm: [LLMProviderConfig(kind: .scripted)],
                                      tts: [TTSProviderConfig(kind: .espeak)])
            let cloud = AgentConfig(name: "cloud", stt: [STTProviderConfig(kind: .deepgram)], llm: [LLMProviderConfig(kind: .openai)],
                                    tts: [TTSProviderConfig(kind: .cartesia)])
            let formats = (media.sessionFormats(for: offline), media.sessionFormats(for: cloud))
            let port = media.localPort
            media.stop()
            media.stop()  // idempotent
            return (port, formats.0.input.sampleRate, formats.0.output.sampleRate, formats.1.input.sampleRate)
        }
        await group.shutdownGracefully()
        #expect(result.0 % 2 == 0 && (41_000...41_999).contains(Int(result.0)))
        #expect(result.1 == .hz16000 && result.2 == .hz8000)
        #expect(result.3 == .hz8000)
    }
}
