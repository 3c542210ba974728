// libFuzzer entry for JSONParser. Checks: no crash on any input; an accepted document stays within
// the limits (elements), and re-encoding it parses back to the same value; an error's offset lies in
// the input. The parser takes whole documents, so there is no chunking to compare.

import Wire

let parser = JSONParser(maxBytes: 4096, maxDepth: 16, maxStringBytes: 256, maxElements: 128)

func count(_ value: JSONValue) -> Int {
    switch value {
    case .array(let values): 1 + values.reduce(0) { $0 + count($1) }
    case .object(let members): 1 + members.reduce(0) { $0 + count($1.1) }
    default: 1
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let value = try parser.parse(bytes)
        precondition(count(value) <= parser.maxElements, "element limit exceeded")
        let again = try JSONParser().parse(value.encoded())
        precondition(again == value, "re-encoding changed the value")
    } catch {
        precondition(error.offset >= 0 && error.offset <= bytes.count, "offset outside the input")
    }
    return 0
}
