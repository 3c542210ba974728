import Wire

/// HMAC-SHA1 (RFC 2104) over Wire's SHA-1: what Twilio signs requests with. Pure.
enum HMACSHA1 {
    /// RFC 2104 §2: B = 64, SHA-1's block size.
    static let blockSize = 64

    static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var key = key.count > blockSize ? SHA1.hash(key) : key
        key += [UInt8](repeating: 0, count: blockSize - key.count)
        var inner = SHA1()
        inner.update(key.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA1()
        outer.update(key.map { $0 ^ 0x5C })
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
