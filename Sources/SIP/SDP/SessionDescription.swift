/// A session description (RFC 8866, formerly RFC 4566): origin, session-level connection and
/// attributes, and the media descriptions in order. Lines the model does not type (i=, u=, e=, p=, b=,
/// r=, z=, k=, unknown letters) are kept in `otherLines` so a description survives a round trip.
public struct SessionDescription: Hashable, Sendable {
    public var origin: SDPOrigin
    public var sessionName: String
    public var connection: SDPConnection?
    /// t= values ("start stop"); "0 0" when absent.
    public var timing: [String]
    public var attributes: [SDPAttribute]
    public var media: [MediaDescription]
    public var otherLines: [SDPLine]

    public init(origin: SDPOrigin, sessionName: String = "-", connection: SDPConnection? = nil, timing: [String] = ["0 0"],
                attributes: [SDPAttribute] = [], media: [MediaDescription] = [], otherLines: [SDPLine] = []) {
        self.origin = origin
        self.sessionName = sessionName
        self.connection = connection
        self.timing = timing
        self.attributes = attributes
        self.media = media
        self.otherLines = otherLines
    }

    /// Session-level direction attribute, sendrecv when absent (RFC 3264 §5.1).
    public var direction: MediaDirection { MediaDirection(attributes) ?? .sendrecv }
}

/// o= (RFC 8866 §5.2): the session's owner and version, bumped on every new offer (RFC 3264 §8).
public struct SDPOrigin: Hashable, Sendable {
    public var username: String
    public var sessionID: UInt64
    public var sessionVersion: UInt64
    public var address: SDPAddress

    public init(username: String, sessionID: UInt64, sessionVersion: UInt64, address: SDPAddress) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.address = address
    }
}

/// An address with its type (`IN IP4 …` / `IN IP6 …`): an IP address or a domain name.
public struct SDPAddress: Hashable, Sendable {
    /// The SDP address type.
    public enum Kind: String, Hashable, Sendable { case ip4 = "IP4", ip6 = "IP6" }

    public var kind: Kind
    public var address: String

    public init(_ kind: Kind, _ address: String) {
        self.kind = kind
        self.address = address
    }

    /// IP4 for a dotted address or name, IP6 for anything with a colon.
    public init(_ address: String) {
        self.init(address.contains(":") ? .ip6 : .ip4, address)
    }

    /// Legacy hold (RFC 3264 §8.4): `c=IN IP4 0.0.0.0`.
    public var isUnspecified: Bool { address == "0.0.0.0" || address == "::" }
    public var serialized: String { "IN " + kind.rawValue + " " + address }
}

/// c= (RFC 8866 §5.7): the address, plus a multicast `/ttl[/count]` suffix if one was given.
public struct SDPConnection: Hashable, Sendable {
    public var address: SDPAddress
    public var multicastSuffix: String?

    public init(_ address: SDPAddress, multicastSuffix: String? = nil) {
        self.address = address
        self.multicastSuffix = multicastSuffix
    }

    public var serialized: String { address.serialized + (multicastSuffix.map { "/" + $0 } ?? "") }
}

/// a=name or a=name:value.
public struct SDPAttribute: Hashable, Sendable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }

    public var serialized: String { name + (value.map { ":" + $0 } ?? "") }
}

/// A line the model keeps as text: its type letter and value.
public struct SDPLine: Hashable, Sendable {
    public var type: Character
    public var value: String

    public init(_ type: Character, _ value: String) {
        self.type = type
        self.value = value
    }
}

/// m= and its lines (RFC 8866 §5.14). `formats` are payload type numbers for RTP profiles (checked to
/// be 0–127 by the parser).
public struct MediaDescription: Hashable, Sendable {
    public var media: String
    /// 0 = stream rejected or disabled (RFC 3264 §6).
    public var port: UInt16
    public var portCount: Int?
    public var proto: String
    public var formats: [String]
    public var connection: SDPConnection?
    public var attributes: [SDPAttribute]
    public var otherLines: [SDPLine]

    public init(media: String, port: UInt16, portCount: Int? = nil, proto: String, formats: [String],
                connection: SDPConnection? = nil, attributes: [SDPAttribute] = [], otherLines: [SDPLine] = []) {
        self.media = media
        self.port = port
        self.portCount = portCount
        self.proto = proto
        self.formats = formats
        self.connection = connection
        self.attributes = attributes
        self.otherLines = otherLines
    }

    /// True for RTP profiles (RTP/AVP, RTP/SAVP, RTP/AVPF, UDP/TLS/RTP/SAVPF, …), whose formats are
    /// payload types.
    public var isRTP: Bool { proto.uppercased().contains("RTP/") }
    public var payloadTypes: [UInt8] { formats.compactMap { UInt8($0) } }

    public func attributes(named name: String) -> [SDPAttribute] { attributes.filter { $0.name == name } }
    public func attribute(_ name: String) -> SDPAttribute? { attributes.first { $0.name == name } }
}
