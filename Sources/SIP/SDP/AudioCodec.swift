/// An audio encoding as SDP names it: encoding name, RTP clock rate, channels, and its static payload
/// type if RFC 3551 assigns one. Names compare case-insensitively (RFC 8866 §6.6).
public struct AudioCodec: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var clockRate: Int
    public var channels: Int
    public var staticPayloadType: UInt8?

    public init(name: String, clockRate: Int, channels: Int = 1, staticPayloadType: UInt8? = nil) {
        self.name = name
        self.clockRate = clockRate
        self.channels = channels
        self.staticPayloadType = staticPayloadType
    }

    /// RFC 3551 §6: PCMU is static payload type 0.
    public static let pcmu = AudioCodec(name: "PCMU", clockRate: 8000, staticPayloadType: 0)
    /// RFC 3551 §6: PCMA is static payload type 8.
    public static let pcma = AudioCodec(name: "PCMA", clockRate: 8000, staticPayloadType: 8)
    /// RFC 7587 §7: always `opus/48000/2` in rtpmap, whatever is actually sent.
    public static let opus = AudioCodec(name: "opus", clockRate: 48000, channels: 2)
    /// RFC 7587 §6.1: our Opus fmtp: we decode in-band FEC (and, by omission, want mono: stereo=0).
    public static let opusFormatParameters = "useinbandfec=1"

    /// RFC 4733 §7.1.1: `telephone-event` at a clock rate matching the audio codec's.
    public static func telephoneEvent(clockRate: Int) -> AudioCodec {
        AudioCodec(name: "telephone-event", clockRate: clockRate)
    }

    /// The default preference order: PCMU, PCMA, Opus.
    public static let defaultPreferences: [AudioCodec] = [.pcmu, .pcma, .opus]

    public var description: String { "\(name)/\(clockRate)" + (channels != 1 ? "/\(channels)" : "") }

    /// True if `rtpMap` describes this codec (name case-insensitive, same clock rate and channels).
    public func matches(_ rtpMap: RTPMap) -> Bool {
        rtpMap.encodingName.sipCaseInsensitiveEquals(name) && rtpMap.clockRate == clockRate && rtpMap.channels == channels
    }

    /// The codec a payload type of `media` stands for: its rtpmap, or for a static type without one, the
    /// RFC 3551 assignment (only PCMU and PCMA are known here).
    static func offered(_ payloadType: UInt8, in media: MediaDescription) -> RTPMap? {
        if let map = media.rtpMap(for: payloadType) { return map }
        for codec in [AudioCodec.pcmu, .pcma] where codec.staticPayloadType == payloadType {
            return RTPMap(payloadType: payloadType, encodingName: codec.name, clockRate: codec.clockRate)
        }
        return nil
    }
}
