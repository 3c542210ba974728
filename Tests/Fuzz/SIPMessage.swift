// libFuzzer entry for SIPParser and SIPStreamFramer, compiled together with Sources/SIP by
// Scripts/fuzz.sh (as a static library). The first input byte picks a read size; the parser must never
// crash, errors must point inside the input, a parsed message must survive serialize → parse, and the
// stream framer must give the same events whole and chunked.

import SIP

let parser = SIPParser(maxMessageBytes: 4096, maxHeaders: 32, maxHeaderLineBytes: 512, maxBodyBytes: 2048)
/// Re-reads serialized messages: canonical names and brackets make a message a little longer.
let reparser = SIPParser(maxHeaders: 4096)

func frame(_ bytes: [UInt8], readSize: Int) -> ([SIPStreamFramer.Event], SIPParseError?) {
    var framer = SIPStreamFramer(parser: parser)
    var events: [SIPStreamFramer.Event] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + readSize)
        framer.append(bytes[start..<end])
        start = end
        do {
            while let event = try framer.next() { events.append(event) }
            precondition(framer.bufferedByteCount <= bytes.count)
        } catch {
            return (events, error)
        }
    }
    return (events, nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let readSize = Int(data[0] % 16) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    do {
        let message = try parser.parse(datagram: bytes)
        let again = try? reparser.parse(SIPSerializer.serialize(message)[...], framing: .stream)
        precondition(again == message, "serialization changed the message")
    } catch {
        precondition(error.offset >= 0 && error.offset <= bytes.count)
    }
    let whole = frame(bytes, readSize: max(1, bytes.count))
    let chunked = frame(bytes, readSize: readSize)
    precondition(whole.0 == chunked.0 && whole.1 == chunked.1, "chunking changed the result")
    return 0
}
