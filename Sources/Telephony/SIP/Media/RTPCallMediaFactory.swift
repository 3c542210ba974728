import Agents
import Media
import Net
import SIP

/// Opens `RTPCallMedia` for each SIP call: an RTP/RTCP port pair from `ports` on `host`, with `options`.
public struct RTPCallMediaFactory: SIPCallMediaFactory {
    public var host: String
    public var ports: ClosedRange<Int>
    public var options: RTPCallMediaOptions

    public init(host: String, ports: ClosedRange<Int>, options: RTPCallMediaOptions = RTPCallMediaOptions()) {
        self.host = host
        self.ports = ports
        self.options = options
    }

    /// True for the configured codecs this media can carry: PCMU, PCMA and Opus (all of them).
    public static func carries(_ codec: SIPConfig.Codec) -> Bool { [.pcmu, .pcma, .opus].contains(codec) }

    public func open(on loop: EventLoop) throws -> any SIPCallMedia {
        do {
            return RTPCallMedia(stream: try RTPMediaStream.open(on: loop, bindHost: host, ports: ports), options: options)
        } catch {
            throw SIPMediaError.noFreePort(error.description)
        }
    }
}

/// Per-call RTP settings that SDP does not negotiate.
public struct RTPCallMediaOptions: Sendable, Equatable {
    /// No inbound RTP for this long (while receiving): the call ends with BYE.
    public var inactivityTimeout: Duration
    public var jitterBuffer: JitterBufferConfiguration
    /// RTCP SDES CNAME (RFC 3550 §6.5.1).
    public var canonicalName: String

    /// The inactivity timeout while the peer holds the call (we do not send): a day, i.e. never in practice.
    public static let heldInactivityTimeout = Duration.seconds(86_400)

    public init(inactivityTimeout: Duration = RTPMediaParameters.defaultInactivityTimeout,
                jitterBuffer: JitterBufferConfiguration = .init(), canonicalName: String = "switchboard") {
        self.inactivityTimeout = inactivityTimeout
        self.jitterBuffer = jitterBuffer
        self.canonicalName = canonicalName
    }

    /// What the stream needs from what SDP settled: codec and payload types (Opus's dynamic one as offered), the peer's ptime, the
    /// remote address, and the direction (a hold address 0.0.0.0 means we send nothing, RFC 3264 §8.4).
    func rtpParameters(for parameters: SIPMediaParameters,
                       deliveredSampleRate: SampleRate = .hz8000) throws(SIPMediaError) -> RTPMediaParameters {
        let audio = parameters.audio
        // RFC 7587 §7: Opus is always opus/48000/2 in SDP (we send and decode mono); G.711 is 8000/1.
        guard let codec = RTPAudioCodec(encodingName: audio.codec.name), audio.codec.clockRate == codec.clockRate,
              audio.codec.channels == (codec == .opus ? 2 : 1) else { throw SIPMediaError.unsupportedCodec(audio.codec.description) }
        var direction = RTPDirection(audio.direction)
        if audio.remoteAddress.isUnspecified, direction.sends { direction = direction.receives ? .receiveOnly : .inactive }
        // A held call is not ended for silence: many phones send nothing while they hold.
        let timeout = direction.sends ? inactivityTimeout : Self.heldInactivityTimeout
        return RTPMediaParameters(codec: codec, payloadType: audio.payloadType, telephoneEventPayloadType: audio.telephoneEventPayloadType,
                                  ptimeMilliseconds: audio.ptime ?? 20, remote: parameters.remote, direction: direction,
                                  inactivityTimeout: timeout, jitterBuffer: jitterBuffer,
                                  deliveredSampleRate: deliveredSampleRate, canonicalName: canonicalName)
    }
}

extension RTPDirection {
    /// Our RTP direction for an SDP direction attribute (RFC 3264 §5.1).
    init(_ direction: MediaDirection) {
        switch direction {
        case .sendrecv: self = .sendReceive
        case .sendonly: self = .sendOnly
        case .recvonly: self = .receiveOnly
        case .inactive: self = .inactive
        }
    }
}
