import Testing
@testable import Net
#if canImport(Glibc)
import Glibc
#endif

extension NetTests {
    @Suite struct SyscallsTests {
        @Test func emptyNonBlockingReadReportsWouldBlockNotAnError() throws {
            let (readEnd, writeEnd) = try Syscalls.pipe()
            defer { try? Syscalls.close(readEnd); try? Syscalls.close(writeEnd) }
            var buffer = [UInt8](repeating: 0, count: 16)
            let empty = try buffer.withUnsafeMutableBytes { try Syscalls.read(readEnd, into: $0) }
            #expect(empty == .wouldBlock)
            let written = try ([1, 2, 3] as [UInt8]).withUnsafeBytes { try Syscalls.write(writeEnd, $0) }
            #expect(written == .done(3))
            let read = try buffer.withUnsafeMutableBytes { try Syscalls.read(readEnd, into: $0) }
            #expect(read == .done(3))
        }

        @Test func failuresBecomeSystemErrorsNamingTheCallAndErrno() throws {
            let fd = try Syscalls.socket(domain: AF_INET, type: Int32(SOCK_STREAM.rawValue))
            defer { try? Syscalls.close(fd) }
            try Syscalls.bind(fd, to: .loopbackIPv4())
            try Syscalls.listen(fd, backlog: 1)
            let taken = try Syscalls.getsockname(fd)
            let second = try Syscalls.socket(domain: AF_INET, type: Int32(SOCK_STREAM.rawValue))
            defer { try? Syscalls.close(second) }
            #expect(throws: SystemError("bind", errno: EADDRINUSE)) { try Syscalls.bind(second, to: taken) }
            #expect(throws: SystemError("shutdown", errno: ENOTCONN)) { try Syscalls.shutdown(second, how: Int32(SHUT_WR)) }
            #expect(try Syscalls.accept(fd) == .wouldBlock)
        }

        @Test func sendToAPeerThatLeftIsEPIPENotASignal() throws {
            let listener = try Syscalls.socket(domain: AF_INET, type: Int32(SOCK_STREAM.rawValue))
            defer { try? Syscalls.close(listener) }
            try Syscalls.bind(listener, to: .loopbackIPv4())
            try Syscalls.listen(listener, backlog: 1)
            let client = try Syscalls.socket(domain: AF_INET, type: Int32(SOCK_STREAM.rawValue))
            defer { try? Syscalls.close(client) }
            _ = try Syscalls.connect(client, to: try Syscalls.getsockname(listener))
            var accepted: Int32 = -1
            for _ in 0..<1000 where accepted < 0 {
                if case .done(let fd) = try Syscalls.accept(listener) { accepted = fd }
            }
            try Syscalls.setsockopt(accepted, level: SOL_SOCKET, name: SO_LINGER, value: linger(l_onoff: 1, l_linger: 0))
            try Syscalls.close(accepted)
            // The first send may be accepted before the RST is seen; keep sending until the error surfaces.
            var failure: SystemError?
            for _ in 0..<1000 where failure == nil {
                do { _ = try [1].withUnsafeBytes { (bytes) throws(SystemError) in try Syscalls.send(client, bytes) } } catch { failure = error as? SystemError }
            }
            #expect([EPIPE, ECONNRESET].contains(failure?.errno ?? 0))
        }
    }
}
