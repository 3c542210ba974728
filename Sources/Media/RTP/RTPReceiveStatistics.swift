/// Reception statistics for one RTP source, as RFC 3550 Appendix A computes them: sequence validation
/// and the extended highest sequence number (A.1), packets expected and lost (A.3), and interarrival
/// jitter (A.8); `reportBlock` turns them into an RR/SR report block and resets the interval counters.
/// Pure: the caller passes each packet's arrival time in RTP timestamp units of its own clock.
public struct RTPReceiveStatistics: Sendable, Equatable {
    /// RFC 3550 A.1: a jump ahead of more than this many sequence numbers is suspicious.
    public static let maximumDropout: UInt16 = 3000
    /// RFC 3550 A.1: packets this far behind are taken as reordered/duplicated, not a restart.
    public static let maximumMisorder: UInt16 = 100
    /// RFC 3550 A.1: sequential packets required before a source is valid.
    public static let minimumSequential = 2
    static let sequenceModulus: UInt32 = 1 << 16

    public private(set) var ssrc: UInt32?
    private var maximumSequence: UInt16 = 0
    private var cycles: UInt32 = 0
    private var baseSequence: UInt32 = 0
    private var badSequence: UInt32 = sequenceModulus + 1
    private var probation = minimumSequential
    /// Packets counted since the source became valid.
    public private(set) var received: UInt32 = 0
    private var expectedPrior: UInt32 = 0
    private var receivedPrior: UInt32 = 0
    /// RFC 3550 A.8 running jitter estimate, in timestamp units × 16.
    private var jitterScaled: UInt32 = 0
    private var lastTransit: Int64?

    public init() {}

    /// Whether the source has passed probation.
    public var isValid: Bool { ssrc != nil && probation == 0 }

    /// The extended highest sequence number received (cycles × 65536 + highest).
    public var extendedHighestSequence: UInt32 { cycles &+ UInt32(maximumSequence) }

    /// Packets expected from the first to the highest sequence number.
    public var expected: UInt32 { extendedHighestSequence &- baseSequence &+ 1 }

    /// Cumulative packets lost (negative when duplicates outnumber losses).
    public var cumulativeLost: Int64 { Int64(expected) - Int64(received) }

    /// Interarrival jitter in timestamp units.
    public var jitter: UInt32 { jitterScaled >> 4 }

    /// Counts a packet; returns false if A.1 rejects it (probation, or a large jump not yet confirmed).
    /// `arrival` is the arrival time in RTP timestamp units (any origin, wrapping allowed).
    @discardableResult
    public mutating func record(sequence: UInt16, timestamp: UInt32, ssrc: UInt32, arrival: UInt32) -> Bool {
        if self.ssrc != ssrc { restart(ssrc: ssrc, sequence: sequence) }
        guard update(sequence) else { return false }
        let transit = Int64(Int32(bitPattern: arrival &- timestamp))
        if let lastTransit {
            let difference = UInt32(min(abs(transit - lastTransit), Int64(UInt32.max >> 5)))
            // A.8: J += (|D| - J) / 16, kept scaled by 16.
            jitterScaled = jitterScaled &+ difference &- ((jitterScaled &+ 8) >> 4)
        }
        lastTransit = transit
        return true
    }

    /// A report block for the interval since the previous call, which starts a new interval (A.3).
    public mutating func reportBlock(lastSenderReport: UInt32 = 0, delaySinceLastSenderReport: UInt32 = 0) -> RTCPReportBlock? {
        guard let ssrc, isValid else { return nil }
        let expectedInterval = expected &- expectedPrior
        expectedPrior = expected
        let receivedInterval = received &- receivedPrior
        receivedPrior = received
        let lostInterval = Int64(expectedInterval) - Int64(receivedInterval)
        let fraction: UInt8 = expectedInterval == 0 || lostInterval <= 0
            ? 0 : UInt8(min(255, (lostInterval << 8) / Int64(expectedInterval)))
        let lost = Int32(clamping: cumulativeLost)
        return RTCPReportBlock(ssrc: ssrc, fractionLost: fraction, cumulativeLost: lost,
                               extendedHighestSequence: extendedHighestSequence, jitter: jitter,
                               lastSenderReport: lastSenderReport, delaySinceLastSenderReport: delaySinceLastSenderReport)
    }

    private mutating func restart(ssrc: UInt32, sequence: UInt16) {
        self = RTPReceiveStatistics()
        self.ssrc = ssrc
        initialize(sequence)
        maximumSequence = sequence &- 1
        probation = Self.minimumSequential
    }

    private mutating func initialize(_ sequence: UInt16) {
        baseSequence = UInt32(sequence)
        maximumSequence = sequence
        badSequence = Self.sequenceModulus + 1
        cycles = 0
        received = 0
        receivedPrior = 0
        expectedPrior = 0
    }

    /// RFC 3550 A.1 `update_seq`.
    private mutating func update(_ sequence: UInt16) -> Bool {
        let delta = sequence &- maximumSequence
        if probation > 0 {
            guard sequence == maximumSequence &+ 1 else {
                probation = Self.minimumSequential - 1
                maximumSequence = sequence
                return false
            }
            probation -= 1
            maximumSequence = sequence
            guard probation == 0 else { return false }
            initialize(sequence)
            received += 1
            return true
        }
        if delta < Self.maximumDropout {
            if sequence < maximumSequence { cycles &+= Self.sequenceModulus }
            maximumSequence = sequence
        } else if delta <= UInt16.max - Self.maximumMisorder {
            // A very large jump: accept it only when the next packet follows it (the source restarted).
            guard UInt32(sequence) == badSequence else {
                badSequence = UInt32(sequence &+ 1)
                return false
            }
            initialize(sequence)
        }
        // else: duplicate or reordered packet, counted.
        received += 1
        return true
    }
}
