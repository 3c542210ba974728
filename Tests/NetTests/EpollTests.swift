import Testing
@testable import Net

extension NetTests {
    @Suite struct EpollTests {
        /// `epoll_event` imports packed (12 bytes): the 64-bit ids of several ready descriptors must come
        /// back intact from one wait.
        @Test func reportsEachReadyDescriptorWithItsFull64BitId() throws {
            let epoll = try Epoll(capacity: 8)
            defer { try? epoll.close() }
            let pipes = try (0..<3).map { _ in try Syscalls.pipe() }
            defer { for pipe in pipes { try? Syscalls.close(pipe.read); try? Syscalls.close(pipe.write) } }
            let ids: [UInt64] = [0xDEAD_BEEF_0000_0001, 0x0123_4567_89AB_CDEF, UInt64.max - 1]
            for (pipe, id) in zip(pipes, ids) { try epoll.add(pipe.read, interest: .readable, id: id) }
            #expect(try epoll.wait(timeoutMilliseconds: 0) == 0)
            for pipe in pipes { _ = try [7].withUnsafeBytes { try Syscalls.write(pipe.write, $0) } }
            let count = try epoll.wait(timeoutMilliseconds: 1000)
            #expect(count == 3)
            let events = (0..<count).map { epoll.event(at: $0) }
            #expect(Set(events.map(\.id)) == Set(ids))
            #expect(events.allSatisfy { $0.events.contains(.readable) })
        }

        @Test func modifiedAndRemovedInterestsAreHonoured() throws {
            let epoll = try Epoll(capacity: 4)
            defer { try? epoll.close() }
            let pipe = try Syscalls.pipe()
            defer { try? Syscalls.close(pipe.read); try? Syscalls.close(pipe.write) }
            try epoll.add(pipe.write, interest: .writable, id: 9)
            #expect(try epoll.wait(timeoutMilliseconds: 1000) == 1)
            #expect(epoll.event(at: 0).id == 9)
            try epoll.modify(pipe.write, interest: [], id: 9)
            #expect(try epoll.wait(timeoutMilliseconds: 0) == 0)
            try epoll.modify(pipe.write, interest: .writable, id: 9)
            try epoll.remove(pipe.write)
            #expect(try epoll.wait(timeoutMilliseconds: 0) == 0)
        }
    }
}
