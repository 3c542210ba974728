/// Writes a session description with CRLF line ends in the order RFC 8866 §5 requires.
public enum SDPSerializer {
    public static func serialize(_ description: SessionDescription) -> [UInt8] {
        var lines: [String] = ["v=0"]
        let origin = description.origin
        lines.append("o=\(origin.username) \(origin.sessionID) \(origin.sessionVersion) \(origin.address.serialized)")
        lines.append("s=" + (description.sessionName.isEmpty ? "-" : description.sessionName))
        lines += other(description.otherLines, "iuep")
        if let connection = description.connection { lines.append("c=" + connection.serialized) }
        lines += other(description.otherLines, "b")
        lines += description.timing.map { "t=" + $0 }
        lines += other(description.otherLines, "rzk")
        lines += description.attributes.map { "a=" + $0.serialized }
        lines += other(description.otherLines, "abcdefghijklmnopqrstuvwxyz".filter { !"iuepbrzk".contains($0) })
        for media in description.media {
            let port = String(media.port) + (media.portCount.map { "/\($0)" } ?? "")
            lines.append("m=\(media.media) \(port) \(media.proto) " + media.formats.joined(separator: " "))
            lines += other(media.otherLines, "i")
            if let connection = media.connection { lines.append("c=" + connection.serialized) }
            lines += other(media.otherLines, "bk")
            lines += media.attributes.map { "a=" + $0.serialized }
            lines += other(media.otherLines, "abcdefghijklmnopqrstuvwxyz".filter { !"ibk".contains($0) })
        }
        var out: [UInt8] = []
        for line in lines {
            out.append(contentsOf: line.utf8.map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 })
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return out
    }

    private static func other(_ lines: [SDPLine], _ types: String) -> [String] {
        lines.filter { types.contains($0.type) }.map { String($0.type) + "=" + $0.value }
    }
}
