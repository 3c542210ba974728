/// A `multipart/form-data` body (RFC 7578): text fields and one file, each part delimited by
/// `--boundary`. The caller picks a boundary that cannot occur in the content (random, 32+ characters).
/// Pure.
struct MultipartFormData {
    let boundary: String
    private(set) var body: [UInt8] = []

    init(boundary: String) {
        self.boundary = boundary
    }

    /// The `Content-Type` header value.
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func addField(_ name: String, _ value: String) {
        appendLine("--\(boundary)")
        appendLine("Content-Disposition: form-data; name=\"\(Self.escaped(name))\"")
        appendLine("")
        body += Array(value.utf8)
        appendLine("")
    }

    mutating func addFile(_ name: String, filename: String, contentType: String, bytes: [UInt8]) {
        appendLine("--\(boundary)")
        appendLine("Content-Disposition: form-data; name=\"\(Self.escaped(name))\"; filename=\"\(Self.escaped(filename))\"")
        appendLine("Content-Type: \(contentType)")
        appendLine("")
        body += bytes
        appendLine("")
    }

    /// The body with its closing delimiter.
    func finished() -> [UInt8] { body + Array("--\(boundary)--\r\n".utf8) }

    private mutating func appendLine(_ text: String) {
        body += Array(text.utf8)
        body += [0x0D, 0x0A]
    }

    /// RFC 7578 §4.2: quotes and line ends in names are percent-encoded.
    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"": out += "%22"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.append(character)
            }
        }
        return out
    }

    /// A boundary of 32 random hex digits after a fixed prefix.
    static func randomBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<32).map { _ in String(UInt8.random(in: 0..<16, using: &generator), radix: 16) }.joined()
        return "switchboard-" + digits
    }
}
