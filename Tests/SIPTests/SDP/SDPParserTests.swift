import SIP
import SwitchboardTesting
import Testing

@Suite struct SDPParserTests {
    let parser = SDPParser()

    func parse(_ text: String) throws(SDPParseError) -> SessionDescription {
        try parser.parse(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test func typicalOfferParsesToTypedValues() throws {
        let sdp = try parser.parse(Array(SIPSampleMessages.sdpOffer.utf8))
        #expect(sdp.origin.sessionID == 4711 && sdp.origin.address == SDPAddress(.ip4, "198.51.100.7"))
        #expect(sdp.connection?.address.address == "198.51.100.7")
        let audio = try #require(sdp.media.first)
        #expect(audio.media == "audio" && audio.port == 40002 && audio.proto == "RTP/AVP")
        #expect(audio.payloadTypes == [0, 8, 111, 101])
        #expect(audio.rtpMap(for: 111) == RTPMap(payloadType: 111, encodingName: "opus", clockRate: 48000, channels: 2))
        #expect(audio.fmtp(for: 101) == "0-16" && audio.fmtp(for: 111) == "useinbandfec=1")
        #expect(audio.ptime == 20 && audio.direction(session: sdp) == .sendrecv)
    }

    @Test func sessionLevelDirectionAndIPv6ConnectionApplyToMedia() throws {
        let sdp = try parse("""
            v=0
            o=- 1 2 IN IP6 2001:db8::1
            s=-
            c=IN IP6 2001:db8::2
            t=0 0
            a=sendonly
            m=audio 5004 RTP/AVP 0
            m=audio 5006 RTP/AVP 8
            a=inactive
            """)
        #expect(sdp.connection?.address == SDPAddress(.ip6, "2001:db8::2"))
        #expect(sdp.media[0].direction(session: sdp) == .sendonly)
        #expect(sdp.media[1].direction(session: sdp) == .inactive)
    }

    @Test(arguments: [
        ("payload type above 127", "m=audio 5004 RTP/AVP 128"),
        ("payload type overflowing 32 bits", "m=audio 5004 RTP/AVP 4294967296"),
        ("port above 65535", "m=audio 70000 RTP/AVP 0"),
        ("huge ptime", "m=audio 5004 RTP/AVP 0\na=ptime:100000"),
        ("zero ptime", "m=audio 5004 RTP/AVP 0\na=ptime:0"),
        ("huge maxptime", "m=audio 5004 RTP/AVP 0\na=maxptime:5000"),
        ("rtpmap with a big clock", "m=audio 5004 RTP/AVP 96\na=rtpmap:96 opus/480000000/2"),
        ("rtpmap for payload 200", "m=audio 5004 RTP/AVP 96\na=rtpmap:200 opus/48000/2"),
        ("rtpmap with 300 channels", "m=audio 5004 RTP/AVP 96\na=rtpmap:96 L16/8000/300"),
        ("bad connection address", "c=IN IP4 300.1.1.1"),
        ("unknown network", "c=XX IP4 192.0.2.1"),
        ("NUL byte", "a=tool:x\u{0}y"),
    ])
    func outOfRangeValuesAreRefused(why: String, lines: String) {
        #expect(throws: SDPParseError.self, "\(why)") {
            try parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n" + lines + "\n")
        }
    }

    @Test func structureIsChecked() {
        #expect(throws: SDPParseError.self) { try parse("o=- 1 1 IN IP4 192.0.2.1\nv=0\n") }
        #expect(throws: SDPParseError.self) { try parse("v=0\ns=-\n") }
        #expect(throws: SDPParseError.self) { try parse("v=1\no=- 1 1 IN IP4 192.0.2.1\n") }
        #expect(throws: SDPParseError.self) { try parse("v=0\no=- 1 1 IN IP4 192.0.2.1\nm =video 1 RTP/AVP 0\n") }
        #expect(throws: SDPParseError.self) { try parse("") }
        let limited = SDPParser(maxMediaDescriptions: 2)
        #expect(throws: SDPParseError.self) {
            try limited.parse(Array("v=0\no=- 1 1 IN IP4 h.example\nm=audio 1 RTP/AVP 0\nm=audio 2 RTP/AVP 0\nm=audio 3 RTP/AVP 0\n".utf8))
        }
        #expect(throws: SDPParseError.self) { try SDPParser(maxBytes: 10).parse(Array(SIPSampleMessages.sdpOffer.utf8)) }
    }

