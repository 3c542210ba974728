/// Makes SDP offers for outbound calls and re-INVITEs, and reads the peer's answer to them (RFC 3264
/// §5, §7): one audio stream listing the preferred codecs (static types for PCMU/PCMA, dynamic types
/// from 96 for the rest) and telephone-event for each clock rate in use.
public struct SDPOfferer: Sendable {
    /// RFC 3551 §3: dynamic payload types start at 96.
    public static let firstDynamicPayloadType: UInt8 = 96

    public var preferences: [AudioCodec]
    public var offersTelephoneEvent: Bool
    public var ptime: Int

    public init(preferences: [AudioCodec] = AudioCodec.defaultPreferences, offersTelephoneEvent: Bool = true, ptime: Int = 20) {
        self.preferences = preferences
        self.offersTelephoneEvent = offersTelephoneEvent
        self.ptime = ptime
    }

    public func offer(local: SDPAnswerer.Local, direction: MediaDirection = .sendrecv) -> SessionDescription {
        var next = Self.firstDynamicPayloadType
        var maps: [RTPMap] = []
        for codec in preferences {
            var pt = next
            if let assigned = codec.staticPayloadType {
                pt = assigned
            } else {
                guard next <= UInt8(SDPLimits.maxPayloadType) else { continue }
                next += 1
            }
            maps.append(RTPMap(payloadType: pt, encodingName: codec.name, clockRate: codec.clockRate, channels: codec.channels))
        }
        if offersTelephoneEvent {
            var rates: [Int] = []
            for codec in preferences where !rates.contains(codec.clockRate) { rates.append(codec.clockRate) }
            for rate in rates where next <= UInt8(SDPLimits.maxPayloadType) {
                maps.append(RTPMap(payloadType: next, encodingName: "telephone-event", clockRate: rate))
                next += 1
            }
        }
        var attributes = maps.map(\.attribute)
        attributes += maps.filter { AudioCodec.opus.matches($0) }.map { SDPAttribute("fmtp", "\($0.payloadType) \(AudioCodec.opusFormatParameters)") }
        attributes += maps.filter { $0.encodingName == "telephone-event" }.map { SDPAttribute("fmtp", "\($0.payloadType) 0-16") }
        attributes.append(SDPAttribute("ptime", String(ptime)))
        attributes.append(SDPAttribute(direction.rawValue))
        let media = MediaDescription(media: "audio", port: local.rtpPort, proto: "RTP/AVP",
                                     formats: maps.map { String($0.payloadType) }, attributes: attributes)
        let origin = SDPOrigin(username: local.username, sessionID: local.sessionID, sessionVersion: local.sessionVersion,
                               address: local.address)
        return SessionDescription(origin: origin, connection: SDPConnection(local.address), media: [media])
    }

    /// Reads the answer to `offer`: the first codec of the answer's accepted audio stream that we
    /// offered, at the answer's payload type.
    public func accept(_ answer: SessionDescription, to offer: SessionDescription, localDirection: MediaDirection = .sendrecv)
        throws(OfferAnswerError) -> NegotiatedAudio {
        guard let index = answer.media.firstIndex(where: { $0.media == "audio" && $0.port != 0 }),
              index < offer.media.count else { throw .noAudioStream }
        let media = answer.media[index]
        guard let (codec, map) = media.payloadTypes.lazy.compactMap({ pt in
            AudioCodec.offered(pt, in: media).flatMap { map in self.preferences.first { $0.matches(map) }.map { ($0, map) } }
        }).first else { throw .noCommonCodec }
        guard let connection = media.connection ?? answer.connection else { throw .missingConnectionAddress }
        let event = media.payloadTypes.compactMap { AudioCodec.offered($0, in: media) }
            .first { AudioCodec.telephoneEvent(clockRate: codec.clockRate).matches($0) }
        let theirs = media.direction(session: answer)
        let ours = MediaDirection(sends: theirs.receives && localDirection.sends, receives: theirs.sends && localDirection.receives)
        return NegotiatedAudio(codec: codec, payloadType: map.payloadType, fmtp: media.fmtp(for: map.payloadType),
                               telephoneEventPayloadType: event?.payloadType, remoteAddress: connection.address,
                               remotePort: media.port, direction: ours, ptime: media.ptime, mediaIndex: index)
    }
}
