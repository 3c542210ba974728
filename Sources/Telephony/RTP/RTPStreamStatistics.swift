import Media

/// Counters of one `RTPMediaStream`, for metrics, tests and benchmarks.
public struct RTPStreamStatistics: Sendable, Equatable {
    public var packetsSent = 0
    public var octetsSent = 0
    /// Sends the kernel refused or dropped (full buffer, unreachable).
    public var sendsFailed = 0
    public var packetsReceived = 0
    /// Datagrams that are not valid RTP.
    public var malformed = 0
    /// RTP with a payload type we did not negotiate (RFC 3550 §5.1: dropped).
    public var unknownPayloadType = 0
    /// RTP from a source other than the latched one with the same SSRC (injection guard).
    public var rejectedSource = 0
    /// Audio payloads that are not 20 ms (G.711 length, or Opus packets that do not decode to 20 ms).
    public var wrongPayloadSize = 0
    /// Frames handed to the delegate, and how many of them were concealment (silence for a lost packet).
    public var framesDelivered = 0
    public var framesConcealed = 0
    public var digitsReceived = 0
    public var digitsSent = 0
    public var marksReported = 0
    public var rtcpSent = 0
    public var rtcpReceived = 0
    /// Times the send address moved to the source of inbound packets (symmetric RTP).
    public var latches = 0
    public var jitterBuffer = JitterBufferCounters()
    /// RFC 3550 A.3 cumulative loss and A.8 jitter (timestamp units) of the inbound source.
    public var cumulativeLost: Int64 = 0
    public var interarrivalJitter: UInt32 = 0
    public init() {}
}

/// Why an RTP stream could not be opened.
public enum RTPStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `bindHost` is not a numeric IPv4/IPv6 address.
    case invalidBindHost(String)
    /// No even port p in the range with p and p + 1 both free.
    case noFreePort(ClosedRange<Int>)

    public var description: String {
        switch self {
        case .invalidBindHost(let host): "RTP bind host \(host) is not a numeric IP address"
        case .noFreePort(let range): "no free even RTP port pair in \(range.lowerBound)-\(range.upperBound)"
        }
    }
}
