import Media
import Net

/// The audio codecs an `RTPMediaStream` can carry: G.711 (PCMU, PCMA) at 8 kHz, and Opus (RFC 7587),
/// sent and received as mono 16 kHz wideband voice under its 48 kHz RTP clock.
public enum RTPAudioCodec: String, Sendable, Hashable, CaseIterable {
    case pcmu
    case pcma
    case opus

    /// The payload type used when SDP gives none: RFC 3551 §6 static types (PCMU 0, PCMA 8); Opus has
    /// only dynamic ones (RFC 7587 §7), and 111 is the number most phones and browsers offer.
    public var staticPayloadType: UInt8 {
        switch self {
        case .pcmu: 0
        case .pcma: 8
        case .opus: 111
        }
    }
    /// RFC 3551 §4.5.14: G.711 is clocked at 8000 Hz; RFC 7587 §4.1: Opus always at 48000 Hz.
    public var clockRate: Int { self == .opus ? 48000 : 8000 }
    /// RTP timestamp units per 20 ms packet: 160 for G.711, 960 for Opus.
    public var unitsPerPacket: Int { clockRate / 50 }
    /// The rate of the PCM the stream encodes from and decodes to: 8 kHz for G.711, 16 kHz (wideband,
    /// what speech recognizers want) for Opus.
    public var pcmSampleRate: SampleRate { self == .opus ? .hz16000 : .hz8000 }
    /// Bytes of one 20 ms frame in the outbound queue: G.711 codes, or 16 kHz Int16 PCM for Opus.
    var queuedFrameBytes: Int { self == .opus ? SampleRate.hz16000.samplesPerFrame * 2 : 160 }
    /// The byte a zero sample becomes in the outbound queue: what pads a partial last frame.
    var silenceCode: UInt8 {
        switch self {
        case .pcmu: MuLaw.silenceCode
        case .pcma: ALaw.silenceCode
        case .opus: 0
        }
    }

    /// The codec of an SDP encoding name (`PCMU`, `PCMA`, `opus`, any case), if supported.
    public init?(encodingName: String) {
        switch encodingName.uppercased() {
        case "PCMU": self = .pcmu
        case "PCMA": self = .pcma
        case "OPUS": self = .opus
        default: return nil
        }
    }
}

/// Which way media flows on a stream, from our side (RFC 3264 §5.1 direction attributes).
public enum RTPDirection: String, Sendable, Hashable, CaseIterable {
    case sendReceive, sendOnly, receiveOnly, inactive

    public var sends: Bool { self == .sendReceive || self == .sendOnly }
    public var receives: Bool { self == .sendReceive || self == .receiveOnly }
}

/// What an RTP stream sends while the agent has nothing to say and the direction allows sending.
public enum RTPSilencePolicy: String, Sendable, Hashable, CaseIterable {
    /// A G.711 silence packet every 20 ms (0xFF µ-law, 0xD5 A-law), sequence and timestamp continuing,
    /// no marker: keeps PBX RTP timeouts (Asterisk `rtp_timeout`) and NAT pinholes from expiring while
    /// the caller talks at length.
    case sendSilence
    /// Nothing (RFC 3551 §4.1 silence suppression): the peer sees a gap until the next talkspurt.
    case none
}

/// What the SDP offer/answer settled for one RTP audio stream: given to `RTPMediaStream.start` and
/// again to `update` after a re-INVITE.
public struct RTPMediaParameters: Sendable, Equatable {
    /// The audio codec (telephone-event runs at its clock rate: 8000 for G.711, 48000 for Opus).
    public var codec: RTPAudioCodec
    /// The payload type to send and accept the codec under (the offerer's number).
    public var payloadType: UInt8
    /// The negotiated telephone-event payload type, if any (DTMF is sent only when set).
    public var telephoneEventPayloadType: UInt8?
    /// The peer's a=ptime. We send 20 ms packets; other values are accepted and ignored (see Docs/rtp.md).
    public var ptimeMilliseconds: Int
    /// Where to send RTP (the SDP c= address and m= port); nil to wait for the peer's first packet.
    public var remote: SocketAddress?
    /// Where to send RTCP if not RTP's port + 1 (RFC 3605 a=rtcp).
    public var remoteRTCP: SocketAddress?
    /// RTP and RTCP on one port (RFC 5761 a=rtcp-mux, both sides agreed).
    public var rtcpMux: Bool
    public var direction: RTPDirection
    /// Send to where the peer's packets come from (RFC 4961 symmetric RTP / comedia latching).
    public var latchesToSource: Bool
    /// No inbound RTP (or RTCP) for this long while receiving: the delegate hears `rtpStreamTimedOut`.
    public var inactivityTimeout: Duration
    public var jitterBuffer: JitterBufferConfiguration
    /// Rate of the frames delivered to the delegate (G.711: 8 kHz, or resampled to the STT rate; Opus
    /// decodes straight to this rate, normally 16 kHz).
    public var deliveredSampleRate: SampleRate
    /// RTCP SDES CNAME (RFC 3550 §6.5.1).
    public var canonicalName: String
    /// What to send while no agent audio is queued (default: silence packets, see `RTPSilencePolicy`).
    public var silencePolicy: RTPSilencePolicy

    /// Default inactivity timeout: 30 s, a common media-timeout in SBCs and PBXs.
    public static let defaultInactivityTimeout = Duration.seconds(30)

    public init(codec: RTPAudioCodec, payloadType: UInt8? = nil, telephoneEventPayloadType: UInt8? = nil,
                ptimeMilliseconds: Int = 20, remote: SocketAddress?, remoteRTCP: SocketAddress? = nil, rtcpMux: Bool = false,
                direction: RTPDirection = .sendReceive, latchesToSource: Bool = true,
                inactivityTimeout: Duration = defaultInactivityTimeout,
                jitterBuffer: JitterBufferConfiguration = .init(), deliveredSampleRate: SampleRate = .hz8000,
                canonicalName: String = "switchboard", silencePolicy: RTPSilencePolicy = .sendSilence) {
        self.codec = codec
        self.payloadType = payloadType ?? codec.staticPayloadType
        self.telephoneEventPayloadType = telephoneEventPayloadType
        self.ptimeMilliseconds = ptimeMilliseconds
        self.remote = remote
        self.remoteRTCP = remoteRTCP
        self.rtcpMux = rtcpMux
        self.direction = direction
        self.latchesToSource = latchesToSource
        self.inactivityTimeout = inactivityTimeout
        self.jitterBuffer = jitterBuffer
        self.deliveredSampleRate = deliveredSampleRate
        self.canonicalName = canonicalName
        self.silencePolicy = silencePolicy
    }
}
