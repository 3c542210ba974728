/// One packet of an RTCP compound (RFC 3550 §6.4–6.6). Parsed by `RTCPCompoundParser`, written by
/// `RTCPCompoundSerializer`. Allocation is fine here: a stream sends and receives one every few seconds.
public enum RTCPPacket: Sendable, Equatable {
    case senderReport(RTCPSenderReport)
    case receiverReport(RTCPReceiverReport)
    case sourceDescription([RTCPSourceDescriptionChunk])
    case goodbye(RTCPGoodbye)
    /// Another packet type (APP, feedback, XR): the count field and the body after the 4-byte header.
    case other(packetType: UInt8, count: UInt8, body: [UInt8])

    /// RFC 3550 §12.1 packet types.
    public static let senderReportType: UInt8 = 200
    public static let receiverReportType: UInt8 = 201
    public static let sourceDescriptionType: UInt8 = 202
    public static let goodbyeType: UInt8 = 203
}

/// RFC 3550 §6.4.1: what a sender has sent, stamped with wall-clock (NTP) and RTP time.
public struct RTCPSenderReport: Sendable, Equatable {
    public var ssrc: UInt32
    /// NTP timestamp (seconds since 1900 in the upper 32 bits, fraction in the lower).
    public var ntpTimestamp: UInt64
    public var rtpTimestamp: UInt32
    public var packetCount: UInt32
    public var octetCount: UInt32
    public var reports: [RTCPReportBlock]

    public init(ssrc: UInt32, ntpTimestamp: UInt64, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32,
                reports: [RTCPReportBlock] = []) {
        self.ssrc = ssrc
        self.ntpTimestamp = ntpTimestamp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reports = reports
    }

    /// The middle 32 bits of the NTP timestamp: what a receiver echoes as LSR.
    public var compactNTP: UInt32 { UInt32(truncatingIfNeeded: ntpTimestamp >> 16) }
}

/// RFC 3550 §6.4.2: a receiver's reports.
public struct RTCPReceiverReport: Sendable, Equatable {
    public var ssrc: UInt32
    public var reports: [RTCPReportBlock]

    public init(ssrc: UInt32, reports: [RTCPReportBlock] = []) {
        self.ssrc = ssrc
        self.reports = reports
    }
}

/// RFC 3550 §6.4.1: reception statistics about one source (24 bytes on the wire).
public struct RTCPReportBlock: Sendable, Equatable {
    public var ssrc: UInt32
    /// Fraction of packets lost since the last report, in 1/256.
    public var fractionLost: UInt8
    /// Cumulative packets lost (24-bit signed on the wire: duplicates can make it negative).
    public var cumulativeLost: Int32
    public var extendedHighestSequence: UInt32
    /// Interarrival jitter in timestamp units.
    public var jitter: UInt32
    /// Middle 32 bits of the last SR's NTP timestamp, 0 if none.
    public var lastSenderReport: UInt32
    /// Delay since that SR, in 1/65536 s.
    public var delaySinceLastSenderReport: UInt32

    /// RFC 3550 §6.4.1: cumulative lost is clamped to 24-bit signed.
    public static let cumulativeLostRange: ClosedRange<Int32> = -0x80_0000...0x7F_FFFF

    public init(ssrc: UInt32, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequence: UInt32, jitter: UInt32,
                lastSenderReport: UInt32, delaySinceLastSenderReport: UInt32) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = min(max(cumulativeLost, Self.cumulativeLostRange.lowerBound), Self.cumulativeLostRange.upperBound)
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }
}

/// RFC 3550 §6.5: the SDES items of one source.
public struct RTCPSourceDescriptionChunk: Sendable, Equatable {
    public var ssrc: UInt32
    public var items: [Item]

    /// One SDES item (type 1 is CNAME, required in every compound).
    public struct Item: Sendable, Equatable {
        public static let cnameType: UInt8 = 1
        public var type: UInt8
        /// At most 255 bytes.
        public var value: [UInt8]
        public init(type: UInt8, value: [UInt8]) {
            precondition(type != 0 && value.count <= 255, "SDES item type 1...255, value at most 255 bytes")
            self.type = type
            self.value = value
        }
        public static func cname(_ text: String) -> Item { Item(type: cnameType, value: Array(text.utf8.prefix(255))) }
    }

    public init(ssrc: UInt32, items: [Item]) {
        self.ssrc = ssrc
        self.items = items
    }
}

/// RFC 3550 §6.6: sources leaving, with an optional reason.
public struct RTCPGoodbye: Sendable, Equatable {
    public var ssrcs: [UInt32]
    /// At most 255 bytes.
    public var reason: [UInt8]?

    public init(ssrcs: [UInt32], reason: [UInt8]? = nil) {
        precondition(ssrcs.count <= 31 && (reason?.count ?? 0) <= 255, "BYE: at most 31 sources, reason at most 255 bytes")
        self.ssrcs = ssrcs
        self.reason = reason
    }
}
