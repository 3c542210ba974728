/// Why a SIP message was refused, where (byte offset in the message), and what to answer: `status`
/// with `reasonPhrase` for a request (RFC 3261 §21.4.1: the reason phrase names the problem). An
/// unparsable response is dropped, never answered (`isResponse`).
public struct SIPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Equatable, Sendable {
        /// The whole message exceeds `maxMessageBytes` (513).
        case messageTooLarge
        /// One header field (folded lines included) exceeds `maxHeaderLineBytes` (513).
        case headerLineTooLong
        /// More header fields than `maxHeaders` (513).
        case tooManyHeaders
        /// Content-Length above `maxBodyBytes` (413).
        case bodyTooLarge
        /// Nothing but white space or line ends.
        case emptyMessage
        case invalidStartLine(String)
        /// A well-formed SIP version other than 2.0 (505).
        case unsupportedVersion
        case invalidRequestURI(String)
        case invalidLineEnding
        /// The header section does not end with an empty line.
        case truncatedHeaderSection
        case invalidHeaderLine
        case invalidHeader(name: String, reason: String)
        case missingHeader(String)
        case duplicateHeader(String)
        case cseqMethodMismatch
        /// Stream transports need Content-Length (RFC 3261 §18.3).
        case missingContentLength
        /// Content-Length larger than the bytes received (RFC 3261 §18.3, RFC 4475 §3.1.2.2), or not
        /// equal to them on a stream.
        case contentLengthMismatch
    }

    public let kind: Kind
    public let offset: Int
    /// True when the start line was a status line: the message is dropped, not answered.
    public let isResponse: Bool

    public init(_ kind: Kind, at offset: Int, isResponse: Bool = false) {
        self.kind = kind
        self.offset = offset
        self.isResponse = isResponse
    }

    /// The response status for a refused request.
    public var status: Int {
        switch kind {
        case .messageTooLarge, .headerLineTooLong, .tooManyHeaders: 513
        case .bodyTooLarge: 413
        case .unsupportedVersion: 505
        default: 400
        }
    }

    /// A reason phrase naming the problem, for the response line.
    public var reasonPhrase: String {
        switch kind {
        case .messageTooLarge, .headerLineTooLong, .tooManyHeaders: "Message Too Large"
        case .bodyTooLarge: "Request Entity Too Large"
        case .unsupportedVersion: "Version Not Supported"
        case .emptyMessage: "Bad Request (Empty Message)"
        case .invalidStartLine(let why): "Bad Request (Invalid Start Line: \(why))"
        case .invalidRequestURI(let why): "Bad Request (Invalid Request-URI: \(why))"
        case .invalidLineEnding: "Bad Request (Invalid Line Ending)"
        case .truncatedHeaderSection: "Bad Request (Truncated Header Section)"
        case .invalidHeaderLine: "Bad Request (Invalid Header Line)"
        case .invalidHeader(let name, let reason): "Bad Request (Invalid \(name): \(reason))"
        case .missingHeader(let name): "Bad Request (Missing \(name) Header Field)"
        case .duplicateHeader(let name): "Bad Request (Multiple \(name) Header Fields)"
        case .cseqMethodMismatch: "Bad Request (CSeq Method Does Not Match)"
        case .missingContentLength: "Bad Request (Missing Content-Length)"
        case .contentLengthMismatch: "Bad Request (Content-Length Does Not Match Body)"
        }
    }

    public var description: String { "SIP \(status) \(reasonPhrase) at byte \(offset)" }
}
