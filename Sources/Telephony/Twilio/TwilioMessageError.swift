/// Why a Twilio message (or the stream around it) was refused. `offset` is the byte offset in the
/// message where the problem was found, when there is one.
public struct TwilioMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Longer than the parser's `maxMessageBytes`.
        case messageTooLarge
        /// Not a JSON object, or a required field is missing or of the wrong type.
        case malformedJSON
        /// An `event` this endpoint does not know.
        case unknownEvent
        /// A `media` payload that is not canonical base64.
        case invalidBase64
        /// A `media` payload larger than `maxPayloadBytes` decoded.
        case payloadTooLarge
        /// `start` announced a media format other than µ-law 8 kHz mono.
        case unsupportedMediaFormat
        /// `media`, `dtmf` or `mark` before `start`, or a second `start`.
        case outOfOrder
    }

    public var kind: Kind
    public var offset: Int?
    public var detail: String

    public init(_ kind: Kind, at offset: Int? = nil, _ detail: String = "") {
        self.kind = kind
        self.offset = offset
        self.detail = detail
    }

    public var description: String {
        "\(kind.rawValue)" + (offset.map { " at byte \($0)" } ?? "") + (detail.isEmpty ? "" : ": \(detail)")
    }
}
