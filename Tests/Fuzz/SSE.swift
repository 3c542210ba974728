// libFuzzer entry for SSEParser. The first byte picks a read size. Checks: no crash, no event larger
// than the limit allows, chunking (CR LF split across reads included) is irrelevant.

import Wire

let maxEventBytes = 256

func run(_ bytes: UnsafeRawBufferPointer, readSize: Int) -> ([SSEEvent], SSEParseError?) {
    var parser = SSEParser(maxEventBytes: maxEventBytes)
    var events: [SSEEvent] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + readSize)
        parser.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        start = end
        do {
            while let event = try parser.nextEvent() {
                // Invalid UTF-8 bytes become U+FFFD (3 bytes each), so the text may grow up to 3x.
                precondition(event.data.utf8.count <= 3 * maxEventBytes)
                events.append(event)
            }
            precondition(parser.bufferedByteCount <= 2 * maxEventBytes + 1)
        } catch {
            precondition(error.offset >= 0 && error.offset <= bytes.count)
            return (events, error)
        }
    }
    return (events, nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let readSize = Int(data[0] % 16) + 1
    let bytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let whole = run(bytes, readSize: max(1, bytes.count))
    let chunked = run(bytes, readSize: readSize)
    precondition(whole.0 == chunked.0 && whole.1 == chunked.1, "chunking changed the result")
    return 0
}
