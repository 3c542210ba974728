import CCurl
import Synchronization

/// Runs one libcurl multi handle on a dedicated thread: starts, pauses, resumes and aborts transfers on
/// command, waits in curl_multi_poll (woken by curl_multi_wakeup when a command arrives), and enforces
/// the first-byte and idle deadlines curl has no option for. One multi handle means one connection
/// cache, so sequential requests to a host reuse a connection and HTTP/2 streams share one.
///
/// A later step may drive the same multi handle from the event loop instead (CURLMOPT_SOCKETFUNCTION
/// registering curl's sockets in the loop's epoll, CURLMOPT_TIMERFUNCTION arming a loop timer,
/// curl_multi_socket_action on readiness), which removes the per-chunk thread hop; the transfer and
/// channel types stay as they are.
// @unchecked Sendable: `multi` and `transfers` are touched only by the driver thread after init; other threads only push commands through `inbox` (a Mutex), calling the thread-safe curl_multi_wakeup under that lock.
final class CurlMultiDriver: @unchecked Sendable {
    enum Command: Sendable {
        case start(id: Int, request: HTTPClientRequest, channel: TransferChannel)
        case cancel(id: Int)
        case resume(id: Int)
        case stop
    }

    private struct Inbox {
        var commands: [Command] = []
        var closed = false
    }

    /// Longest poll while nothing is due: commands wake the poll anyway, this only bounds a lost wakeup.
    private static let maximumPollMilliseconds: Int32 = 1000

    private let inbox = Mutex(Inbox())
    private let multi: UnsafeMutableRawPointer
    private let options: CurlEasyOptions
    private var transfers: [Int: CurlTransfer] = [:]
    private var idsByHandle: [UnsafeMutableRawPointer: Int] = [:]

    init(options: CurlEasyOptions, maxConnectionsPerHost: Int, maxCachedConnections: Int) throws(HTTPClientError) {
        CurlGlobal.initializeOnce()
        guard let multi = curl_multi_init() else { throw .transport(code: -1, message: "curl_multi_init failed") }
        _ = switchboard_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        _ = switchboard_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxCachedConnections)
        _ = switchboard_curl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        self.multi = multi
        self.options = options
    }

    /// Starts the thread; it keeps the driver alive until `.stop` has been handled.
    func start() {
        DriverThread.start { self.run() }
    }

    /// Queues a command and wakes the thread; false once the driver has stopped.
    @discardableResult
    func submit(_ command: Command) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.closed else { return false }
            inbox.commands.append(command)
            _ = curl_multi_wakeup(multi)
            return true
        }
    }

    private func run() {
        while true {
            let commands = inbox.withLock { inbox in
                defer { inbox.commands = [] }
                return inbox.commands
            }
            if let stop = commands.firstIndex(where: { if case .stop = $0 { true } else { false } }) {
                handle(commands[..<stop])
                return shutDown(unhandled: Array(commands[stop...]))
            }
            handle(commands[...])
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            let now = ContinuousClock.now
            enforceDeadlines(now: now)
            _ = curl_multi_poll(multi, nil, 0, pollMilliseconds(now: now), nil)
        }
    }

    /// Applies commands (none of them `.stop`) in order.
    private func handle(_ commands: ArraySlice<Command>) {
        for command in commands {
            switch command {
            case .start(let id, let request, let channel):
                guard !channel.isCancelled else { continue }
                do throws(HTTPClientError) {
                    let transfer = try CurlTransfer(request: request, channel: channel, options: options, now: .now)
                    transfers[id] = transfer
                    idsByHandle[transfer.easy] = id
                    _ = curl_multi_add_handle(multi, transfer.easy)
                } catch {
                    channel.finish(error)
                }
            case .cancel(let id):
                remove(id)
            case .resume(let id):
                transfers[id]?.resume(now: .now)
            case .stop:
                break
            }
        }
    }

    /// Fails every transfer, started or still queued, with `.clientShutDown`; then frees the multi handle.
    private func shutDown(unhandled: [Command]) {
        let queued = inbox.withLock { inbox in
            inbox.closed = true
            return inbox.commands
        }
        for case .start(_, _, let channel) in unhandled + queued { channel.finish(.clientShutDown) }
        for id in Array(transfers.keys) { remove(id)?.channel.finish(.clientShutDown) }
        curl_multi_cleanup(multi)
    }

    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let id = idsByHandle[easy] else { continue }
            let code = message.pointee.data.result  // read before remove_handle invalidates the message
            if let transfer = transfers[id] {
                transfer.complete(code)
                remove(id)
            }
        }
    }

    private func enforceDeadlines(now: ContinuousClock.Instant) {
        for (id, transfer) in transfers {
            guard let deadline = transfer.nextDeadline(), deadline.at <= now else { continue }
            remove(id)
            transfer.channel.finish(.timeout(deadline.kind))
        }
    }

    private func pollMilliseconds(now: ContinuousClock.Instant) -> Int32 {
        guard let next = transfers.values.compactMap({ $0.nextDeadline()?.at }).min() else { return Self.maximumPollMilliseconds }
        let wait = CurlEasyOptions.milliseconds(now.duration(to: next))  // at least 1 ms: no busy loop
        return Int32(min(wait, Int(Self.maximumPollMilliseconds)))
    }

    /// Takes a transfer out of the multi handle (closing its connection if unfinished) and forgets it.
    @discardableResult
    private func remove(_ id: Int) -> CurlTransfer? {
        guard let transfer = transfers.removeValue(forKey: id) else { return nil }
        idsByHandle[transfer.easy] = nil
        _ = curl_multi_remove_handle(multi, transfer.easy)
        return transfer
    }
}
