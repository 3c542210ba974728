/// Builds the query string of a provider URL: `name=value` pairs in order, values percent-encoded
/// (RFC 3986 §2.3: only unreserved characters left as they are), names repeated for lists. Pure.
struct URLQuery {
    private(set) var pairs: [(name: String, value: String)] = []

    init() {}

    /// A query of `pairs`, in order.
    init(_ pairs: [(String, String)]) { self.pairs = pairs.map { (name: $0.0, value: $0.1) } }

    mutating func add(_ name: String, _ value: String) { pairs.append((name, value)) }
    mutating func add(_ name: String, _ value: Int) { add(name, String(value)) }
    mutating func add(_ name: String, _ value: Bool) { add(name, value ? "true" : "false") }

    /// `a=1&b=two` (no leading `?`).
    var encoded: String {
        pairs.map { Self.percentEncoded($0.name) + "=" + Self.percentEncoded($0.value) }.joined(separator: "&")
    }

    /// `url` with this query appended (after `?`, or `&` when the URL already has a query).
    func appended(to url: String) -> String {
        guard !pairs.isEmpty else { return url }
        return url + (url.contains("?") ? "&" : "?") + encoded
    }

    /// `text` with every byte outside the unreserved set `A–Z a–z 0–9 - . _ ~` escaped (also for path
    /// segments: a voice id, a model name).
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
