/// Why a WebSocket byte stream was refused, where, and the close code to send before closing.
public struct WebSocketError: WireError {
    public enum Kind: Sendable, Equatable {
        /// RFC 6455 §5.2: an RSV bit set with no extension negotiated that defines it.
        case reservedBitsSet
        /// Opcode 0x3–0x7 or 0xB–0xF.
        case reservedOpcode
        /// RFC 6455 §5.1: a client sent an unmasked frame to the server.
        case unmaskedClientFrame
        /// RFC 6455 §5.1: a server sent a masked frame to the client.
        case maskedServerFrame
        /// RFC 6455 §5.5: control frames must not be fragmented ...
        case fragmentedControlFrame
        /// ... and carry at most 125 bytes.
        case controlFrameTooLong
        /// RFC 6455 §5.2: the most significant bit of a 64-bit length must be 0.
        case lengthMostSignificantBitSet
        /// A frame's payload is over the decoder's `maxFramePayloadBytes`.
        case frameTooLarge
        /// A message's payload (all fragments) is over the assembler's `maxMessageBytes`.
        case messageTooLarge
        /// A continuation frame with no fragmented message in progress.
        case unexpectedContinuation
        /// A new text/binary frame while a fragmented message is still in progress.
        case expectedContinuation
        /// A text message or close reason that is not valid UTF-8.
        case invalidUTF8
        /// A close payload of exactly one byte.
        case invalidClosePayload
        /// A close code that may not appear on the wire.
        case invalidCloseCode
    }

    public let kind: Kind
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) { self.kind = kind; self.offset = offset }

    /// The code to put in our close frame (RFC 6455 §7.4.1).
    public var closeCode: WebSocketCloseCode {
        switch kind {
        case .frameTooLarge, .messageTooLarge: .messageTooBig
        case .invalidUTF8: .invalidPayload
        default: .protocolError
        }
    }

    public var description: String { "WebSocket \(kind) (close \(closeCode)) at byte \(offset)" }
}
