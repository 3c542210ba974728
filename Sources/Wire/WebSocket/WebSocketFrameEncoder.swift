/// Writes RFC 6455 frames with the minimal length encoding (§5.2). A server passes no masking key;
/// a client passes a fresh key for every frame (§5.3), which keeps this code pure.
public enum WebSocketFrameEncoder {
    /// RFC 6455 §5.5.1: a close reason fits in 125 bytes minus the 2-byte code.
    public static let maxCloseReasonBytes = 123

    /// Appends one frame carrying `payload` to `out`.
    public static func appendFrame(
        opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer, fin: Bool = true, reservedBits: UInt8 = 0,
        maskingKey: WebSocketMaskingKey? = nil, to out: inout [UInt8]
    ) {
        let length = payload.count
        out.reserveCapacity(out.count + 14 + length)
        out.append((fin ? 0x80 : 0) | (reservedBits & 0b111) << 4 | opcode.rawValue)
        let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
        if length < 126 {
            out.append(maskBit | UInt8(length))
        } else if length <= Int(UInt16.max) {
            out.append(maskBit | 126)
            out.append(UInt8(length >> 8)); out.append(UInt8(length & 0xFF))
        } else {
            out.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: length >> shift)) }
        }
        guard let key = maskingKey else {
            out.append(contentsOf: payload)
            return
        }
        out.append(key.bytes.0); out.append(key.bytes.1); out.append(key.bytes.2); out.append(key.bytes.3)
        let start = out.count
        out.append(contentsOf: payload)
        out.withUnsafeMutableBytes { all in
            let tail = UnsafeMutableRawBufferPointer(rebasing: all[start...])
            key.apply(UnsafeRawBufferPointer(tail), into: tail)
        }
    }

    public static func appendFrame(
        opcode: WebSocketOpcode, payload: [UInt8], fin: Bool = true, reservedBits: UInt8 = 0,
        maskingKey: WebSocketMaskingKey? = nil, to out: inout [UInt8]
    ) {
        payload.withUnsafeBytes { appendFrame(opcode: opcode, payload: $0, fin: fin, reservedBits: reservedBits, maskingKey: maskingKey, to: &out) }
    }

    /// One whole frame as a new buffer.
    public static func frame(opcode: WebSocketOpcode, payload: [UInt8], fin: Bool = true, maskingKey: WebSocketMaskingKey? = nil) -> [UInt8] {
        var out: [UInt8] = []
        appendFrame(opcode: opcode, payload: payload, fin: fin, maskingKey: maskingKey, to: &out)
        return out
    }

    /// A text message in one frame.
    public static func text(_ text: String, maskingKey: WebSocketMaskingKey? = nil) -> [UInt8] {
        frame(opcode: .text, payload: Array(text.utf8), maskingKey: maskingKey)
    }

    /// A ping or pong; the payload is cut to the 125 bytes a control frame may carry.
    public static func appendControl(_ opcode: WebSocketOpcode, payload: [UInt8], maskingKey: WebSocketMaskingKey? = nil, to out: inout [UInt8]) {
        let cut = Array(payload.prefix(WebSocketFrameDecoder.maxControlPayloadBytes))
        appendFrame(opcode: opcode, payload: cut, maskingKey: maskingKey, to: &out)
    }

    /// A close frame: no payload when `code` is nil, else the code and the reason cut to 123 bytes
    /// on a character boundary (RFC 6455 §5.5.1).
    public static func appendClose(code: WebSocketCloseCode?, reason: String = "", maskingKey: WebSocketMaskingKey? = nil, to out: inout [UInt8]) {
        var payload: [UInt8] = []
        if let code {
            payload = [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)]
            var reasonBytes = 0
            for scalar in reason.unicodeScalars {
                let size = UTF8.width(scalar)
                guard reasonBytes + size <= maxCloseReasonBytes else { break }
                reasonBytes += size
            }
            payload.append(contentsOf: reason.utf8.prefix(reasonBytes))
        }
        appendFrame(opcode: .close, payload: payload, maskingKey: maskingKey, to: &out)
    }
}
