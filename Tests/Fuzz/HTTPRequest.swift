// libFuzzer entry for HTTPRequestParser, compiled together with Sources/Wire by Scripts/fuzz.sh
// (as a static library). The first input byte picks a read size; the parser must never
// crash, must stay within its limits, and must give the same events whole and chunked.

import Wire

let fuzzLimits = HTTPParserLimits(maxStartLineBytes: 256, maxTargetBytes: 128, maxFieldLineBytes: 256,
                                  maxHeaderBytes: 1024, maxHeaderCount: 16, maxBodyBytes: 2048, maxChunkLineBytes: 64)

func run(_ bytes: UnsafeRawBufferPointer, readSize: Int) -> ([HTTPRequestParser.Event], HTTPParseError?) {
    var parser = HTTPRequestParser(limits: fuzzLimits)
    var events: [HTTPRequestParser.Event] = []
    var bodyBytes = 0
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + readSize)
        parser.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        start = end
        do {
            while let event = try parser.nextEvent() {
                switch event {
                case .head(let head):
                    precondition(head.headers.count <= fuzzLimits.maxHeaderCount)
                    precondition(head.target.utf8.count <= fuzzLimits.maxTargetBytes)
                    bodyBytes = 0
                case .body(let chunk):
                    bodyBytes += chunk.count
                    precondition(bodyBytes <= fuzzLimits.maxBodyBytes)
                    if case .body(let previous)? = events.last { events[events.count - 1] = .body(previous + chunk); continue }
                case .end: break
                }
                events.append(event)
            }
            precondition(parser.isPausedForUpgrade || parser.bufferedByteCount <= fuzzLimits.maxStartLineBytes + 1)
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
