import SIP
import Testing

@Suite struct ParserLimitTests {
    func options(extraHeaders: [String] = [], maxForwards: Bool = true) -> [UInt8] {
        var lines = ["OPTIONS sip:a@h.example SIP/2.0", "Via: SIP/2.0/UDP c.example;branch=z9hG4bK1"]
        if maxForwards { lines.append("Max-Forwards: 70") }
        lines += ["From: <sip:b@h.example>;tag=1", "To: <sip:a@h.example>", "Call-ID: limit1", "CSeq: 1 OPTIONS"]
        lines += extraHeaders
        return Array((lines + ["", ""]).joined(separator: "\r\n").utf8)
    }

    @Test func limitsGiveTheRightStatus() {
        func status(_ parser: SIPParser, _ bytes: [UInt8]) -> Int? {
            do { _ = try parser.parse(datagram: bytes); return nil } catch { return error.status }
        }
        #expect(status(SIPParser(), options()) == nil)
        #expect(status(SIPParser(maxMessageBytes: 100), options()) == 513)
        #expect(status(SIPParser(maxHeaders: 5), options()) == 513)
        #expect(status(SIPParser(maxHeaderLineBytes: 64), options(extraHeaders: ["X: " + String(repeating: "a", count: 100)])) == 513)
        #expect(status(SIPParser(maxBodyBytes: 10), options(extraHeaders: ["Content-Length: 11"])) == 413)
        #expect(status(SIPParser(), options(extraHeaders: ["Content-Length: 99999999999999999999"])) == 400)
        #expect(status(SIPParser(), options(maxForwards: false)) == 400)
        #expect(status(SIPParser(), options(extraHeaders: ["Subject: hello", " world"])) == nil)
        #expect(status(SIPParser(), options(extraHeaders: [" folded onto CSeq"])) == 400)
    }

    @Test func lineEndsAndControlBytes() {
        func refuses(_ text: String) -> Bool {
            (try? SIPParser().parse(datagram: Array(text.utf8))) == nil
        }
        let good = String(decoding: options(), as: UTF8.self)
        #expect(!refuses(good.replacingOccurrences(of: "\r\n", with: "\n")), "bare LF is tolerated")
        #expect(refuses(good.replacingOccurrences(of: "Call-ID: limit1", with: "Call-ID: li\rmit1")))
        #expect(refuses(good.replacingOccurrences(of: "Call-ID: limit1", with: "Call-ID: limit1\r\nX: a\u{0}b")))
        #expect(refuses(good.replacingOccurrences(of: "Call-ID: limit1", with: "Call-ID: limit1\r\nX y: z")))
        #expect(refuses(good.replacingOccurrences(of: "Call-ID: limit1", with: "Call-ID: limit1\r\nNoColon")))
        #expect(refuses("\r\n\r\n"))
        #expect(SIPParser.isKeepAlive(Array("\r\n\r\n".utf8)))
        #expect(!refuses("\r\n" + good), "leading CRLFs are skipped")
    }

    @Test func wildcardContactOnlyInRegister() {
        let bytes = options(extraHeaders: ["Contact: *"])
        #expect((try? SIPParser().parse(datagram: bytes)) == nil)
    }
}

@Suite struct ParserRegressionTests {
    /// Found by the message fuzzer: invalid UTF-8 in a reason phrase was replaced by U+FFFD, three bytes
    /// each, so the serialized message outgrew the limits it was parsed under. Text must be UTF-8.
    @Test func invalidUTF8InTextIsRefused() {
        let response = Array("SIP/2.0 200 OK ".utf8) + [0xFF, 0xA3] + Array("\r\nVia: SIP/2.0/UDP h.example;branch=z9hG4bK1\r\n".utf8)
        #expect((try? SIPParser().parse(datagram: response)) == nil)
        let header = Array("OPTIONS sip:a@h.example SIP/2.0\r\nSubject: ".utf8) + [0xC0, 0xAF] + Array("\r\n\r\n".utf8)
        do {
            _ = try SIPParser().parse(datagram: header)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.offset == 42 && error.status == 400)
        }
    }

    @Test func contactsAreSerializedOnePerLine() throws {
        let request = try #require(try SIPParser().parse(datagram: Fixtures.bytes("esc02")).request)
        let text = String(decoding: SIPSerializer.serialize(request), as: UTF8.self)
        #expect(text.components(separatedBy: "\r\nContact: ").count == 3)
    }
}
