import SwitchboardTesting
import Wire

/// Helpers that feed chunks to each Wire parser and record what it produced, for exact assertions,
/// the chunk-split verifier and the random-input tests.
enum Transcripts {
    typealias Request = ParseTranscript<HTTPRequestParser.Event, HTTPParseError>
    typealias Response = ParseTranscript<HTTPResponseParser.Event, HTTPParseError>
    typealias Frames = ParseTranscript<WebSocketFrame, WebSocketError>
    typealias Messages = ParseTranscript<WebSocketMessage, WebSocketError>
    typealias Events = ParseTranscript<SSEEvent, SSEParseError>

    static func requests(_ chunks: [ArraySlice<UInt8>], limits: HTTPParserLimits = HTTPParserLimits(), finish: Bool = false) -> Request {
        Request.record(chunks, into: HTTPRequestParser(limits: limits),
                       append: { $0.append($1) }, next: { parser throws(HTTPParseError) in try parser.nextEvent() },
                       finish: finish ? { $0.finishInput() } : nil)
            .coalescing(mergeRequestBodies)
    }

    static func requests(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> Request {
        requests([Array(text.utf8)[...]], limits: limits)
    }

    static func responses(_ chunks: [ArraySlice<UInt8>], limits: HTTPParserLimits = .client, method: String = "GET", finish: Bool = false) -> Response {
        Response.record(chunks, into: HTTPResponseParser(limits: limits, requestMethod: method),
                        append: { $0.append($1) }, next: { parser throws(HTTPParseError) in try parser.nextEvent() },
                        finish: finish ? { $0.finishInput() } : nil)
            .coalescing(mergeResponseBodies)
    }

    static func responses(_ text: String, method: String = "GET", finish: Bool = false) -> Response {
        responses([Array(text.utf8)[...]], method: method, finish: finish)
    }

    static func frames(_ chunks: [ArraySlice<UInt8>], role: WebSocketRole, maxFrame: Int = WebSocketFrameDecoder.defaultMaxFramePayloadBytes) -> Frames {
        Frames.record(chunks, into: WebSocketFrameDecoder(role: role, maxFramePayloadBytes: maxFrame),
                      append: { $0.append($1) }, next: { decoder throws(WebSocketError) in try decoder.nextFrame() })
    }

    static func messages(_ chunks: [ArraySlice<UInt8>], role: WebSocketRole, maxFrame: Int = WebSocketFrameDecoder.defaultMaxFramePayloadBytes,
                         maxMessage: Int = WebSocketMessageAssembler.defaultMaxMessageBytes) -> Messages {
        Messages.record(chunks, into: WebSocketMessageAssembler(role: role, maxFramePayloadBytes: maxFrame, maxMessageBytes: maxMessage),
                        append: { $0.append($1) }, next: { assembler throws(WebSocketError) in try assembler.nextMessage() })
    }

    static func messages(_ bytes: [UInt8], role: WebSocketRole, maxMessage: Int = WebSocketMessageAssembler.defaultMaxMessageBytes) -> Messages {
        messages([bytes[...]], role: role, maxMessage: maxMessage)
    }

    static func events(_ chunks: [ArraySlice<UInt8>], maxEventBytes: Int = SSEParser.defaultMaxEventBytes) -> Events {
        Events.record(chunks, into: SSEParser(maxEventBytes: maxEventBytes),
                      append: { $0.append($1) }, next: { parser throws(SSEParseError) in try parser.nextEvent() })
    }

    static func events(_ text: String, maxEventBytes: Int = SSEParser.defaultMaxEventBytes) -> Events {
        events([Array(text.utf8)[...]], maxEventBytes: maxEventBytes)
    }

    static func mergeRequestBodies(_ a: HTTPRequestParser.Event, _ b: HTTPRequestParser.Event) -> HTTPRequestParser.Event? {
        if case .body(let x) = a, case .body(let y) = b { return .body(x + y) }
        return nil
    }

    static func mergeResponseBodies(_ a: HTTPResponseParser.Event, _ b: HTTPResponseParser.Event) -> HTTPResponseParser.Event? {
        if case .body(let x) = a, case .body(let y) = b { return .body(x + y) }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// Bytes from a hex string such as "81 05 48 65"; spaces ignored.
    init(hex: String) {
        let digits = hex.filter { !$0.isWhitespace }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            bytes.append(UInt8(digits[index..<next], radix: 16)!)
            index = next
        }
        self = bytes
    }

    var hex: String { map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
}
