/// Sends one RFC 4733 DTMF event as RTP packets, one decision per media tick (ptime): the first packet
/// carries the marker bit, interim updates follow at least every `updateInterval` with the growing
/// duration, and the end is sent three times (RFC 4733 §2.5.1.4) with the E bit, the final duration and
/// new sequence numbers. Every packet of the event carries the event's start timestamp. Pure: the owner
/// calls `next()` once per tick and sends what it returns with its own sequence numbers and SSRC.
public struct TelephoneEventSender: Sendable {
    /// RFC 4733 §2.5.1.2: updates at least every 50 ms (400 units at 8 kHz).
    public static let defaultUpdateIntervalMilliseconds = 50
    /// RFC 4733 §2.5.1.4: the final packet is sent three times.
    public static let endRepetitions = 3
    /// A common key-press length (Q.24 needs 40 ms; most gateways send 100 ms or more).
    public static let defaultDurationMilliseconds = 100

    /// One packet to send.
    public struct Packet: Sendable, Equatable {
        /// Set on the first packet of the event only.
        public var marker: Bool
        /// The event's start timestamp (RTP units), identical on every packet of the event.
        public var timestamp: UInt32
        public var event: TelephoneEvent
    }

    public let digit: DTMFDigit
    public let startTimestamp: UInt32
    /// Total event length in timestamp units.
    public let durationUnits: Int
    /// Timestamp units that pass per tick (160 for 20 ms at 8 kHz).
    public let unitsPerTick: Int
    public let updateIntervalUnits: Int
    public let volume: UInt8
    private var elapsedUnits = 0
    /// Duration at which the next interim update is due; nil before the first packet.
    private var nextUpdateUnits: Int?
    private var endsSent = 0

    /// - Parameters:
    ///   - clockRate: the RTP clock of the telephone-event payload type (the audio codec's).
    ///   - tickMilliseconds: how often `next()` is called (the stream's ptime).
    public init(digit: DTMFDigit, startTimestamp: UInt32, clockRate: Int = 8000,
                durationMilliseconds: Int = defaultDurationMilliseconds, tickMilliseconds: Int = 20,
                updateIntervalMilliseconds: Int = defaultUpdateIntervalMilliseconds,
                volume: UInt8 = TelephoneEvent.typicalVolume) {
        self.digit = digit
        self.startTimestamp = startTimestamp
        unitsPerTick = max(1, clockRate * tickMilliseconds / 1000)
        // A single event longer than 16 bits of duration would need segments (RFC 4733 §2.5.1.3): capped.
        durationUnits = min(Int(UInt16.max), max(unitsPerTick, clockRate * durationMilliseconds / 1000))
        updateIntervalUnits = max(unitsPerTick, clockRate * updateIntervalMilliseconds / 1000)
        self.volume = min(volume, TelephoneEvent.maximumVolume)
    }

    /// True once every end packet has been handed out.
    public var isFinished: Bool { endsSent >= Self.endRepetitions }

    /// The packet to send at this tick, if any; advances by one tick. Updates are due every
    /// `updateIntervalUnits` after the start and go out on the first tick at or after that (with 20 ms
    /// ticks and 50 ms updates: 40 or 60 ms apart, 50 on average).
    public mutating func next() -> Packet? {
        guard !isFinished else { return nil }
        elapsedUnits += unitsPerTick
        let duration = min(durationUnits, elapsedUnits)
        let isFirst = nextUpdateUnits == nil
        if duration >= durationUnits {
            endsSent += 1
            nextUpdateUnits = Int.max
            return packet(duration: durationUnits, isEnd: true, marker: isFirst)
        }
        if let due = nextUpdateUnits, duration < due { return nil }
        nextUpdateUnits = (nextUpdateUnits ?? 0) + updateIntervalUnits
        return packet(duration: duration, isEnd: false, marker: isFirst)
    }

    private func packet(duration: Int, isEnd: Bool, marker: Bool) -> Packet {
        Packet(marker: marker, timestamp: startTimestamp,
               event: TelephoneEvent(digit: digit, isEnd: isEnd, volume: volume, duration: UInt16(duration)))
    }
}
