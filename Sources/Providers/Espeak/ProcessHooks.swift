import Glibc

/// Observers of a provider's child process, for tests that check cancelling really kills and reaps it.
struct ProcessHooks: Sendable {
    /// The child started.
    var spawned: (@Sendable (pid_t) -> Void)?
    /// The child was reaped (no zombie is left), and how it ended.
    var reaped: (@Sendable (pid_t, ChildProcess.Termination) -> Void)?

    init(spawned: (@Sendable (pid_t) -> Void)? = nil,
         reaped: (@Sendable (pid_t, ChildProcess.Termination) -> Void)? = nil) {
        self.spawned = spawned
        self.reaped = reaped
    }
}
