/// The audio stream both sides agreed on: what to send with, where, and how.
public struct NegotiatedAudio: Hashable, Sendable {
    public var codec: AudioCodec
    /// The payload type to use, the offerer's number (RFC 3264 §6.1).
    public var payloadType: UInt8
    public var fmtp: String?
    /// RFC 4733 events at the codec's clock rate, if the peer offered them.
    public var telephoneEventPayloadType: UInt8?
    /// Where to send RTP (media-level c= over session-level); 0.0.0.0 means hold.
    public var remoteAddress: SDPAddress
    public var remotePort: UInt16
    /// Our direction for this stream.
    public var direction: MediaDirection
    /// The peer's a=ptime: the packet duration it wants to receive.
    public var ptime: Int?
    /// Index of the m= line.
    public var mediaIndex: Int
}

/// Why no answer could be made: answer 488 Not Acceptable Here (RFC 3261 §21.4.26).
public enum OfferAnswerError: Error, Equatable, Sendable {
    case noAudioStream
    case noCommonCodec
    case missingConnectionAddress

    public var status: Int { 488 }
}

/// Answers SDP offers (RFC 3264 §6) for one audio stream. The first audio m= line with a port and a codec
/// in common is accepted with the best codec by `preferences` (dynamic payload types matched by name,
/// clock rate and channels; the offerer's numbers kept), plus telephone-event at the same clock rate
/// if offered; every other m= line is answered with port 0. Directions are answered per §6.1.
public struct SDPAnswerer: Sendable {
    public var preferences: [AudioCodec]
    public var acceptsTelephoneEvent: Bool
    /// What we are willing to do (sendrecv normally; recvonly/inactive to hold).
    public var localDirection: MediaDirection
    /// a=ptime we put in the answer.
    public var ptime: Int

    public init(preferences: [AudioCodec] = AudioCodec.defaultPreferences, acceptsTelephoneEvent: Bool = true,
                localDirection: MediaDirection = .sendrecv, ptime: Int = 20) {
        self.preferences = preferences
        self.acceptsTelephoneEvent = acceptsTelephoneEvent
        self.localDirection = localDirection
        self.ptime = ptime
    }

    /// The local end of the answer: our address and RTP port, and the o= values (`sessionVersion` is
    /// bumped by the caller for every new answer in a dialog).
    public struct Local: Sendable {
        public var address: SDPAddress
        public var rtpPort: UInt16
        public var username: String
        public var sessionID: UInt64
        public var sessionVersion: UInt64

        public init(address: SDPAddress, rtpPort: UInt16, username: String = "switchboard", sessionID: UInt64, sessionVersion: UInt64) {
            self.address = address
            self.rtpPort = rtpPort
            self.username = username
            self.sessionID = sessionID
            self.sessionVersion = sessionVersion
        }
    }

    public func answer(_ offer: SessionDescription, local: Local) throws(OfferAnswerError) -> (answer: SessionDescription, audio: NegotiatedAudio) {
        var chosen: NegotiatedAudio?
        var answered: [MediaDescription] = []
        var sawAudio = false
        for (index, media) in offer.media.enumerated() {
            if chosen == nil, media.media == "audio", media.port != 0, media.isRTP {
                sawAudio = true
                if let (stream, line) = try accept(media, at: index, in: offer, local: local) {
                    chosen = stream
                    answered.append(line)
                    continue
                }
            }
            answered.append(MediaDescription(media: media.media, port: 0, proto: media.proto,
                                             formats: Array(media.formats.prefix(1))))
        }
        guard let chosen else { throw sawAudio ? .noCommonCodec : .noAudioStream }
        let origin = SDPOrigin(username: local.username, sessionID: local.sessionID, sessionVersion: local.sessionVersion,
                               address: local.address)
        let answer = SessionDescription(origin: origin, connection: SDPConnection(local.address), media: answered)
        return (answer, chosen)
    }

    private func accept(_ media: MediaDescription, at index: Int, in offer: SessionDescription,
                        local: Local) throws(OfferAnswerError) -> (NegotiatedAudio, MediaDescription)? {
        let offered = media.payloadTypes.compactMap { AudioCodec.offered($0, in: media) }
        guard let (codec, map) = preferences.lazy.compactMap({ codec in
            offered.first(where: codec.matches).map { (codec, $0) }
        }).first else { return nil }
        guard let connection = media.connection ?? offer.connection else { throw .missingConnectionAddress }
        let event = acceptsTelephoneEvent
            ? offered.first { AudioCodec.telephoneEvent(clockRate: codec.clockRate).matches($0) } : nil
        let direction = media.direction(session: offer).answer(willing: localDirection)
        var attributes = [map.attribute]
        let fmtp = media.fmtp(for: map.payloadType)
        // Opus fmtp describes what the receiver wants (RFC 7587 §7.1): ours, not an echo of theirs.
        let ourFormatParameters = codec == .opus ? AudioCodec.opusFormatParameters : fmtp
        if let ourFormatParameters { attributes.append(SDPAttribute("fmtp", "\(map.payloadType) \(ourFormatParameters)")) }
        if let event {
            attributes.append(event.attribute)
            attributes.append(SDPAttribute("fmtp", "\(event.payloadType) \(media.fmtp(for: event.payloadType) ?? "0-16")"))
        }
        attributes.append(SDPAttribute("ptime", String(ptime)))
        attributes.append(SDPAttribute(direction.rawValue))
        let formats = [String(map.payloadType)] + (event.map { [String($0.payloadType)] } ?? [])
        let line = MediaDescription(media: "audio", port: local.rtpPort, proto: media.proto, formats: formats, attributes: attributes)
        let stream = NegotiatedAudio(codec: codec, payloadType: map.payloadType, fmtp: fmtp,
                                     telephoneEventPayloadType: event?.payloadType, remoteAddress: connection.address,
                                     remotePort: media.port, direction: direction, ptime: media.ptime, mediaIndex: index)
        return (stream, line)
    }
}
