/// The typed SDP lines: o=, c=, m= and a= (RFC 8866 §5.2, §5.7, §5.13, §5.14).
enum SDPFieldParser {
    static func fields(_ value: String) -> [Substring] { value.split(separator: " ", omittingEmptySubsequences: true) }

    static func origin(_ value: String, at offset: Int) throws(SDPParseError) -> SDPOrigin {
        let parts = fields(value)
        guard parts.count == 6, let id = UInt64(parts[1]), let version = UInt64(parts[2]) else {
            throw SDPParseError("o= needs username, numeric session id and version, and an address", at: offset)
        }
        let address = try self.address(parts[3], parts[4], parts[5], at: offset)
        return SDPOrigin(username: String(parts[0]), sessionID: id, sessionVersion: version, address: address)
    }

    static func connection(_ value: String, at offset: Int) throws(SDPParseError) -> SDPConnection {
        let parts = fields(value)
        guard parts.count == 3 else { throw SDPParseError("c= needs network type, address type and address", at: offset) }
        let pieces = parts[2].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = try self.address(parts[0], parts[1], pieces[0], at: offset)
        var suffix: String?
        if pieces.count == 2 {
            guard pieces[1].split(separator: "/", omittingEmptySubsequences: false)
                .allSatisfy({ !$0.isEmpty && $0.count <= 5 && $0.allSatisfy(\.isASCIIDigit) }) else {
                throw SDPParseError("invalid multicast suffix", at: offset)
            }
            suffix = String(pieces[1])
        }
        return SDPConnection(address, multicastSuffix: suffix)
    }

    static func address(_ network: Substring, _ type: Substring, _ address: Substring, at offset: Int) throws(SDPParseError) -> SDPAddress {
        guard network == "IN" else { throw SDPParseError("network type must be IN", at: offset) }
        let bytes = Array(address.utf8)[...]
        switch type {
        case "IP4":
            guard HostParser.isIPv4(bytes) || HostParser.isHostname(bytes) else { throw SDPParseError("invalid IP4 address", at: offset) }
            return SDPAddress(.ip4, String(address))
        case "IP6":
            guard HostParser.isIPv6(bytes) || HostParser.isHostname(bytes) else { throw SDPParseError("invalid IP6 address", at: offset) }
            return SDPAddress(.ip6, String(address))
        default:
            throw SDPParseError("address type must be IP4 or IP6", at: offset)
        }
    }

    static func media(_ value: String, at offset: Int, maxFormats: Int) throws(SDPParseError) -> MediaDescription {
        let parts = fields(value)
        guard parts.count >= 4, parts[0].utf8.allSatisfy(SIPCharacters.isToken) else {
            throw SDPParseError("m= needs media, port, protocol and formats", at: offset)
        }
        let portParts = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(portParts.count), portParts[0].count <= 5, let port = Int(portParts[0]), (0...65535).contains(port) else {
            throw SDPParseError("m= port outside 0–65535", at: offset)
        }
        var count: Int?
        if portParts.count == 2 {
            guard portParts[1].count <= 5, let value = Int(portParts[1]), value > 0 else { throw SDPParseError("invalid port count", at: offset) }
            count = value
        }
        guard parts.count - 3 <= maxFormats else { throw SDPParseError("more than \(maxFormats) formats", at: offset) }
        guard parts[2].utf8.allSatisfy({ SIPCharacters.isToken($0) || $0 == 0x2F }) else { throw SDPParseError("invalid protocol", at: offset) }
        let description = MediaDescription(media: String(parts[0]), port: UInt16(port), portCount: count, proto: String(parts[2]),
                                           formats: parts[3...].map(String.init))
        if description.isRTP, let bad = description.formats.first(where: { SDPLimits.payloadType(Substring($0)) == nil }) {
            throw SDPParseError("payload type \(bad) outside 0–127", at: offset)
        }
        return description
    }

    /// a=name[:value]; rtpmap, fmtp, ptime and maxptime are checked here so a bad one refuses the body.
    static func attribute(_ value: String, at offset: Int, maxPtime: Int) throws(SDPParseError) -> SDPAttribute {
        let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = parts.first, !name.isEmpty, name.utf8.allSatisfy(SIPCharacters.isToken) else {
            throw SDPParseError("invalid attribute name", at: offset)
        }
        let attribute = SDPAttribute(String(name), parts.count == 2 ? String(parts[1]) : nil)
        switch attribute.name {
        case "rtpmap":
            guard let value = attribute.value, RTPMap.parse(value) != nil else { throw SDPParseError("invalid rtpmap", at: offset) }
        case "fmtp":
            guard let value = attribute.value, let pt = value.split(separator: " ", maxSplits: 1).first,
                  SDPLimits.payloadType(pt) != nil || !pt.allSatisfy(\.isASCIIDigit) else {
                throw SDPParseError("invalid fmtp", at: offset)
            }
        case "ptime", "maxptime":
            guard let value = attribute.value, value.count <= 4, let ms = Int(value), (1...maxPtime).contains(ms) else {
                throw SDPParseError("\(attribute.name) outside 1–\(maxPtime) ms", at: offset)
            }
        default: break
        }
        return attribute
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
