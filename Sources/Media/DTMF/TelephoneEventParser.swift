/// Parses RFC 4733 telephone-event payloads: one or more 4-byte event reports. Untrusted input:
/// the payload length must be a whole, non-zero number of reports and at most `maximumEvents` of
/// them; the R bit is ignored as the RFC asks of receivers. Works on a whole payload (`parse`) or
/// incrementally (`feed` then `finish`), with the same result however the bytes are split.
public struct TelephoneEventParser: Sendable {
    /// Default bound on reports per payload: a sender packs a few consecutive short events at most.
    public static let defaultMaximumEvents = 8

    public let maximumEvents: Int
    private var events: [TelephoneEvent] = []
    private var partial: [UInt8] = []
    private var offset = 0
    private var failure: TelephoneEventError?

    public init(maximumEvents: Int = defaultMaximumEvents) {
        self.maximumEvents = max(1, maximumEvents)
    }

    /// The reports in `payload`.
    public func parse<Bytes: Collection<UInt8>>(_ payload: Bytes) throws(TelephoneEventError) -> [TelephoneEvent] {
        var parser = TelephoneEventParser(maximumEvents: maximumEvents)
        try parser.feed(payload)
        return try parser.finish()
    }

    /// Consumes more bytes of the payload.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(TelephoneEventError) {
        if let failure { throw failure }
        for byte in bytes {
            partial.append(byte)
            offset += 1
            guard partial.count == TelephoneEvent.byteCount else { continue }
            guard events.count < maximumEvents else {
                let error = TelephoneEventError(.tooManyEvents(limit: maximumEvents), at: offset - TelephoneEvent.byteCount)
                failure = error
                throw error
            }
            events.append(TelephoneEvent(event: partial[0], isEnd: partial[1] & 0x80 != 0,
                                         volume: partial[1] & TelephoneEvent.maximumVolume,
                                         duration: UInt16(partial[2]) << 8 | UInt16(partial[3])))
            partial.removeAll(keepingCapacity: true)
        }
    }

    /// Ends the payload and returns its reports.
    public mutating func finish() throws(TelephoneEventError) -> [TelephoneEvent] {
        if let failure { throw failure }
        guard partial.isEmpty else {
            throw TelephoneEventError(.partialEvent(byteCount: partial.count), at: offset - partial.count)
        }
        guard !events.isEmpty else { throw TelephoneEventError(.empty, at: 0) }
        return events
    }
}

/// Why a telephone-event payload was rejected, and the byte offset where that was found.
public struct TelephoneEventError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong with the payload.
    public enum Reason: Equatable, Sendable {
        /// No bytes at all.
        case empty
        /// The payload ends with a report of fewer than 4 bytes.
        case partialEvent(byteCount: Int)
        /// More reports than the parser's limit.
        case tooManyEvents(limit: Int)
    }

    public let reason: Reason
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "telephone-event: \(reason) at byte \(offset)" }
}
