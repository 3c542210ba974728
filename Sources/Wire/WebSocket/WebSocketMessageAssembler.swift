/// Turns a WebSocket byte stream into messages (RFC 6455 §5.4–§5.6): reassembles fragments, checks
/// continuation order, validates text as UTF-8 across fragments (failing fast), enforces a message
/// size limit across fragments, and checks close payloads. After a close message it yields nothing
/// more. Errors carry the close code to send.
public struct WebSocketMessageAssembler: Sendable {
    /// protocols.md §9.4: 1 MiB is the hard cap for one reassembled message.
    public static let defaultMaxMessageBytes = 1024 * 1024

    public let maxMessageBytes: Int
    private var decoder: WebSocketFrameDecoder
    private var fragments: [UInt8] = []
    private var fragmentedOpcode: WebSocketOpcode?
    private var utf8 = UTF8Validator()
    private var failure: WebSocketError?
    public private(set) var hasReceivedClose = false

    public init(
        role: WebSocketRole,
        maxFramePayloadBytes: Int = WebSocketFrameDecoder.defaultMaxFramePayloadBytes,
        maxMessageBytes: Int = defaultMaxMessageBytes,
        allowedReservedBits: UInt8 = 0
    ) {
        decoder = WebSocketFrameDecoder(role: role, maxFramePayloadBytes: maxFramePayloadBytes, allowedReservedBits: allowedReservedBits)
        self.maxMessageBytes = max(0, maxMessageBytes)
        decoder.remainingMessageBudget = self.maxMessageBytes
    }

    /// Bytes received but not yet turned into messages, plus fragments of an unfinished message.
    public var bufferedByteCount: Int { decoder.bufferedByteCount + fragments.count }

    public mutating func append(_ bytes: [UInt8]) { decoder.append(bytes) }
    public mutating func append(_ bytes: ArraySlice<UInt8>) { decoder.append(bytes) }
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { decoder.append(bytes) }

    /// The next complete message, or nil when more bytes are needed (or after a close).
    public mutating func nextMessage() throws(WebSocketError) -> WebSocketMessage? {
        if let failure { throw failure }
        do throws(WebSocketError) {
            while !hasReceivedClose, let frame = try decoder.nextFrame() {
                if let message = try accept(frame) { return message }
            }
            return nil
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func accept(_ frame: WebSocketFrame) throws(WebSocketError) -> WebSocketMessage? {
        switch frame.opcode {
        case .ping: return .ping(frame.payload)
        case .pong: return .pong(frame.payload)
        case .close:
            hasReceivedClose = true
            return try closeMessage(frame.payload)
        case .text, .binary:
            guard fragmentedOpcode == nil else { throw WebSocketError(.expectedContinuation, at: decoder.lastFrameOffset) }
            fragmentedOpcode = frame.opcode
            utf8 = UTF8Validator()
        case .continuation:
            guard fragmentedOpcode != nil else { throw WebSocketError(.unexpectedContinuation, at: decoder.lastFrameOffset) }
        }
        if fragmentedOpcode == .text, let bad = utf8.validate(frame.payload) {
            throw WebSocketError(.invalidUTF8, at: decoder.lastPayloadOffset + bad)
        }
        guard frame.fin else {
            fragments.append(contentsOf: frame.payload)
            decoder.remainingMessageBudget = maxMessageBytes - fragments.count
            return nil
        }
        let isText = fragmentedOpcode == .text
        let payload: [UInt8]
        if fragments.isEmpty {
            payload = frame.payload
        } else {
            fragments.append(contentsOf: frame.payload)
            payload = fragments
            fragments = []
        }
        fragmentedOpcode = nil
        decoder.remainingMessageBudget = maxMessageBytes
        guard isText else { return .binary(payload) }
        guard utf8.isAtCharacterBoundary else {
            throw WebSocketError(.invalidUTF8, at: decoder.lastPayloadOffset + frame.payload.count)
        }
        return .text(String(decoding: payload, as: UTF8.self))
    }

    /// RFC 6455 §5.5.1 and §7.4: empty, or a 2-byte code allowed on the wire plus a UTF-8 reason.
    private func closeMessage(_ payload: [UInt8]) throws(WebSocketError) -> WebSocketMessage {
        guard !payload.isEmpty else { return .close(code: nil, reason: "") }
        let at = decoder.lastPayloadOffset
        guard payload.count >= 2 else { throw WebSocketError(.invalidClosePayload, at: at) }
        let code = WebSocketCloseCode(UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isAllowedOnWire else { throw WebSocketError(.invalidCloseCode, at: at) }
        let reason = Array(payload[2...])
        var validator = UTF8Validator()
        if let bad = validator.validate(reason) { throw WebSocketError(.invalidUTF8, at: at + 2 + bad) }
        guard validator.isAtCharacterBoundary else { throw WebSocketError(.invalidUTF8, at: at + payload.count) }
        return .close(code: code, reason: String(decoding: reason, as: UTF8.self))
    }
}
