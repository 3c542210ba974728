import Foundation
import Net
import Wire

/// One group for the whole test target (two loops); never shut down, so no test waits on another's.
enum TestLoops {
    static let group: EventLoopGroup = {
        do { return try EventLoopGroup(loopCount: 2, name: "t-ws") } catch { fatalError("cannot start loops: \(error)") }
    }()
}

/// Deterministic test payload of `count` bytes.
func pattern(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
}

/// Printable ASCII text of `count` bytes (with a multi-byte character when it fits).
func textPattern(_ count: Int) -> String {
    guard count >= 3 else { return String(repeating: "a", count: count) }
    let ascii = (0..<(count - 3)).map { Character(UnicodeScalar(UInt8(32 + $0 % 95))) }
    return "€" + String(ascii)
}

/// The error `connect` threw, or nil if it connected (the connection is then closed).
func connectError(_ url: String, headers: HTTPHeaders = HTTPHeaders(), tls: TLSClientContext? = nil,
                  options: WebSocketClientOptions = WebSocketClientOptions()) async -> WebSocketClientError? {
    do {
        let connection = try await WebSocketClient.connect(url: url, headers: headers, on: TestLoops.group, tls: tls, options: options)
        await connection.close()
        return nil
    } catch {
        return error
    }
}

/// Reads every message of `connection` until it ends; returns them and how it ended.
func drain(_ connection: WebSocketClientConnection) async -> (messages: [WebSocketClientMessage], error: WebSocketClientError?) {
    var messages: [WebSocketClientMessage] = []
    do {
        for try await message in connection.messages { messages.append(message) }
        return (messages, nil)
    } catch {
        return (messages, error)
    }
}

/// Entries of /proc/self/fd that are TCP sockets with local port `port` (a server's listener and its
/// accepted connections), found through /proc/net/tcp's inode column. Other tests' sockets never match.
func descriptorsOfTCPPort(_ port: UInt16) -> Int {
    let data = FileHandle(forReadingAtPath: "/proc/net/tcp")?.readDataToEndOfFile() ?? Data()
    let hexPort = String(format: "%04X", port)
    var inodes: Set<String> = []
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
        let columns = line.split(separator: " ", omittingEmptySubsequences: true)
        guard columns.count > 9, columns[1].hasSuffix(":\(hexPort)") else { continue }
        inodes.insert("socket:[\(columns[9])]")
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return entries.filter { entry in
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)")).map(inodes.contains) ?? false
    }.count
}
