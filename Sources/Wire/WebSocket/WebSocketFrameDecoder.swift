/// Incremental RFC 6455 frame decoder: feed bytes with `append`, take frames with `nextFrame()`.
/// It checks every per-frame rule (RSV bits, reserved opcodes, masking direction, control frame size
/// and fragmentation, 64-bit length MSB, frame size limit) from the header alone, before buffering a
/// payload, and unmasks payloads. Message-level rules live in `WebSocketMessageAssembler`.
public struct WebSocketFrameDecoder: Sendable {
    /// protocols.md §9.4: 1 MiB is the hard cap for one frame's payload.
    public static let defaultMaxFramePayloadBytes = 1024 * 1024
    /// RFC 6455 §5.5: control frame payloads are at most 125 bytes.
    public static let maxControlPayloadBytes = 125

    public let role: WebSocketRole
    public let maxFramePayloadBytes: Int
    /// RSV bits an extension negotiated for this connection may set (0 without extensions).
    public let allowedReservedBits: UInt8

    private var input = ByteQueue()
    private var failure: WebSocketError?
    /// Bytes a data frame may still carry before the current message is too big (set by the assembler).
    var remainingMessageBudget = Int.max
    /// Absolute offsets of the last frame returned and of its payload.
    private(set) var lastFrameOffset = 0
    private(set) var lastPayloadOffset = 0

    public init(role: WebSocketRole, maxFramePayloadBytes: Int = defaultMaxFramePayloadBytes, allowedReservedBits: UInt8 = 0) {
        self.role = role
        self.maxFramePayloadBytes = max(0, maxFramePayloadBytes)
        self.allowedReservedBits = allowedReservedBits & 0b111
    }

    public var bufferedByteCount: Int { input.count }

    public mutating func append(_ bytes: [UInt8]) { input.append(bytes[...]) }
    public mutating func append(_ bytes: ArraySlice<UInt8>) { input.append(bytes) }
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { input.append(bytes) }

    /// Hands back bytes not yet decoded (for instance after a close frame).
    public mutating func takeUnparsedBytes() -> [UInt8] { input.takeAll() }

    /// The next complete frame, or nil when more bytes are needed.
    public mutating func nextFrame() throws(WebSocketError) -> WebSocketFrame? {
        if let failure { throw failure }
        do throws(WebSocketError) {
            return try decode()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func decode() throws(WebSocketError) -> WebSocketFrame? {
        guard input.count >= 2 else { return nil }
        let base = input.offset
        let b0 = input[0], b1 = input[1]
        let fin = b0 & 0x80 != 0
        let reservedBits = (b0 >> 4) & 0b111
        guard reservedBits & ~allowedReservedBits == 0 else { throw WebSocketError(.reservedBitsSet, at: base) }
        guard let opcode = WebSocketOpcode(rawValue: b0 & 0x0F) else { throw WebSocketError(.reservedOpcode, at: base) }
        let masked = b1 & 0x80 != 0
        let shortLength = Int(b1 & 0x7F)
        if opcode.isControl {
            guard fin else { throw WebSocketError(.fragmentedControlFrame, at: base) }
            guard shortLength <= Self.maxControlPayloadBytes else { throw WebSocketError(.controlFrameTooLong, at: base + 1) }
        }
        switch role {
        case .server: guard masked else { throw WebSocketError(.unmaskedClientFrame, at: base + 1) }
        case .client: guard !masked else { throw WebSocketError(.maskedServerFrame, at: base + 1) }
        }
        // RFC 6455 §5.2: 126 → 16-bit length follows, 127 → 64-bit length follows.
        var headerLength = 2
        var length = shortLength
        if shortLength == 126 {
            guard input.count >= 4 else { return nil }
            length = Int(input[2]) << 8 | Int(input[3])
            headerLength = 4
        } else if shortLength == 127 {
            guard input.count >= 10 else { return nil }
            guard input[2] & 0x80 == 0 else { throw WebSocketError(.lengthMostSignificantBitSet, at: base + 2) }
            var value: UInt64 = 0
            for i in 2..<10 { value = value << 8 | UInt64(input[i]) }
            length = Int(value)
            headerLength = 10
        }
        if !opcode.isControl {
            guard length <= maxFramePayloadBytes else { throw WebSocketError(.frameTooLarge, at: base + 1) }
            guard length <= remainingMessageBudget else { throw WebSocketError(.messageTooLarge, at: base + 1) }
        }
        let maskLength = masked ? 4 : 0
        guard input.count >= headerLength + maskLength + length else { return nil }
        let key = masked ? WebSocketMaskingKey(input[headerLength], input[headerLength + 1],
                                               input[headerLength + 2], input[headerLength + 3]) : nil
        let payloadStart = headerLength + maskLength
        let payload = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            input.withBytes(from: payloadStart, length: length) { source in
                guard length > 0, let from = source.baseAddress, let to = out.baseAddress else { return }
                if let key {
                    key.apply(UnsafeRawBufferPointer(source), into: UnsafeMutableRawBufferPointer(out))
                } else {
                    to.initialize(from: from, count: length)
                }
            }
            initialized = length
        }
        lastFrameOffset = base
        lastPayloadOffset = base + payloadStart
        input.consume(payloadStart + length)
        return WebSocketFrame(fin: fin, reservedBits: reservedBits, opcode: opcode, payload: payload)
    }
}
