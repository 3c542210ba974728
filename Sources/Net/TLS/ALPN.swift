/// Application-Layer Protocol Negotiation (RFC 7301) on the wire: a list of protocol names, each one
/// length byte then the name. Pure: encodes our list, and picks the server's choice from a client's offer.
enum ALPN {
    /// RFC 7301 §3.1: a protocol name is 1...255 bytes.
    static let maximumNameLength = 255

    /// The wire form of `protocols`, or nil if a name is empty or longer than 255 bytes.
    static func wireFormat(_ protocols: [String]) -> [UInt8]? {
        var bytes: [UInt8] = []
        for name in protocols {
            let utf8 = Array(name.utf8)
            guard (1...maximumNameLength).contains(utf8.count) else { return nil }
            bytes.append(UInt8(utf8.count))
            bytes.append(contentsOf: utf8)
        }
        return bytes
    }

    /// The byte range, inside `offer`, of the first protocol in `preference` that the client offered
    /// (server preference wins, as RFC 7301 §3.2 suggests). Nil if nothing matches or the offer is
    /// malformed; never reads outside `offer`.
    static func select(preference: [[UInt8]], offer: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var offered: [Range<Int>] = []
        var index = 0
        while index < offer.count {
            let length = Int(offer[index])
            let start = index + 1
            guard length > 0, start + length <= offer.count else { return nil }
            offered.append(start..<(start + length))
            index = start + length
        }
        for wanted in preference {
            if let match = offered.first(where: { $0.count == wanted.count && offer[$0].elementsEqual(wanted) }) {
                return match
            }
        }
        return nil
    }
}

/// The server's ALPN preference, kept alive by its context for OpenSSL's select callback.
final class ALPNPreference: Sendable {
    let protocols: [[UInt8]]
    init(_ names: [String]) { protocols = names.map { Array($0.utf8) } }
}
