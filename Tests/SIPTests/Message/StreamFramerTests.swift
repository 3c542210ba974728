import SIP
import SwitchboardTesting
import Testing

@Suite struct StreamFramerTests {
    typealias Transcript = ParseTranscript<SIPStreamFramer.Event, SIPParseError>

    func run(_ chunks: [ArraySlice<UInt8>], parser: SIPParser = SIPParser()) -> Transcript {
        Transcript.record(chunks, into: SIPStreamFramer(parser: parser),
                          append: { $0.append($1) }, next: { (framer) throws(SIPParseError) in try framer.next() })
    }

    @Test func messagesAndKeepAlivesComeOutWhateverTheReadSizes() throws {
        let stream = Array("\r\n\r\n".utf8) + SIPSampleMessages.invite + Array("\r\n".utf8)
            + SIPSerializer.serialize(try SIPParser().parse(datagram: Fixtures.bytes("lwsdisp"))) + Array("\r\n\r\n".utf8)
        let whole = run([stream[...]])
        #expect(whole.failure == nil)
        #expect(whole.outputs.count == 4)
        #expect(whole.outputs.first == .keepAlive && whole.outputs.last == .keepAlive)
        let report = ChunkSplitVerifier(maxBytesForSplitPairs: 0).verify(stream) { run($0) }
        #expect(report.passed, "\(report)")
    }

    @Test func streamMessagesNeedContentLength() throws {
        let message = sipMessage("OPTIONS sip:a@example.com SIP/2.0", "Via: SIP/2.0/TCP h.example.com;branch=z9hG4bK1",
                                 "Max-Forwards: 70", "From: <sip:b@example.com>;tag=1", "To: <sip:a@example.com>",
                                 "Call-ID: x1", "CSeq: 1 OPTIONS", "", "")
        let transcript = run([message[...]])
        #expect(transcript.failure?.kind == .missingContentLength)
        let report = ChunkSplitVerifier().verify(message) { run($0) }
        #expect(report.passed, "\(report)")
    }

    @Test func anOversizedStreamIsRefusedBeforeItIsBuffered() {
        let parser = SIPParser(maxMessageBytes: 1024)
        var framer = SIPStreamFramer(parser: parser)
        framer.append(Array("INVITE sip:a@b.example SIP/2.0\r\nX: ".utf8) + [UInt8](repeating: 0x61, count: 4096))
        #expect(throws: SIPParseError.self) { try framer.next() }
        #expect(throws: SIPParseError.self) { try framer.next() }
    }

    @Test func bodyLargerThanTheLimitIs413() {
        let parser = SIPParser(maxBodyBytes: 100)
        var framer = SIPStreamFramer(parser: parser)
        framer.append(sipMessage("MESSAGE sip:a@b.example SIP/2.0", "Content-Length: 5000", "", ""))
        do {
            _ = try framer.next()
            Issue.record("expected an error")
        } catch {
            #expect(error.status == 413)
        }
    }
}
