/// Why an HTTP/1.1 message was refused, where, and which status a server should answer with before
/// closing the connection (a client treats every kind as a failed exchange).
public struct HTTPParseError: WireError {
    public enum Kind: Sendable, Equatable {
        // Start line.
        case invalidMethod, invalidTarget, targetTooLong, startLineTooLong
        case invalidVersion, unsupportedVersion, invalidStatusLine
        // Field lines.
        case invalidFieldName, invalidFieldValue, obsoleteLineFolding, bareCarriageReturn
        case fieldLineTooLong, headerSectionTooLarge, tooManyFields
        case missingHost, duplicateHost
        // Framing (RFC 9112 §6).
        case invalidContentLength, conflictingContentLength, bodyTooLarge
        case transferEncodingWithContentLength, transferEncodingInHTTP10, chunkedNotFinal
        case unsupportedTransferCoding
        case invalidChunkSize, chunkSizeOverflow, chunkLineTooLong, invalidChunkTerminator
        /// The input ended in the middle of a message.
        case truncatedMessage
    }

    public let kind: Kind
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) { self.kind = kind; self.offset = offset }

    /// The status a server answers with (RFC 9110 §15, RFC 9112, RFC 6585 for 431).
    public var status: Int {
        switch kind {
        case .targetTooLong, .startLineTooLong: 414
        case .fieldLineTooLong, .headerSectionTooLarge, .tooManyFields: 431
        case .bodyTooLarge: 413
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        default: 400
        }
    }

    public var description: String { "HTTP \(kind) (answer \(status)) at byte \(offset)" }
}
