import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over every system call `Net` makes. Each retries on `EINTR`, reports `EAGAIN` as
/// `IOResult.wouldBlock` where the descriptor is non-blocking, and turns any other `errno` into a
/// `SystemError`; nothing outside this file sees a raw return code.
enum Syscalls {
    // MARK: Retry helpers

    /// Runs `body` until it returns something other than -1 with `EINTR`; -1 with another errno throws.
    @inline(__always)
    private static func call<T: FixedWidthInteger>(_ name: StaticString, _ body: () -> T) throws(SystemError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemError("\(name)", errno: code)
        }
    }

    /// As `call`, but `EAGAIN`/`EWOULDBLOCK` become `.wouldBlock`.
    @inline(__always)
    private static func nonBlocking<T: FixedWidthInteger>(_ name: StaticString, _ body: () -> T) throws(SystemError) -> IOResult<T> {
        while true {
            let result = body()
            if result != -1 { return .done(result) }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw SystemError("\(name)", errno: code)
        }
    }

    // MARK: Descriptors

    /// `socket(2)`, always non-blocking and close-on-exec.
    static func socket(domain: Int32, type: Int32, protocol proto: Int32 = 0) throws(SystemError) -> Int32 {
        let flags = Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        return try call("socket") { Glibc.socket(domain, type | flags, proto) }
    }

    /// `close(2)`. Never retried: on Linux the descriptor is released even when `EINTR` is reported.
    static func close(_ fd: Int32) throws(SystemError) {
        if Glibc.close(fd) == -1, errno != EINTR { throw SystemError("close", errno: errno) }
    }

    /// `shutdown(2)`; `how` is `SHUT_RD`, `SHUT_WR` or `SHUT_RDWR`.
    static func shutdown(_ fd: Int32, how: Int32) throws(SystemError) {
        _ = try call("shutdown") { Glibc.shutdown(fd, how) }
    }

    /// `pipe2(2)` with `O_NONBLOCK | O_CLOEXEC`; returns (read end, write end).
    static func pipe() throws(SystemError) -> (read: Int32, write: Int32) {
        var fds: (Int32, Int32) = (-1, -1)
        _ = try withUnsafeMutableBytes(of: &fds) { (raw) throws(SystemError) -> Int32 in
            let ints = raw.baseAddress!.assumingMemoryBound(to: Int32.self)
            return try call("pipe2") { sb_pipe2(ints, O_NONBLOCK | O_CLOEXEC) }
        }
        return fds
    }

    /// `fcntl(2)` setting or clearing `O_NONBLOCK`.
    static func setNonBlocking(_ fd: Int32, _ on: Bool = true) throws(SystemError) {
        let flags = try call("fcntl(F_GETFL)") { fcntl_getfl(fd) }
        let wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        if wanted != flags { _ = try call("fcntl(F_SETFL)") { fcntl_setfl(fd, wanted) } }
    }

    // MARK: Addresses and options

    static func bind(_ fd: Int32, to address: SocketAddress) throws(SystemError) {
        _ = try address.withSockAddr { (sa, len) throws(SystemError) in try call("bind") { Glibc.bind(fd, sa, len) } }
    }

    static func listen(_ fd: Int32, backlog: Int32) throws(SystemError) {
        _ = try call("listen") { Glibc.listen(fd, backlog) }
    }

    static func getsockname(_ fd: Int32) throws(SystemError) -> SocketAddress {
        try SocketAddress.fromKernel { (sa, len) throws(SystemError) in _ = try call("getsockname") { Glibc.getsockname(fd, sa, len) } }
    }

    static func getpeername(_ fd: Int32) throws(SystemError) -> SocketAddress {
        try SocketAddress.fromKernel { (sa, len) throws(SystemError) in _ = try call("getpeername") { Glibc.getpeername(fd, sa, len) } }
    }

    static func setsockopt<T: BitwiseCopyable>(_ fd: Int32, level: Int32, name: Int32, value: T) throws(SystemError) {
        _ = try withUnsafeBytes(of: value) { (raw) throws(SystemError) in
            try call("setsockopt") { Glibc.setsockopt(fd, level, name, raw.baseAddress, socklen_t(raw.count)) }
        }
    }

    static func getsockopt(_ fd: Int32, level: Int32, name: Int32) throws(SystemError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try call("getsockopt") { Glibc.getsockopt(fd, level, name, &value, &length) }
        return value
    }

    // MARK: Connections

    /// `accept4(2)` with `SOCK_NONBLOCK | SOCK_CLOEXEC`.
    static func accept(_ fd: Int32) throws(SystemError) -> IOResult<Int32> {
        let flags = Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        return try nonBlocking("accept4") { sb_accept4(fd, flags) }
    }

    /// Starts a non-blocking `connect(2)`.
    static func connect(_ fd: Int32, to address: SocketAddress) throws(SystemError) -> ConnectProgress {
        while true {
            let result = address.withSockAddr { sa, len in Glibc.connect(fd, sa, len) }
            if result == 0 { return .connected }
            switch errno {
            case EINTR: continue
            case EINPROGRESS: return .inProgress
            case let code: throw SystemError("connect", errno: code)
            }
        }
    }

    // MARK: Byte I/O

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try nonBlocking("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try nonBlocking("write") { Glibc.write(fd, bytes.baseAddress, bytes.count) }
    }

    static func readv(_ fd: Int32, _ vectors: UnsafeBufferPointer<iovec>) throws(SystemError) -> IOResult<Int> {
        try nonBlocking("readv") { Glibc.readv(fd, vectors.baseAddress, Int32(vectors.count)) }
    }

    static func writev(_ fd: Int32, _ vectors: UnsafeBufferPointer<iovec>) throws(SystemError) -> IOResult<Int> {
        try nonBlocking("writev") { Glibc.writev(fd, vectors.baseAddress, Int32(vectors.count)) }
    }

    static func recv(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, flags: Int32 = 0) throws(SystemError) -> IOResult<Int> {
        try nonBlocking("recv") { Glibc.recv(fd, buffer.baseAddress, buffer.count, flags) }
    }

    /// `send(2)` with `MSG_NOSIGNAL`: a peer that went away yields `EPIPE`, never `SIGPIPE`.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try nonBlocking("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Gathered send: `writev` semantics through `sendmsg(2)` so `MSG_NOSIGNAL` applies.
    static func sendVectored(_ fd: Int32, _ vectors: UnsafeMutableBufferPointer<iovec>) throws(SystemError) -> IOResult<Int> {
        var message = msghdr()
        message.msg_iov = vectors.baseAddress
        message.msg_iovlen = vectors.count
        return try nonBlocking("sendmsg") { Glibc.sendmsg(fd, &message, Int32(MSG_NOSIGNAL)) }
    }

    // MARK: Datagrams

    static func sendto(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, to address: SocketAddress) throws(SystemError) -> IOResult<Int> {
        try nonBlocking("sendto") {
            address.withSockAddr { sa, len in Glibc.sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), sa, len) }
        }
    }

    static func recvfrom(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<(Int, SocketAddress?)> {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = try withUnsafeMutablePointer(to: &storage) { (pointer) throws(SystemError) -> IOResult<Int> in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (sa) throws(SystemError) -> IOResult<Int> in
                try nonBlocking("recvfrom") { Glibc.recvfrom(fd, buffer.baseAddress, buffer.count, 0, sa, &length) }
            }
        }
        switch result {
        case .wouldBlock: return .wouldBlock
        case .done(let count): return .done((count, SocketAddress(storage: storage)))
        }
    }

    /// `recvmmsg(2)` without a timeout; returns how many messages were filled.
    static func recvmmsg(_ fd: Int32, _ messages: UnsafeMutableBufferPointer<sb_mmsghdr>) throws(SystemError) -> IOResult<Int> {
        let result = try nonBlocking("recvmmsg") { sb_recvmmsg(fd, messages.baseAddress, UInt32(messages.count), 0) }
        if case .done(let count) = result { return .done(Int(count)) }
        return .wouldBlock
    }

    /// `sendmmsg(2)` with `MSG_NOSIGNAL`; returns how many messages were sent.
    static func sendmmsg(_ fd: Int32, _ messages: UnsafeMutableBufferPointer<sb_mmsghdr>) throws(SystemError) -> IOResult<Int> {
        let result = try nonBlocking("sendmmsg") { sb_sendmmsg(fd, messages.baseAddress, UInt32(messages.count), Int32(MSG_NOSIGNAL)) }
        if case .done(let count) = result { return .done(Int(count)) }
        return .wouldBlock
    }

    // MARK: epoll and eventfd

    static func epollCreate() throws(SystemError) -> Int32 {
        try call("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
    }

    static func epollControl(_ epfd: Int32, _ op: Int32, _ fd: Int32, events: UInt32, data: UInt64) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = data
        _ = try call("epoll_ctl") { epoll_ctl(epfd, op, fd, &event) }
    }

    /// `epoll_wait(2)`; an interrupted wait reports zero events instead of restarting with a stale timeout.
    static func epollWait(_ epfd: Int32, _ events: UnsafeMutablePointer<epoll_event>, capacity: Int32, timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        let count = epoll_wait(epfd, events, capacity, timeoutMilliseconds)
        if count == -1 {
            if errno == EINTR { return 0 }
            throw SystemError("epoll_wait", errno: errno)
        }
        return Int(count)
    }

    static func eventfd() throws(SystemError) -> Int32 {
        try call("eventfd") { CSystemShims.eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
    }

    /// Adds one to an eventfd's counter; a full counter (`EAGAIN`) already means "wake up", so it is ignored.
    static func eventfdSignal(_ fd: Int32) throws(SystemError) {
        var one: UInt64 = 1
        _ = try nonBlocking("write(eventfd)") { Glibc.write(fd, &one, 8) }
    }

    /// Reads and resets an eventfd's counter.
    static func eventfdDrain(_ fd: Int32) throws(SystemError) {
        var value: UInt64 = 0
        _ = try nonBlocking("read(eventfd)") { Glibc.read(fd, &value, 8) }
    }

    /// `clock_gettime(CLOCK_MONOTONIC)` in nanoseconds; the loops' timer clock.
    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
