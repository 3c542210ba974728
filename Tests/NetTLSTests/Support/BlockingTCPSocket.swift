import Glibc
import Net

/// A plain blocking IPv4 TCP socket for tests only (the project's own socket layer lives elsewhere):
/// every read has a receive timeout so a silent peer fails the test instead of hanging it.
final class BlockingTCPSocket {
    /// How long a read or accept waits before failing with EAGAIN.
    static let receiveTimeoutSeconds = 15

    let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
        var timeout = timeval(tv_sec: Self.receiveTimeoutSeconds, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Connects to 127.0.0.1:`port`.
    static func connect(port: UInt16) throws -> BlockingTCPSocket {
        let socket = try make()
        var address = loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket.descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw SystemError("connect", errno: errno) }
        return socket
    }

    /// A listener on 127.0.0.1 with a kernel-chosen port; `backlog` 0 lets tests fill the accept queue.
    static func listen(backlog: Int32 = 16) throws -> (socket: BlockingTCPSocket, port: UInt16) {
        let socket = try make()
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket.descriptor, pointer, length) == 0 && getsockname(socket.descriptor, pointer, &length) == 0
            }
        }
        guard bound, Glibc.listen(socket.descriptor, backlog) == 0 else { throw SystemError("bind/listen", errno: errno) }
        return (socket, UInt16(bigEndian: address.sin_port))
    }

    /// A port on 127.0.0.1 where nothing listens (bound, then released).
    static func unusedPort() throws -> UInt16 { try listen().port }

    func accept() throws -> BlockingTCPSocket {
        let client = Glibc.accept(descriptor, nil, nil)
        guard client >= 0 else { throw SystemError("accept", errno: errno) }
        return BlockingTCPSocket(descriptor: client)
    }

    /// Up to `maximum` bytes; empty at end of stream.
    func read(maximum: Int = 64 * 1024) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maximum)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, maximum, 0) }
        guard count >= 0 else { throw SystemError("recv", errno: errno) }
        return Array(buffer[0..<count])
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw SystemError("send", errno: errno) }
            offset += sent
        }
    }

    func shutdownWrite() { _ = shutdown(descriptor, Int32(SHUT_WR)) }

    private static func make() throws -> BlockingTCPSocket {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SystemError("socket", errno: errno) }
        return BlockingTCPSocket(descriptor: descriptor)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }
}
