// libFuzzer entry for HTTPResponseParser (see HTTPRequest.swift for the scheme). The second input
// byte picks the request method (GET, HEAD, CONNECT), which changes response framing.

import Wire

let fuzzLimits = HTTPParserLimits(maxStartLineBytes: 256, maxFieldLineBytes: 256, maxHeaderBytes: 1024,
                                  maxHeaderCount: 16, maxBodyBytes: 2048, maxChunkLineBytes: 64)

func run(_ bytes: UnsafeRawBufferPointer, readSize: Int, method: String) -> ([HTTPResponseParser.Event], HTTPParseError?) {
    var parser = HTTPResponseParser(limits: fuzzLimits, requestMethod: method)
    var events: [HTTPResponseParser.Event] = []
    var bodyBytes = 0
    var start = 0
    var ended = false
    while !ended {
        if start < bytes.count {
            let end = min(bytes.count, start + readSize)
            parser.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = end
        } else {
            parser.finishInput()
            ended = true
        }
        do {
            while let event = try parser.nextEvent() {
                switch event {
                case .head(let head): precondition(head.headers.count <= fuzzLimits.maxHeaderCount); bodyBytes = 0
                case .body(let chunk):
                    bodyBytes += chunk.count
                    precondition(bodyBytes <= fuzzLimits.maxBodyBytes)
                    if case .body(let previous)? = events.last { events[events.count - 1] = .body(previous + chunk); continue }
                case .end: break
                }
                events.append(event)
            }
        } catch {
            precondition(error.offset >= 0 && error.offset <= bytes.count)
            return (events, error)
        }
    }
    return (events, nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    let readSize = Int(data[0] % 16) + 1
    let method = ["GET", "HEAD", "CONNECT"][Int(data[1] % 3)]
    let bytes = UnsafeRawBufferPointer(start: data + 2, count: size - 2)
    let whole = run(bytes, readSize: max(1, bytes.count), method: method)
    let chunked = run(bytes, readSize: readSize, method: method)
    precondition(whole.0 == chunked.0 && whole.1 == chunked.1, "chunking changed the result")
    return 0
}
