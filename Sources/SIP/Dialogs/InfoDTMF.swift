/// DTMF carried in SIP INFO bodies, the two formats carriers and PBXs send: `application/dtmf-relay`
/// (`Signal=5\r\nDuration=160`, Cisco/Asterisk style) and `application/dtmf` (the bare key, or an event
/// number 0–15 as RFC 4733 numbers them). Pure; bounded (bodies over `maxBodyBytes` are refused).
public enum InfoDTMF {
    /// INFO DTMF bodies are a few dozen bytes; anything longer is not one.
    public static let maxBodyBytes = 512

    /// The content types this parser reads.
    public static let relayType = MediaType("application", "dtmf-relay")
    public static let plainType = MediaType("application", "dtmf")

    /// True when `type` is one of the DTMF INFO formats.
    public static func accepts(_ type: MediaType) -> Bool { type.matches(relayType) || type.matches(plainType) }

    /// The key (`0`–`9`, `*`, `#`, `A`–`D`) in an INFO body of `type`; nil when the body holds none.
    public static func key(in body: [UInt8], type: MediaType) -> Character? {
        guard body.count <= maxBodyBytes, let text = String(validating: body, as: UTF8.self) else { return nil }
        if type.matches(plainType) { return key(fromSignal: text.trimmingSIPWhitespace) }
        guard type.matches(relayType) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let name = String(line[..<equals]).trimmingSIPWhitespace
            guard name.sipCaseInsensitiveEquals("Signal") else { continue }
            return key(fromSignal: String(line[line.index(after: equals)...]).trimmingSIPWhitespace)
        }
        return nil
    }

    /// RFC 4733 §3.2 event numbers 0–15 and the keys themselves.
    static func key(fromSignal signal: String) -> Character? {
        if signal.count == 1, let character = signal.uppercased().first, "0123456789*#ABCD".contains(character) {
            return character
        }
        guard signal.count <= 2, let number = Int(signal), (0...15).contains(number) else { return nil }
        return Array("0123456789*#ABCD")[number]
    }
}

extension String {
    /// Without leading and trailing white space and line ends.
    var trimmingSIPWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
