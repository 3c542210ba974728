/// One RFC 4733 telephone-event report (the 4-byte payload of an RTP telephone-event packet):
///
///     0                   1                   2                   3
///     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///    |     event     |E|R| volume    |          duration             |
///
/// `duration` is in RTP timestamp units since the event began (the packet's timestamp).
public struct TelephoneEvent: Sendable, Equatable, CustomStringConvertible {
    /// RFC 4733 §2.3: each event report is 4 bytes.
    public static let byteCount = 4
    /// RFC 4733 §2.3.4: volume is 6 bits, 0...63 (power in −dBm0).
    public static let maximumVolume: UInt8 = 63
    /// The volume senders commonly put on DTMF reports (−10 dBm0).
    public static let typicalVolume: UInt8 = 10

    /// Event code (RFC 4733 §3.2: 0–15 are the DTMF keys, 16 is hook flash).
    public var event: UInt8
    /// The E bit: this report ends the event.
    public var isEnd: Bool
    /// Power level of the tone, 0...63 meaning 0 to −63 dBm0.
    public var volume: UInt8
    /// Duration so far, in RTP timestamp units.
    public var duration: UInt16

    /// - Precondition: `volume <= 63`.
    public init(event: UInt8, isEnd: Bool = false, volume: UInt8 = typicalVolume, duration: UInt16) {
        precondition(volume <= Self.maximumVolume, "RFC 4733 volume is 0...63, got \(volume)")
        self.event = event
        self.isEnd = isEnd
        self.volume = volume
        self.duration = duration
    }

    /// A report for a DTMF key.
    public init(digit: DTMFDigit, isEnd: Bool = false, volume: UInt8 = typicalVolume, duration: UInt16) {
        self.init(event: digit.eventCode, isEnd: isEnd, volume: volume, duration: duration)
    }

    /// The DTMF key this event is, if it is one.
    public var digit: DTMFDigit? { DTMFDigit(eventCode: event) }

    /// Appends the 4-byte wire form (the R bit is sent as 0).
    public func encode(into bytes: inout [UInt8]) {
        bytes.append(event)
        bytes.append((isEnd ? 0x80 : 0) | (volume & Self.maximumVolume))
        bytes.append(UInt8(duration >> 8))
        bytes.append(UInt8(duration & 0xFF))
    }

    /// The 4-byte wire form.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        encode(into: &bytes)
        return bytes
    }

    /// Start of each event relative to the packet's RTP timestamp when several are packed in one
    /// payload (RFC 4733 §2.5.1.5: packed events are consecutive, each starting where the previous
    /// ended). Offsets past 2³²−1 wrap, as RTP timestamps do.
    public static func startOffsets(of events: [TelephoneEvent]) -> [UInt32] {
        var offsets: [UInt32] = []
        var offset: UInt32 = 0
        for event in events {
            offsets.append(offset)
            offset &+= UInt32(event.duration)
        }
        return offsets
    }

    public var description: String {
        "event \(digit.map(String.init(describing:)) ?? String(event))\(isEnd ? " end" : "") vol -\(volume) dur \(duration)"
    }
}
