/// One message Twilio sends on a bidirectional Media Streams WebSocket (protocols.md §1.2), as the
/// endpoint needs it. `media` carries the payload's position in the message text, not its bytes, so the
/// per-frame path decodes base64 straight into a reused buffer (`TwilioInboundAudio`).
public enum TwilioMessage: Sendable, Equatable {
    /// `connected`: the first message (`protocol`, `version`).
    case connected
    /// `start`: the stream's ids, tracks, media format and custom parameters.
    case start(TwilioStreamStart)
    /// `media`: one chunk of caller audio.
    case media(TwilioMediaChunk)
    /// `dtmf`: a key the caller pressed.
    case dtmf(digit: Character)
    /// `mark`: a mark we sent has been played.
    case mark(name: String)
    /// `stop`: the stream ended (the call hung up or the TwiML moved on).
    case stop
}

/// The `start` message's content.
public struct TwilioStreamStart: Sendable, Equatable {
    public var streamSid: String
    public var callSid: String
    public var accountSid: String
    public var tracks: [String]
    /// `<Parameter name= value=>` of the TwiML `<Stream>`.
    public var customParameters: [String: String]
    public var encoding: String
    public var sampleRate: Int
    public var channels: Int

    public init(streamSid: String, callSid: String, accountSid: String, tracks: [String] = ["inbound"],
                customParameters: [String: String] = [:], encoding: String = TwilioMediaFormat.encoding,
                sampleRate: Int = TwilioMediaFormat.sampleRate, channels: Int = TwilioMediaFormat.channels) {
        self.streamSid = streamSid
        self.callSid = callSid
        self.accountSid = accountSid
        self.tracks = tracks
        self.customParameters = customParameters
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.channels = channels
    }
}

/// The only media format Twilio Media Streams use (protocols.md §1.2: "always audio/x-mulaw, 8000, 1").
public enum TwilioMediaFormat {
    public static let encoding = "audio/x-mulaw"
    public static let sampleRate = 8000
    public static let channels = 1
}

/// A `media` message as the fast path reads it: the track and where the base64 payload lies in the
/// message's UTF-8 bytes (`payload` is a byte range of the text that was parsed).
public struct TwilioMediaChunk: Sendable, Equatable {
    public enum Track: Sendable, Equatable { case inbound, outbound, other }
    public var track: Track
    public var payload: Range<Int>

    public init(track: Track, payload: Range<Int>) {
        self.track = track
        self.payload = payload
    }
}
