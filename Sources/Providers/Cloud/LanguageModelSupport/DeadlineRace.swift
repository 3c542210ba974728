/// Runs `operation` against a deadline: its result, or nil once `deadline` passes first (the
/// operation's task is then cancelled, which for an HTTP body read aborts the transfer).
func raceDeadline<Value: Sendable>(_ deadline: ContinuousClock.Instant,
                                   _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value? {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(until: deadline, clock: .continuous)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { return nil }
        return first
    }
}
