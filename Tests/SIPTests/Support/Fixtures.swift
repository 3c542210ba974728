import Foundation

/// Reads the RFC 4475 torture messages in `Tests/SIPTests/Fixtures` (see SOURCES.md there).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ name: String) -> [UInt8] {
        let url = directory.appendingPathComponent(name + ".dat")
        guard let data = FileManager.default.contents(atPath: url.path) else { fatalError("missing fixture \(url.path)") }
        return [UInt8](data)
    }

    static var allNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".dat") }.map { String($0.dropLast(4)) }.sorted()
    }
}

/// Builds message text with CRLF line ends from lines.
func sipMessage(_ lines: String...) -> [UInt8] {
    Array(lines.joined(separator: "\r\n").utf8)
}
