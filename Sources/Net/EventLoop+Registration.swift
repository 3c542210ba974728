extension EventLoop {
    /// Starts watching `fd` for `interest`, calling `handler` on this thread when ready. The loop keeps
    /// the handler alive until `deregister`. Loop thread only.
    public func register(fd: Int32, interest: IOEvents, handler: any IOHandler) throws(SystemError) -> IORegistration {
        preconditionInEventLoop()
        let id = nextRegistrationID
        nextRegistrationID += 1
        try selector.add(fd, interest: interest, id: id)
        registrations[id] = (fd, handler)
        return IORegistration(id: id, fd: fd)
    }

    /// Changes what a registered descriptor is watched for (an empty set still reports hang-ups/errors).
    public func modify(_ registration: IORegistration, interest: IOEvents) throws(SystemError) {
        preconditionInEventLoop()
        try selector.modify(registration.fd, interest: interest, id: registration.id)
    }

    /// Stops watching the descriptor and releases the handler; call it before closing the descriptor.
    public func deregister(_ registration: IORegistration) {
        preconditionInEventLoop()
        guard registrations.removeValue(forKey: registration.id) != nil else { return }
        try? selector.remove(registration.fd)
    }

    /// How many descriptors this loop watches (the wake-up eventfd excluded). Loop thread only.
    public var registeredCount: Int {
        preconditionInEventLoop()
        return registrations.count
    }
}
