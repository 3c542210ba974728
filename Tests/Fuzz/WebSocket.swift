// libFuzzer entry for WebSocketMessageAssembler (and through it WebSocketFrameDecoder). The first
// byte picks a read size, the second the role. Checks: no crash, limits hold, chunking is irrelevant.

import Wire

let maxFrame = 512
let maxMessage = 1024

func run(_ bytes: UnsafeRawBufferPointer, readSize: Int, role: WebSocketRole) -> ([WebSocketMessage], WebSocketError?) {
    var assembler = WebSocketMessageAssembler(role: role, maxFramePayloadBytes: maxFrame, maxMessageBytes: maxMessage)
    var messages: [WebSocketMessage] = []
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + readSize)
        assembler.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        start = end
        do {
            while let message = try assembler.nextMessage() {
                switch message {
                case .text(let text): precondition(text.utf8.count <= maxMessage)
                case .binary(let data): precondition(data.count <= maxMessage)
                case .ping(let data), .pong(let data): precondition(data.count <= 125)
                case .close(let code, _): precondition(code?.isAllowedOnWire ?? true)
                }
                messages.append(message)
            }
        } catch {
            precondition(error.offset >= 0 && error.offset <= bytes.count)
            precondition([1002, 1007, 1009].contains(error.closeCode.rawValue))
            return (messages, error)
        }
    }
    return (messages, nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    let readSize = Int(data[0] % 16) + 1
    let role: WebSocketRole = data[1] & 1 == 0 ? .server : .client
    let bytes = UnsafeRawBufferPointer(start: data + 2, count: size - 2)
    let whole = run(bytes, readSize: max(1, bytes.count), role: role)
    let chunked = run(bytes, readSize: readSize, role: role)
    precondition(whole.0 == chunked.0 && whole.1 == chunked.1, "chunking changed the result")
    return 0
}
