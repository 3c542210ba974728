/// From and To (RFC 3261 §20.20, §20.39): one address, whose `tag`, if present, is a token.
enum FromToParser {
    static func parse(_ bytes: ArraySlice<UInt8>, _ name: String) throws(SIPSyntaxError) -> AddressHeader {
        let header = try AddressHeader.parseSingle(bytes, name)
        if let tagParameter = header.parameters.first(named: "tag") {
            guard let tag = tagParameter.value, !tagParameter.isQuoted, SIPCharacters.isTokenString(tag) else {
                throw SIPSyntaxError("\(name) tag must be a token", at: bytes.startIndex)
            }
        }
        return header
    }
}
