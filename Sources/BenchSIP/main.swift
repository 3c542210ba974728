import SIP

// switchboard-bench-sip: nanoseconds per operation for the SIP codecs on typical messages.
// Build and run in release: swift run -c release switchboard-bench-sip [name filter words]

/// The SDP offer of a carrier INVITE: PCMU, PCMA, Opus, telephone-event (about 300 bytes).
let offer = """
    v=0\r
    o=carrier 4711 4711 IN IP4 198.51.100.7\r
    s=-\r
    c=IN IP4 198.51.100.7\r
    t=0 0\r
    m=audio 40002 RTP/AVP 0 8 111 101\r
    a=rtpmap:0 PCMU/8000\r
    a=rtpmap:8 PCMA/8000\r
    a=rtpmap:111 opus/48000/2\r
    a=fmtp:111 useinbandfec=1\r
    a=rtpmap:101 telephone-event/8000\r
    a=fmtp:101 0-16\r
    a=ptime:20\r
    a=sendrecv\r

    """
let offerBytes = Array(offer.utf8)

/// A typical INVITE from a trunk, through one proxy (about 1 KB with its SDP).
let invite: [UInt8] = Array(([
    "INVITE sip:+15550101@switchboard.example.com SIP/2.0",
    "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport",
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKnashds8;received=192.0.2.1",
    "Max-Forwards: 70",
    "Record-Route: <sip:proxy.carrier.example;lr>",
    "To: <sip:+15550101@switchboard.example.com>",
    "From: \"Alice\" <sip:+15550199@carrier.example>;tag=1928301774",
    "Call-ID: a84b4c76e66710@pc33.carrier.example",
    "CSeq: 314159 INVITE",
    "Contact: <sip:alice@198.51.100.7:5060>",
    "Supported: timer, 100rel",
    "Session-Expires: 1800;refresher=uac",
    "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS",
    "User-Agent: CarrierSBC/1.0",
    "Content-Type: application/sdp",
    "Content-Length: \(offerBytes.count)",
    "", "",
].joined(separator: "\r\n")).utf8) + offerBytes

let parser = SIPParser()
let sdpParser = SDPParser()
guard let request = try? parser.parse(datagram: invite).request, let parsedOffer = try? sdpParser.parse(request.body) else {
    fatalError("the sample INVITE must parse")
}
let local = SDPAnswerer.Local(address: SDPAddress("203.0.113.5"), rtpPort: 40000, sessionID: 1, sessionVersion: 1)
guard let (answer, _) = try? SDPAnswerer().answer(parsedOffer, local: local) else { fatalError("the offer must be answerable") }
let answerBytes = SDPSerializer.serialize(answer)
let ok = SIPResponse(replyingTo: request, statusCode: 200, toTag: "sb-8f2a",
                     contact: .addresses([AddressHeader(NameAddress(SIPURI(user: "agent", host: .ipv4("203.0.113.5"), port: 5060)))]),
                     contentType: .sdp, body: answerBytes)
let okBytes = SIPSerializer.serialize(ok)

let benchmarks: [(String, Int, () -> Int)] = [
    ("INVITE parse (headers, body kept)", invite.count, {
        (try? parser.parse(datagram: invite))?.headers.via.count ?? -1
    }),
    ("SDP offer parse", offerBytes.count, {
        (try? sdpParser.parse(offerBytes))?.media.count ?? -1
    }),
    ("INVITE parse + SDP parse + answer", invite.count, {
        guard let message = try? parser.parse(datagram: invite), let sdp = try? sdpParser.parse(message.body),
              let result = try? SDPAnswerer().answer(sdp, local: local) else { return -1 }
        return Int(result.audio.payloadType)
    }),
    ("200 OK build (response builder)", okBytes.count, {
        SIPResponse(replyingTo: request, statusCode: 200, toTag: "sb-8f2a", contentType: .sdp, body: answerBytes).body.count
    }),
    ("200 OK serialize (with SDP answer)", okBytes.count, {
        SIPSerializer.serialize(ok).count
    }),
    ("INVITE server transaction: start, 200", invite.count, {
        var transaction = InviteServerTransaction(request: request, isReliable: false)
        return transaction.start(at: .origin).count + transaction.respond(ok, at: .origin).count
    }),
]

/// Optional arguments: words a benchmark's name must contain (case-insensitive), e.g. `sdp`.
let filters = CommandLine.arguments.dropFirst().map { $0.lowercased() }
print("benchmark                                          bytes   median ns     p95 ns     p99 ns")
for (name, bytes, operation) in benchmarks where filters.allSatisfy({ name.lowercased().contains($0) }) {
    let figures = Stopwatch.measure(operation)
    let columns = [figures.median, figures.p95, figures.p99].map { pad(String(Int($0 + 0.5)), 11) }
    print(name.padding(50) + pad(String(bytes), 6) + columns.joined())
}

func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
