import Foundation

/// Parses one Twilio Media Streams text message (protocols.md §1.2). Pure and bounded.
///
/// `media` (50 a second per call) takes a fast path: one pass of `JSONScanner` over the bytes that
/// finds `event`, `media.track` and `media.payload` and returns the payload's byte range — no Foundation,
/// no allocation. The rare events (`connected`, `start`, `dtmf`, `mark`, `stop`) go through
/// `JSONSerialization`.
public struct TwilioMessageParser: Sendable {
    /// A `start` with many custom parameters is a few KiB; a 20 ms media message about 300 bytes.
    public static let defaultMaxMessageBytes = 64 * 1024

    public var maxMessageBytes: Int

    public init(maxMessageBytes: Int = TwilioMessageParser.defaultMaxMessageBytes) {
        self.maxMessageBytes = maxMessageBytes
    }

    /// Parses `text`; a `media` payload range refers to `text.utf8`.
    public func parse(_ text: String) throws(TwilioMessageError) -> TwilioMessage {
        var text = text
        let result = text.withUTF8 { bytes in Result { () throws(TwilioMessageError) in try parse(bytes) } }
        return try result.get()
    }

    /// Parses a message's UTF-8 bytes; a `media` payload range refers to `bytes`.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(TwilioMessageError) -> TwilioMessage {
        guard bytes.count <= maxMessageBytes else {
            throw TwilioMessageError(.messageTooLarge, at: maxMessageBytes, "\(bytes.count) bytes, limit \(maxMessageBytes)")
        }
        var scanner = JSONScanner(bytes)
        var event: Range<Int>?
        var track = TwilioMediaChunk.Track.other
        var payload: Range<Int>?
        try scanner.object { scanner, key, depth throws(TwilioMessageError) in
            if scanner.matches(key, "event") {
                event = try scanner.string()
            } else if scanner.matches(key, "media"), scanner.peekIsObject {
                try scanner.object(depth: depth) { scanner, key, depth throws(TwilioMessageError) in
                    if scanner.matches(key, "payload") {
                        payload = try scanner.string()
                    } else if scanner.matches(key, "track") {
                        let value = try scanner.string()
                        track = scanner.matches(value, "inbound") ? .inbound : scanner.matches(value, "outbound") ? .outbound : .other
                    } else {
                        try scanner.skipValue(depth: depth)
                    }
                }
            } else {
                try scanner.skipValue(depth: depth)
            }
        }
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw scanner.failure("trailing bytes after the message") }
        guard let event else { throw TwilioMessageError(.malformedJSON, at: 0, "no \"event\"") }
        if scanner.matches(event, "media") {
            guard let payload else { throw TwilioMessageError(.malformedJSON, at: event.lowerBound, "media without \"media.payload\"") }
            return .media(TwilioMediaChunk(track: track, payload: payload))
        }
        return try TwilioRareEventDecoder.decode(bytes, event: String(decoding: UnsafeBufferPointer(rebasing: bytes[event]), as: UTF8.self),
                                                 eventOffset: event.lowerBound)
    }
}

extension JSONScanner {
    /// Whether the next value is an object (a `media` key holding something else is skipped).
    var peekIsObject: Bool {
        var probe = self
        probe.skipWhitespace()
        return probe.index < bytes.count && bytes[probe.index] == 0x7B
    }
}
