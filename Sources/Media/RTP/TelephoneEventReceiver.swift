/// Turns received RFC 4733 telephone-event packets into key presses, one per event: an event is known
/// by its RTP timestamp (all its packets, the three end packets included, share it), so a digit is
/// reported on the first packet of a new timestamp, whatever arrives after it (updates, retransmitted
/// ends, reordering). A continuation segment of a long event (same key, no marker, previous segment not
/// ended; RFC 4733 §2.5.1.3) is not reported again. Pure; one per inbound stream.
public struct TelephoneEventReceiver: Sendable {
    private var lastTimestamp: UInt32?
    private var lastSSRC: UInt32?
    private var lastEvent: UInt8?
    private var lastEnded = true
    /// Packets that belonged to an event already reported.
    public private(set) var repeatsIgnored = 0

    public init() {}

    /// Handles one parsed telephone-event payload (its first report; packing several events in one packet
    /// is for redundancy and carries nothing new here). Returns the key to report, if this is a new press.
    public mutating func receive(_ event: TelephoneEvent, timestamp: UInt32, ssrc: UInt32, marker: Bool) -> DTMFDigit? {
        if timestamp == lastTimestamp, ssrc == lastSSRC {
            if event.isEnd { lastEnded = true }
            repeatsIgnored += 1
            return nil
        }
        let continuation = ssrc == lastSSRC && !marker && event.event == lastEvent && !lastEnded
            && Int32(bitPattern: timestamp &- (lastTimestamp ?? timestamp)) > 0
        if let lastTimestamp, ssrc == lastSSRC, Int32(bitPattern: timestamp &- lastTimestamp) < 0 {
            repeatsIgnored += 1  // an older event arriving late: already reported or lost for good
            return nil
        }
        lastTimestamp = timestamp
        lastSSRC = ssrc
        lastEvent = event.event
        lastEnded = event.isEnd
        if continuation {
            repeatsIgnored += 1
            return nil
        }
        return event.digit
    }
}
