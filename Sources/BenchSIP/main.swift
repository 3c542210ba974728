import BenchSupport
import SIP
import SwitchboardTesting

// switchboard-bench-sip: nanoseconds per operation for the SIP codecs on typical messages.
// Build and run in release: swift run -c release switchboard-bench-sip [name filter words]

let offerBytes = Array(SIPSampleMessages.sdpOffer.utf8)
let invite = SIPSampleMessages.invite

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

// Optional arguments: words a benchmark's name must contain (case-insensitive), e.g. `sdp`.
runMicroBenchmarks(benchmarks)
