/// Direction attributes (RFC 3264 §5.1, §6.1).
public enum MediaDirection: String, Hashable, Sendable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    /// The first direction attribute in a list, if any.
    init?(_ attributes: [SDPAttribute]) {
        guard let found = attributes.lazy.compactMap({ MediaDirection(rawValue: $0.name) }).first else { return nil }
        self = found
    }

    public var sends: Bool { self == .sendrecv || self == .sendonly }
    public var receives: Bool { self == .sendrecv || self == .recvonly }

    public init(sends: Bool, receives: Bool) {
        switch (sends, receives) {
        case (true, true): self = .sendrecv
        case (true, false): self = .sendonly
        case (false, true): self = .recvonly
        case (false, false): self = .inactive
        }
    }

    /// RFC 3264 §6.1: the answer to an offered direction, given what the answerer is willing to do.
    public func answer(willing local: MediaDirection) -> MediaDirection {
        MediaDirection(sends: receives && local.sends, receives: sends && local.receives)
    }
}

/// a=rtpmap (RFC 8866 §6.6): payload type, encoding name, clock rate and (audio) channels.
public struct RTPMap: Hashable, Sendable {
    public var payloadType: UInt8
    public var encodingName: String
    public var clockRate: Int
    public var channels: Int

    public init(payloadType: UInt8, encodingName: String, clockRate: Int, channels: Int = 1) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    public var attribute: SDPAttribute {
        SDPAttribute("rtpmap", "\(payloadType) \(encodingName)/\(clockRate)" + (channels != 1 ? "/\(channels)" : ""))
    }

    /// Parses `<pt> <name>/<rate>[/<channels>]`; nil when malformed or out of range.
    static func parse(_ value: String) -> RTPMap? { parse(Array(value.utf8)[...]) }

    static func parse(_ value: ArraySlice<UInt8>) -> RTPMap? {
        let parts = value.split(separator: 0x20, maxSplits: 1)
        guard parts.count == 2, let pt = SDPLimits.payloadType(parts[0]) else { return nil }
        let fields = parts[1].split(separator: 0x2F, omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), !fields[0].isEmpty, fields[0].allSatisfy(SIPCharacters.isToken),
              let rate = SDPFieldParser.number(fields[1], maxDigits: 7), (1...SDPLimits.maxClockRate).contains(rate) else { return nil }
        var channels = 1
        if fields.count == 3 {
            guard let count = SDPFieldParser.number(fields[2], maxDigits: 3), (1...SDPLimits.maxChannels).contains(count) else { return nil }
            channels = count
        }
        return RTPMap(payloadType: pt, encodingName: String(sipBytes: fields[0]), clockRate: rate, channels: channels)
    }
}

/// Bounds applied to numbers in SDP (robustness §4: payload type 4294967296, ptime multiplying into a
/// huge buffer).
public enum SDPLimits {
    /// RTP payload types are 7 bits (RFC 3550 §5.1).
    public static let maxPayloadType = 127
    /// Highest RTP clock rate accepted (video uses 90000).
    public static let maxClockRate = 192_000
    public static let maxChannels = 8
    /// Default ceiling on a=ptime / a=maxptime in milliseconds: RFC 7587 Opus frames are at most 120 ms
    /// and 200 ms of G.711 is already an unusual packet; anything larger is refused.
    public static let defaultMaxPtimeMilliseconds = 200

    static func payloadType(_ bytes: ArraySlice<UInt8>) -> UInt8? {
        guard let value = SDPFieldParser.number(bytes, maxDigits: 3), value <= maxPayloadType else { return nil }
        return UInt8(value)
    }

    static func payloadType(_ text: String) -> UInt8? { payloadType(Array(text.utf8)[...]) }
}

extension MediaDescription {
    /// The rtpmap attributes (malformed ones were refused by the parser).
    public var rtpMaps: [RTPMap] { attributes(named: "rtpmap").compactMap { $0.value.flatMap(RTPMap.parse) } }

    public func rtpMap(for payloadType: UInt8) -> RTPMap? {
        for attribute in attributes where attribute.name == "rtpmap" {
            guard let value = attribute.value, Self.leadingNumber(value) == Int(payloadType) else { continue }
            return RTPMap.parse(value)
        }
        return nil
    }

    /// The a=fmtp parameters for a payload type.
    public func fmtp(for payloadType: UInt8) -> String? {
        for attribute in attributes where attribute.name == "fmtp" {
            guard let value = attribute.value, Self.leadingNumber(value) == Int(payloadType) else { continue }
            let utf8 = value.utf8
            guard let space = utf8.firstIndex(of: 0x20) else { return "" }
            return String(value[utf8.index(after: space)...])
        }
        return nil
    }

    /// The decimal number at the start of an attribute value (its payload type), if any.
    static func leadingNumber(_ value: String) -> Int? {
        var number = 0
        var digits = 0
        for byte in value.utf8 {
            guard SIPCharacters.isDigit(byte) else { break }
            number = number * 10 + Int(byte - 0x30)
            digits += 1
            if digits > 3 { return nil }
        }
        return digits == 0 ? nil : number
    }

    /// a=ptime in milliseconds.
    public var ptime: Int? { attribute("ptime")?.value.flatMap { Int($0) } }
    public var maxptime: Int? { attribute("maxptime")?.value.flatMap { Int($0) } }

    /// Media-level direction, else the session's, else sendrecv (RFC 3264 §5.1).
    public func direction(session: SessionDescription) -> MediaDirection {
        MediaDirection(attributes) ?? session.direction
    }
}
