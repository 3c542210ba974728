/// Reads what `openssl s_server -tlsextdebug` printed about a ClientHello.
enum OpenSSLServerOutput {
    /// The host name in the client's server_name extension (RFC 6066 §3), decoded from the hex dump
    /// that follows `TLS client extension "server name"`; nil if the client sent none.
    static func serverName(in lines: [String]) -> String? {
        guard let header = lines.firstIndex(where: { $0.contains("TLS client extension \"server name\"") }) else { return nil }
        var bytes: [UInt8] = []
        for line in lines[(header + 1)...] {
            // Dump lines look like "0000 - 00 0f 00 00 0c 65 78 61-6d 70 ...   .....exa": offset, 16 hex bytes, ASCII.
            guard line.count > 7, line.dropFirst(4).hasPrefix(" - ") else { break }
            let hexColumn = line.dropFirst(7).prefix(48)
            for token in hexColumn.split(whereSeparator: { $0 == " " || $0 == "-" }) {
                guard token.count == 2, let byte = UInt8(token, radix: 16) else { continue }
                bytes.append(byte)
            }
        }
        // ServerNameList: list length (2), name type (1, 0 = host_name), name length (2), name.
        guard bytes.count >= 5, bytes[2] == 0 else { return nil }
        let length = Int(bytes[3]) << 8 | Int(bytes[4])
        guard bytes.count >= 5 + length else { return nil }
        return String(decoding: bytes[5..<(5 + length)], as: UTF8.self)
    }
}
