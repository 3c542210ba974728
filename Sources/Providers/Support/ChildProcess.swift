import CSystemShims
import Glibc
import Synchronization

/// A child process started with `posix_spawnp`, its stdout and stderr on pipes this side reads, stdin
/// on /dev/null, and no other descriptor of ours (everything from 3 up is closed in the child, so a
/// child never holds a call's socket or another child's pipe open). The child starts with an empty
/// signal mask and default dispositions (a parent thread that blocks SIGTERM or ignores SIGPIPE does
/// not pass that on).
///
/// Killing is safe against pid reuse: `waitForExit` first waits without reaping (`WNOWAIT`) and marks
/// the child exited under the lock `kill` takes, so `kill` never signals a pid that was reaped.
final class ChildProcess: Sendable {
    /// How a child ended.
    enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    /// Read end of the child's stdout (close-on-exec); closed by `closePipes`.
    let standardOutput: Int32
    /// Read end of the child's stderr (close-on-exec).
    let standardError: Int32
    private let exited = Mutex(false)

    /// Starts `executable` (searched on PATH) with `arguments`; throws the `errno` of the failure
    /// (`ENOENT` when the program is not installed).
    init(executable: String, arguments: [String]) throws(SystemCallError) {
        var attempt = 1
        while true {
            do {
                (pid, standardOutput, standardError) = try Self.spawn(executable: executable, arguments: arguments)
                return
            } catch where error.errno == ETXTBSY && attempt < Self.textBusyAttempts {
                attempt += 1
                usleep(Self.textBusyPauseMicroseconds)
            }
        }
    }

    /// A program file just written can still be open for writing in a child another thread forked
    /// meanwhile (until that child execs): exec then fails with ETXTBSY, briefly. Tried this often…
    static let textBusyAttempts = 5
    /// …this far apart.
    static let textBusyPauseMicroseconds: UInt32 = 20_000

    private static func spawn(executable: String, arguments: [String]) throws(SystemCallError)
        -> (pid: pid_t, output: Int32, error: Int32) {
        let output = try Self.pipe()
        let error: (read: Int32, write: Int32)
        do { error = try Self.pipe() } catch { close(output.read); close(output.write); throw error }
        defer { close(output.write); close(error.write) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, error.write, 2)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = (argv + [nil]).withUnsafeBufferPointer { pointers in
            posix_spawnp(&pid, executable, &actions, &attributes,
                         UnsafeMutablePointer(mutating: pointers.baseAddress!), environ)
        }
        guard status == 0 else {
            close(output.read)
            close(error.read)
            throw SystemCallError(call: "posix_spawnp \(executable)", errno: status)
        }
        return (pid, output.read, error.read)
    }

    /// Sends SIGKILL unless the child has already exited.
    func kill() {
        exited.withLock { hasExited in
            if !hasExited { _ = Glibc.kill(pid, SIGKILL) }
        }
    }

    /// Blocks until the child ends, reaps it, and says how it ended. Call once.
    func waitForExit() -> Termination {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        exited.withLock { $0 = true }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // <sys/wait.h>: WIFEXITED is (status & 0x7f) == 0, WEXITSTATUS is (status >> 8) & 0xff,
        // WTERMSIG is status & 0x7f.
        return status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }

    /// Closes this side's pipe ends.
    func closePipes() {
        close(standardOutput)
        close(standardError)
    }

    /// A pipe whose ends close on exec (so children other code spawns do not inherit them either).
    private static func pipe() throws(SystemCallError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe2(&fds, O_CLOEXEC) == 0 else { throw SystemCallError(call: "pipe2", errno: errno) }
        return (fds[0], fds[1])
    }
}

/// A failed system call and its errno.
struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
    var call: String
    var errno: Int32

    var description: String { "\(call): \(String(cString: strerror(errno)))" }
}
