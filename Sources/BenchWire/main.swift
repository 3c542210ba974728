import BenchSupport
import Wire

// switchboard-bench-wire: nanoseconds per operation for the Wire codecs on typical inputs.
// Build and run in release: swift run -c release switchboard-bench-wire [name filter words]

/// A typical API request head (about 300 bytes): what a provider SDK or a webhook sends.
let httpRequest = Array((
    "POST /v1/calls/CA42/events?source=twilio HTTP/1.1\r\nHost: switchboard.example.com\r\n"
    + "User-Agent: TwilioProxy/1.1\r\nAccept: */*\r\nContent-Type: application/json\r\n"
    + "Authorization: Bearer sk-test-0123456789abcdef\r\nX-Request-Id: 7f3c9a2e-41d2-4c55\r\n"
    + "Accept-Encoding: gzip\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").utf8)

/// 160 bytes of µ-law audio (20 ms at 8 kHz) in a masked binary frame, as a client sends it.
let audio = (0..<160).map { UInt8(truncatingIfNeeded: $0 &* 37) }
let maskingKey = WebSocketMaskingKey(0x37, 0xFA, 0x21, 0x3D)
let maskedFrame = WebSocketFrameEncoder.frame(opcode: .binary, payload: audio, maskingKey: maskingKey)

/// A Twilio Media Streams "media" message (20 ms of µ-law as base64 in JSON) in a masked text frame.
let twilioMedia = "{\"event\":\"media\",\"sequenceNumber\":\"42\",\"media\":{\"track\":\"inbound\",\"chunk\":\"41\","
    + "\"timestamp\":\"820\",\"payload\":\"\(Base64.encode(audio))\"},\"streamSid\":\"MZ0123456789abcdef\"}"
let twilioFrame = WebSocketFrameEncoder.text(twilioMedia, maskingKey: maskingKey)

/// One OpenAI chat-completions streaming chunk.
let sseChunk = Array(("data: {\"id\":\"chatcmpl-9x\",\"object\":\"chat.completion.chunk\",\"created\":1767000000,"
    + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" opens\"},\"finish_reason\":null}]}\n\n").utf8)

var requestParser = HTTPRequestParser()
var frameDecoder = WebSocketFrameDecoder(role: .server)
var assembler = WebSocketMessageAssembler(role: .server)
var encoded: [UInt8] = []
encoded.reserveCapacity(256)
var sseParser = SSEParser()

func drainRequest(_ parser: inout HTTPRequestParser) -> Int {
    var count = 0
    while let event = try? parser.nextEvent() {
        if case .head(let head) = event { count &+= head.headers.count }
        count &+= 1
    }
    return count
}

let benchmarks: [(String, Int, () -> Int)] = [
    ("HTTP request parse, reused parser", httpRequest.count, {
        requestParser.append(httpRequest)
        return drainRequest(&requestParser)
    }),
    ("HTTP request parse, new parser", httpRequest.count, {
        var parser = HTTPRequestParser()
        parser.append(httpRequest)
        return drainRequest(&parser)
    }),
    ("WebSocket frame decode (masked binary)", maskedFrame.count, {
        frameDecoder.append(maskedFrame)
        return (try? frameDecoder.nextFrame())?.payload.count ?? -1
    }),
    ("WebSocket message decode (assembler)", maskedFrame.count, {
        assembler.append(maskedFrame)
        guard case .binary(let bytes)? = try? assembler.nextMessage() else { return -1 }
        return bytes.count
    }),
    ("WebSocket text message decode (Twilio media JSON)", twilioFrame.count, {
        assembler.append(twilioFrame)
        guard case .text(let text)? = try? assembler.nextMessage() else { return -1 }
        return text.utf8.count
    }),
    ("WebSocket frame encode (masked binary)", maskedFrame.count, {
        encoded.removeAll(keepingCapacity: true)
        WebSocketFrameEncoder.appendFrame(opcode: .binary, payload: audio, maskingKey: maskingKey, to: &encoded)
        return encoded.count
    }),
    ("WebSocket frame encode (server, unmasked)", maskedFrame.count - 4, {
        encoded.removeAll(keepingCapacity: true)
        WebSocketFrameEncoder.appendFrame(opcode: .binary, payload: audio, to: &encoded)
        return encoded.count
    }),
    ("SSE event parse (OpenAI chunk)", sseChunk.count, {
        sseParser.append(sseChunk)
        return (try? sseParser.nextEvent())?.data.utf8.count ?? -1
    }),
]

// Optional arguments: words a benchmark's name must contain (case-insensitive), e.g. `http`.
runMicroBenchmarks(benchmarks)