    @Test func serializationRoundTrips() throws {
        let sdp = try parse("""
            v=0
            o=alice 2890844526 2890844527 IN IP4 host.example.com
            s=Call
            i=info
            c=IN IP4 224.2.17.12/127
            b=AS:64
            t=2873397496 2873404696
            a=recvonly
            m=audio 49170/2 RTP/AVP 0 97
            i=audio
            a=rtpmap:97 iLBC/8000
            m=video 51372 RTP/AVP 31
            c=IN IP6 ::1
            a=rtpmap:31 H261/90000
            """)
        let again = try parser.parse(SDPSerializer.serialize(sdp))
        #expect(again == sdp)
        #expect(sdp.media[0].portCount == 2 && sdp.connection?.multicastSuffix == "127")
    }

    @Test func mutatedDescriptionsNeverTrap() throws {
        let seeds = [SIPSampleMessages.sdpOffer, "v=0\r\no=- 1 2 IN IP6 ::1\r\ns=-\r\nc=IN IP6 ::1\r\nt=0 0\r\nm=audio 0 RTP/SAVPF 96\r\na=rtpmap:96 opus/48000/2\r\na=inactive\r\n"]
            .map { Array($0.utf8) }
        let dictionary = ["\r\n", "a=", "m=audio ", " RTP/AVP ", "a=rtpmap:", "a=ptime:", "9999999999", "128", ":", "/", "c=IN IP4 ", "IP6", " "]
            .map { Array($0.utf8) }
        let mutator = ByteMutator(dictionary: dictionary, maxMutations: 5)
        var rng = SeededRandom(seed: 0x5D9)
        var parsed = 0
        for round in 0..<4000 {
            let input = mutator.mutate(seeds[round % seeds.count], using: &rng)
            do {
                let sdp = try parser.parse(input)
                parsed += 1
                #expect(try parser.parse(SDPSerializer.serialize(sdp)) == sdp, "round \(round) \(String(decoding: input, as: UTF8.self).debugDescription) vs \(String(decoding: SDPSerializer.serialize(sdp), as: UTF8.self).debugDescription)")
                for media in sdp.media where media.isRTP {
                    #expect(media.payloadTypes.count == media.formats.count && media.payloadTypes.allSatisfy { $0 <= 127 })
                    #expect((media.ptime ?? 1) <= SDPLimits.defaultMaxPtimeMilliseconds)
                }
            } catch {
                #expect(error.offset >= 0 && error.offset <= max(input.count, parser.maxBytes))
            }
        }
        #expect(parsed > 200)
    }
}

@Suite struct SDPRegressionTests {
    /// Found by the SDP fuzzer: untyped lines out of RFC order changed order on a round trip, and
    /// invalid UTF-8 grew when it was replaced.
    @Test func untypedLinesOutOfOrderSurviveARoundTripAndInvalidUTF8IsRefused() throws {
        let text = "v=0\r\nk=carrier 4)71. 471v=5\r\nk=`aJ\nk=c0\r\nk=carri\r\no=- 1 2 IN IP6 2001:db8::1\r\ns=\ne=au4 RTP/A 0 96er\r\nk=carv=0\r\n"
        let parser = SDPParser()
        let sdp = try parser.parse(Array(text.utf8))
        #expect(sdp.otherLines.map(\.type) == ["e", "k", "k", "k", "k", "k"])
        #expect(try parser.parse(SDPSerializer.serialize(sdp)) == sdp)
        #expect(throws: SDPParseError.self) { try parser.parse(Array(text.utf8) + [0x6B, 0x3D, 0xFF, 0x0A]) }
    }
}
