/// The typed SDP lines: o=, c=, m= and a= (RFC 8866 §5.2, §5.7, §5.13, §5.14), parsed from the line's
/// bytes (after `x=`).
enum SDPFieldParser {
    /// Space-separated fields (runs of spaces count as one separator).
    static func fields(_ value: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        value.split(separator: 0x20, omittingEmptySubsequences: true)
    }

    /// A decimal of at most `maxDigits` digits, or nil.
    static func number(_ bytes: ArraySlice<UInt8>, maxDigits: Int) -> Int? {
        guard !bytes.isEmpty, bytes.count <= maxDigits else { return nil }
        var value = 0
        for byte in bytes {
            guard SIPCharacters.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    static func unsigned64(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 20, bytes.allSatisfy(SIPCharacters.isDigit) else { return nil }
        return UInt64(String(sipBytes: bytes))
    }

    static func origin(_ value: ArraySlice<UInt8>, at offset: Int) throws(SDPParseError) -> SDPOrigin {
        let parts = fields(value)
        guard parts.count == 6, let id = unsigned64(parts[1]), let version = unsigned64(parts[2]) else {
            throw SDPParseError("o= needs username, numeric session id and version, and an address", at: offset)
        }
        let address = try self.address(parts[3], parts[4], parts[5], at: offset)
        return SDPOrigin(username: String(sipBytes: parts[0]), sessionID: id, sessionVersion: version, address: address)
    }

    static func connection(_ value: ArraySlice<UInt8>, at offset: Int) throws(SDPParseError) -> SDPConnection {
        let parts = fields(value)
        guard parts.count == 3 else { throw SDPParseError("c= needs network type, address type and address", at: offset) }
        let pieces = parts[2].split(separator: 0x2F, maxSplits: 1, omittingEmptySubsequences: false)
        let address = try self.address(parts[0], parts[1], pieces[0], at: offset)
        var suffix: String?
        if pieces.count == 2 {
            guard pieces[1].split(separator: 0x2F, omittingEmptySubsequences: false)
                .allSatisfy({ number($0, maxDigits: 5) != nil }) else {
                throw SDPParseError("invalid multicast suffix", at: offset)
            }
            suffix = String(sipBytes: pieces[1])
        }
        return SDPConnection(address, multicastSuffix: suffix)
    }

    static func address(_ network: ArraySlice<UInt8>, _ type: ArraySlice<UInt8>, _ address: ArraySlice<UInt8>,
                        at offset: Int) throws(SDPParseError) -> SDPAddress {
        guard network.elementsEqual("IN".utf8) else { throw SDPParseError("network type must be IN", at: offset) }
        if type.elementsEqual("IP4".utf8) {
            guard HostParser.isIPv4(address) || HostParser.isHostname(address) else { throw SDPParseError("invalid IP4 address", at: offset) }
            return SDPAddress(.ip4, String(sipBytes: address))
        }
        if type.elementsEqual("IP6".utf8) {
            guard HostParser.isIPv6(address) || HostParser.isHostname(address) else { throw SDPParseError("invalid IP6 address", at: offset) }
            return SDPAddress(.ip6, String(sipBytes: address))
        }
        throw SDPParseError("address type must be IP4 or IP6", at: offset)
    }

    static func media(_ value: ArraySlice<UInt8>, at offset: Int, maxFormats: Int) throws(SDPParseError) -> MediaDescription {
        let parts = fields(value)
        guard parts.count >= 4, parts[0].allSatisfy(SIPCharacters.isToken) else {
            throw SDPParseError("m= needs media, port, protocol and formats", at: offset)
        }
        let portParts = parts[1].split(separator: 0x2F, omittingEmptySubsequences: false)
        guard (1...2).contains(portParts.count), let port = number(portParts[0], maxDigits: 5), port <= 65535 else {
            throw SDPParseError("m= port outside 0–65535", at: offset)
        }
        var count: Int?
        if portParts.count == 2 {
            guard let value = number(portParts[1], maxDigits: 5), value > 0 else { throw SDPParseError("invalid port count", at: offset) }
            count = value
        }
        guard parts.count - 3 <= maxFormats else { throw SDPParseError("more than \(maxFormats) formats", at: offset) }
        guard parts[2].allSatisfy({ SIPCharacters.isToken($0) || $0 == 0x2F }) else { throw SDPParseError("invalid protocol", at: offset) }
        let description = MediaDescription(media: String(sipBytes: parts[0]), port: UInt16(port), portCount: count,
                                           proto: String(sipBytes: parts[2]), formats: parts[3...].map { String(sipBytes: $0) })
        if description.isRTP, let bad = parts[3...].first(where: { SDPLimits.payloadType($0) == nil }) {
            throw SDPParseError("payload type \(String(sipBytes: bad)) outside 0–127", at: offset)
        }
        return description
    }

    /// a=name[:value]; rtpmap, fmtp, ptime and maxptime are checked here so a bad one refuses the body.
    static func attribute(_ value: ArraySlice<UInt8>, at offset: Int, maxPtime: Int) throws(SDPParseError) -> SDPAttribute {
        let colon = value.firstIndex(of: 0x3A)
        let name = value[value.startIndex..<(colon ?? value.endIndex)]
        guard !name.isEmpty, name.allSatisfy(SIPCharacters.isToken) else { throw SDPParseError("invalid attribute name", at: offset) }
        let content = colon.map { value[($0 + 1)...] }
        if name.elementsEqual("rtpmap".utf8) {
            guard let content, RTPMap.parse(content) != nil else { throw SDPParseError("invalid rtpmap", at: offset) }
        } else if name.elementsEqual("fmtp".utf8) {
            guard let content, let pt = content.split(separator: 0x20, maxSplits: 1).first,
                  SDPLimits.payloadType(pt) != nil || !pt.allSatisfy(SIPCharacters.isDigit) else {
                throw SDPParseError("invalid fmtp", at: offset)
            }
        } else if name.elementsEqual("ptime".utf8) || name.elementsEqual("maxptime".utf8) {
            guard let content, let ms = number(content, maxDigits: 4), (1...maxPtime).contains(ms) else {
                throw SDPParseError("\(String(sipBytes: name)) outside 1–\(maxPtime) ms", at: offset)
            }
        }
        return SDPAttribute(String(sipBytes: name), content.map { String(sipBytes: $0) })
    }
}
