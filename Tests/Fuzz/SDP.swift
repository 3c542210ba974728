// libFuzzer entry for SDPParser and the offer/answer code, compiled together with Sources/SIP by
// Scripts/fuzz.sh. The parser must never crash; a parsed description must survive serialize → parse;
// answering it must either succeed with bounded values or fail with a 488.

import SIP

let parser = SDPParser(maxBytes: 4096)
/// Re-reads serialized descriptions: CRLF line ends and the s=/t= lines the serializer adds make them longer.
let reparser = SDPParser(maxBytes: 16384)
let local = SDPAnswerer.Local(address: SDPAddress("192.0.2.1"), rtpPort: 4000, sessionID: 1, sessionVersion: 1)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let description = try? parser.parse(bytes) else { return 0 }
    precondition((try? reparser.parse(SDPSerializer.serialize(description))) == description, "serialization changed the SDP")
    for media in description.media where media.isRTP {
        precondition(media.payloadTypes.allSatisfy { $0 <= 127 })
        precondition((media.ptime ?? 1) <= SDPLimits.defaultMaxPtimeMilliseconds)
    }
    do {
        let (answer, audio) = try SDPAnswerer(preferences: [.opus, .pcmu, .pcma]).answer(description, local: local)
        precondition(answer.media.count == description.media.count && audio.payloadType <= 127)
    } catch {
        precondition(error.status == 488)
    }
    return 0
}
