/// Writes a session description with CRLF line ends in the order RFC 8866 §5 requires.
public enum SDPSerializer {
    public static func serialize(_ description: SessionDescription) -> [UInt8] {
        var lines: [String] = ["v=0"]
        let origin = description.origin
        lines.append("o=\(origin.username) \(origin.sessionID) \(origin.sessionVersion) \(origin.address.serialized)")
        lines.append("s=" + (description.sessionName.isEmpty ? "-" : description.sessionName))
        lines += other(description.otherLines, group: 0, sessionGroup)
        if let connection = description.connection { lines.append("c=" + connection.serialized) }
        lines += other(description.otherLines, group: 1, sessionGroup)
        lines += description.timing.map { "t=" + $0 }
        lines += other(description.otherLines, group: 2, sessionGroup)
        lines += description.attributes.map { "a=" + $0.serialized }
        lines += other(description.otherLines, group: 3, sessionGroup)
        for media in description.media {
            let port = String(media.port) + (media.portCount.map { "/\($0)" } ?? "")
            lines.append("m=\(media.media) \(port) \(media.proto) " + media.formats.joined(separator: " "))
            lines += other(media.otherLines, group: 0, mediaGroup)
            if let connection = media.connection { lines.append("c=" + connection.serialized) }
            lines += other(media.otherLines, group: 1, mediaGroup)
            lines += media.attributes.map { "a=" + $0.serialized }
            lines += other(media.otherLines, group: 2, mediaGroup)
        }
        var out: [UInt8] = []
        for line in lines {
            out.append(contentsOf: line.utf8.map { $0 == 0x0D || $0 == 0x0A ? 0x20 : $0 })
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return out
    }

    private static func other(_ lines: [SDPLine], group: Int, _ grouping: (Character) -> Int) -> [String] {
        lines.filter { grouping($0.type) == group }.map { String($0.type) + "=" + $0.value }
    }

    /// Where an untyped session-level line goes (RFC 8866 §5 order): i u e p before c=, b after it,
    /// r z k after t=, unknown letters last. The parser sorts kept lines the same way, so a
    /// description survives serialize → parse unchanged.
    static func sessionGroup(_ type: Character) -> Int {
        switch type {
        case "i", "u", "e", "p": 0
        case "b": 1
        case "r", "z", "k": 2
        default: 3
        }
    }

    /// Media level: i before c=, b and k after it, unknown letters after the attributes.
    static func mediaGroup(_ type: Character) -> Int {
        switch type {
        case "i": 0
        case "b", "k": 1
        default: 2
        }
    }
}
