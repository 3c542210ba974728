/// One header field kept as text: a header the parser does not type (Subject, User-Agent, Accept,
/// Authorization, Event, …) or one added by a message builder. The name is the canonical long form for
/// compact names (`i` → `Call-ID`), otherwise as received; the value is unfolded and trimmed.
public struct SIPHeaderField: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Header names: compact forms (RFC 3261 §7.3.3 and the extensions that define one) and the kinds the
/// parser types.
enum HeaderName {
    enum Kind {
        case via, from, to, callID, cseq, maxForwards, contentLength, contentType, contact, route, recordRoute
        case expires, require, supported, allow, sessionExpires, minSE, other
    }

    /// Compact form → long name.
    static let compact: [UInt8: String] = [
        UInt8(ascii: "i"): "Call-ID", UInt8(ascii: "m"): "Contact", UInt8(ascii: "e"): "Content-Encoding",
        UInt8(ascii: "l"): "Content-Length", UInt8(ascii: "c"): "Content-Type", UInt8(ascii: "f"): "From",
        UInt8(ascii: "s"): "Subject", UInt8(ascii: "k"): "Supported", UInt8(ascii: "t"): "To",
        UInt8(ascii: "v"): "Via", UInt8(ascii: "o"): "Event", UInt8(ascii: "u"): "Allow-Events",
        UInt8(ascii: "r"): "Refer-To", UInt8(ascii: "b"): "Referred-By", UInt8(ascii: "x"): "Session-Expires",
        UInt8(ascii: "y"): "Identity", UInt8(ascii: "a"): "Accept-Contact", UInt8(ascii: "j"): "Reject-Contact",
        UInt8(ascii: "d"): "Request-Disposition", UInt8(ascii: "n"): "Identity-Info",
    ]

    static let kinds: [String: Kind] = [
        "via": .via, "from": .from, "to": .to, "call-id": .callID, "cseq": .cseq, "max-forwards": .maxForwards,
        "content-length": .contentLength, "content-type": .contentType, "contact": .contact, "route": .route,
        "record-route": .recordRoute, "expires": .expires, "require": .require, "supported": .supported,
        "allow": .allow, "session-expires": .sessionExpires, "min-se": .minSE,
    ]

    /// The canonical name and kind of a received name (any case, compact or long).
    static func classify(_ name: ArraySlice<UInt8>) -> (name: String, kind: Kind) {
        if name.count == 1, let long = compact[SIPCharacters.lowercased(name[name.startIndex])] {
            return (long, kinds[long.sipLowercased] ?? .other)
        }
        let lowered = String(decoding: name.lazy.map(SIPCharacters.lowercased), as: UTF8.self)
        if let kind = kinds[lowered] { return (canonical(kind) ?? String(sipBytes: name), kind) }
        return (String(sipBytes: name), .other)
    }

    static func canonical(_ kind: Kind) -> String? {
        switch kind {
        case .via: "Via"
        case .from: "From"
        case .to: "To"
        case .callID: "Call-ID"
        case .cseq: "CSeq"
        case .maxForwards: "Max-Forwards"
        case .contentLength: "Content-Length"
        case .contentType: "Content-Type"
        case .contact: "Contact"
        case .route: "Route"
        case .recordRoute: "Record-Route"
        case .expires: "Expires"
        case .require: "Require"
        case .supported: "Supported"
        case .allow: "Allow"
        case .sessionExpires: "Session-Expires"
        case .minSE: "Min-SE"
        case .other: nil
        }
    }

    /// True if `received` (canonicalized) names the same header as `name` (long form, any case).
    static func matches(_ received: String, _ name: String) -> Bool {
        received.sipCaseInsensitiveEquals(name)
    }
}
