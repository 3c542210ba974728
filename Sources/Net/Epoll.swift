import CSystemShims

/// The readiness selector: one epoll instance and a reusable event buffer. Knows nothing about jobs,
/// timers or handlers; `EventLoop` maps the 64-bit registration ids it reports back to handlers.
///
/// `epoll_event` imports packed (size 12, alignment 1), matching the kernel's layout on x86-64, so the
/// buffer is allocated as an array of `epoll_event` (stride 12) and read field by field.
final class Epoll {
    let fd: Int32
    let capacity: Int
    private let events: UnsafeMutablePointer<epoll_event>

    /// Events gathered per `epoll_wait`; more ready descriptors are reported on the next wait.
    static let defaultCapacity = 512

    init(capacity: Int = Epoll.defaultCapacity) throws(SystemError) {
        fd = try Syscalls.epollCreate()
        self.capacity = capacity
        events = .allocate(capacity: capacity)
        events.initialize(repeating: epoll_event(), count: capacity)
    }

    deinit { events.deallocate() }

    func add(_ descriptor: Int32, interest: IOEvents, id: UInt64) throws(SystemError) {
        try Syscalls.epollControl(fd, EPOLL_CTL_ADD, descriptor, events: interest.rawValue, data: id)
    }

    func modify(_ descriptor: Int32, interest: IOEvents, id: UInt64) throws(SystemError) {
        try Syscalls.epollControl(fd, EPOLL_CTL_MOD, descriptor, events: interest.rawValue, data: id)
    }

    func remove(_ descriptor: Int32) throws(SystemError) {
        try Syscalls.epollControl(fd, EPOLL_CTL_DEL, descriptor, events: 0, data: 0)
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and returns how many events are in the buffer.
    func wait(timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        try Syscalls.epollWait(fd, events, capacity: Int32(capacity), timeoutMilliseconds: timeoutMilliseconds)
    }

    /// The `index`-th event of the last wait: the registration id and what is ready.
    func event(at index: Int) -> (id: UInt64, events: IOEvents) {
        let event = events[index]
        return (event.data.u64, IOEvents(rawValue: event.events))
    }

    func close() throws(SystemError) { try Syscalls.close(fd) }
}
