import SIP
import SwitchboardTesting
import Testing

@Suite struct OfferAnswerTests {
    let local = SDPAnswerer.Local(address: SDPAddress("203.0.113.5"), rtpPort: 40000, sessionID: 99, sessionVersion: 1)

    func offer(_ media: String, session: String = "c=IN IP4 198.51.100.7\n") throws -> SessionDescription {
        let text = "v=0\no=peer 1 1 IN IP4 198.51.100.7\ns=-\n" + session + "t=0 0\n" + media
        return try SDPParser().parse(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test func bestCommonCodecByPreferenceWithTelephoneEventAtTheOfferedNumber() throws {
        let sdp = try SDPParser().parse(Array(SIPSampleMessages.sdpOffer.utf8))
        let (answer, audio) = try SDPAnswerer().answer(sdp, local: local)
        #expect(audio.codec == .pcmu && audio.payloadType == 0 && audio.telephoneEventPayloadType == 101)
        #expect(audio.remoteAddress.address == "198.51.100.7" && audio.remotePort == 40002 && audio.ptime == 20)
        #expect(answer.media.count == 1 && answer.media[0].formats == ["0", "101"] && answer.media[0].port == 40000)
        #expect(answer.media[0].fmtp(for: 101) == "0-16")
        #expect(answer.connection?.address == local.address && answer.origin.sessionID == 99)

        let opusFirst = SDPAnswerer(preferences: [.opus, .pcmu])
        let (opusAnswer, opus) = try opusFirst.answer(sdp, local: local)
        #expect(opus.codec == .opus && opus.payloadType == 111 && opus.fmtp == "useinbandfec=1")
        #expect(opus.telephoneEventPayloadType == nil, "telephone-event/8000 does not go with opus/48000")
        #expect(opusAnswer.media[0].formats == ["111"])
    }

    @Test func dynamicPayloadTypesMatchByNameCaseInsensitively() throws {
        let sdp = try offer("m=audio 5004 RTP/AVP 97 98 99\na=rtpmap:97 iLBC/8000\na=rtpmap:98 OPUS/48000/2\na=rtpmap:99 TELEPHONE-EVENT/48000\n")
        let (_, audio) = try SDPAnswerer().answer(sdp, local: local)
        #expect(audio.codec == .opus && audio.payloadType == 98 && audio.telephoneEventPayloadType == 99)
        let renumbered = try offer("m=audio 5004 RTP/AVP 0 8\na=rtpmap:8 PCMU/8000\na=rtpmap:0 PCMA/8000\n")
        #expect(try SDPAnswerer().answer(renumbered, local: local).audio.payloadType == 8, "rtpmap wins over the static table")
    }

    @Test(arguments: [
        (MediaDirection.sendrecv, MediaDirection.sendrecv, MediaDirection.sendrecv),
        (.sendonly, .sendrecv, .recvonly), (.recvonly, .sendrecv, .sendonly), (.inactive, .sendrecv, .inactive),
        (.sendrecv, .recvonly, .recvonly), (.sendonly, .sendonly, .inactive), (.recvonly, .recvonly, .inactive),
        (.sendrecv, .inactive, .inactive),
    ])
    func directionsAreAnsweredPerRFC3264(offered: MediaDirection, willing: MediaDirection, expected: MediaDirection) throws {
        let sdp = try offer("m=audio 5004 RTP/AVP 0\na=\(offered.rawValue)\n")
        let (answer, audio) = try SDPAnswerer(localDirection: willing).answer(sdp, local: local)
        #expect(audio.direction == expected)
        #expect(answer.media[0].direction(session: answer) == expected)
    }

    @Test func otherStreamsAreRejectedWithPortZeroInOrder() throws {
        let sdp = try offer("m=video 5006 RTP/AVP 31\nm=audio 5004 RTP/AVP 0\nm=audio 5008 RTP/AVP 8\nm=audio 0 RTP/AVP 0\n")
        let (answer, audio) = try SDPAnswerer().answer(sdp, local: local)
        #expect(answer.media.map(\.port) == [0, 40000, 0, 0])
        #expect(answer.media.map(\.media) == ["video", "audio", "audio", "audio"])
        #expect(audio.mediaIndex == 1)
    }

    @Test func noCommonCodecIs488() throws {
        let sdp = try offer("m=audio 5004 RTP/AVP 18 96\na=rtpmap:96 AMR/8000\n")
        #expect(throws: OfferAnswerError.noCommonCodec) { try SDPAnswerer().answer(sdp, local: local) }
        #expect(OfferAnswerError.noCommonCodec.status == 488)
        let video = try offer("m=video 5006 RTP/AVP 31\n")
        #expect(throws: OfferAnswerError.noAudioStream) { try SDPAnswerer().answer(video, local: local) }
        let noAddress = try offer("m=audio 5004 RTP/AVP 0\n", session: "")
        #expect(throws: OfferAnswerError.missingConnectionAddress) { try SDPAnswerer().answer(noAddress, local: local) }
    }

    @Test func mediaLevelConnectionWinsAndLegacyHoldIsVisible() throws {
        let sdp = try offer("m=audio 5004 RTP/AVP 0\nc=IN IP4 0.0.0.0\n")
        let audio = try SDPAnswerer().answer(sdp, local: local).audio
        #expect(audio.remoteAddress.isUnspecified)
    }

    @Test func offersNeverNumberPayloadTypesPast127() throws {
        let many = (0..<40).map { AudioCodec(name: "X\($0)", clockRate: 8000 + $0) }
        let offer = SDPOfferer(preferences: many).offer(local: local)
        #expect(offer.media[0].payloadTypes.allSatisfy { $0 >= 96 && $0 <= 127 })
        #expect(try SDPParser().parse(SDPSerializer.serialize(offer)) == offer)
    }

    @Test func offerAndAnswerRoundTripThroughTheParser() throws {
        let offerer = SDPOfferer(preferences: [.opus, .pcmu, .pcma])
        let ours = offerer.offer(local: local)
        let bytes = SDPSerializer.serialize(ours)
        let parsed = try SDPParser().parse(bytes)
        #expect(parsed == ours)
        #expect(parsed.media[0].formats == ["96", "0", "8", "97", "98"])
        #expect(parsed.media[0].rtpMap(for: 97)?.clockRate == 48000 && parsed.media[0].rtpMap(for: 98)?.clockRate == 8000)

        let peer = SDPAnswerer.Local(address: SDPAddress("198.51.100.9"), rtpPort: 30000, sessionID: 5, sessionVersion: 5)
        let (answer, theirs) = try SDPAnswerer(preferences: [.pcma, .opus]).answer(parsed, local: peer)
        #expect(theirs.codec == .pcma)
        let negotiated = try offerer.accept(try SDPParser().parse(SDPSerializer.serialize(answer)), to: ours)
        #expect(negotiated.codec == .pcma && negotiated.payloadType == 8 && negotiated.telephoneEventPayloadType == 98)
        #expect(negotiated.remotePort == 30000 && negotiated.remoteAddress.address == "198.51.100.9")
    }
}
