import CCurl

/// One request on the curl thread: its easy handle, the C memory curl points into, the head parser and
/// the deadlines. Created, driven and destroyed only by `CurlMultiDriver`'s thread (not Sendable);
/// the consumer side is its `channel`.
final class CurlTransfer {
    let channel: TransferChannel
    let easy: UnsafeMutableRawPointer
    let timeouts: HTTPClientTimeouts
    private let startedAt: ContinuousClock.Instant
    private var lastDataAt: ContinuousClock.Instant?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headParser: HTTPResponseHeadParser
    private var headDelivered = false
    /// Set when a callback aborted the transfer for a reason curl cannot name (e.g. a malformed head).
    private var callbackFailure: HTTPClientError?
    /// CURL_WRITEFUNC_PAUSE was returned and no resume has come yet.
    private(set) var isPaused = false

    init(request: HTTPClientRequest, channel: TransferChannel, options: CurlEasyOptions, now: ContinuousClock.Instant) throws(HTTPClientError) {
        guard let easy = curl_easy_init() else { throw .transport(code: -1, message: "curl_easy_init failed") }
        self.easy = easy
        self.channel = channel
        self.timeouts = request.timeouts
        self.startedAt = now
        self.headParser = HTTPResponseHeadParser(limits: options.headLimits)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        headerList = try options.configure(easy, for: request, errorBuffer: errorBuffer)
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = switchboard_curl_easy_setopt_write(easy, CURLOPT_WRITEFUNCTION, curlWriteBody)
        _ = switchboard_curl_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, me)
        _ = switchboard_curl_easy_setopt_write(easy, CURLOPT_HEADERFUNCTION, curlWriteHeader)
        _ = switchboard_curl_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, me)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// The next deadline and its kind; none while paused by back-pressure (the silence is ours).
    func nextDeadline() -> (at: ContinuousClock.Instant, kind: HTTPClientTimeoutKind)? {
        if isPaused { return nil }
        if let lastDataAt { return (lastDataAt + timeouts.idle, .idle) }
        return (startedAt + timeouts.firstByte, .firstByte)
    }

    /// Lifts a back-pressure pause; curl may deliver held data from inside this call.
    func resume(now: ContinuousClock.Instant) {
        guard isPaused else { return }
        isPaused = false
        lastDataAt = now
        _ = curl_easy_pause(easy, Int32(CURLPAUSE_CONT))
    }

    /// curl finished the transfer with `code`: tells the consumer how it ended.
    func complete(_ code: CURLcode) {
        if let callbackFailure { return channel.finish(callbackFailure) }
        guard code == CURLE_OK else {
            let text = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            return channel.finish(.fromCurl(code, message: text))
        }
        if !headDelivered {
            return channel.finish(.malformedResponse("the response ended before its head was complete"))
        }
        channel.finish(nil)
    }

    fileprivate func receiveHeader(_ line: UnsafeRawBufferPointer) -> Int {
        lastDataAt = .now
        guard !headDelivered else { return line.count }  // trailers
        do throws(HTTPResponseHeadParser.Failure) {
            if let head = try headParser.consume(line: line) {
                headDelivered = true
                channel.deliverHead(head)
            }
            return line.count
        } catch {
            callbackFailure = .malformedResponse("\(error.reason) at byte \(error.offset)")
            return 0  // anything but line.count aborts the transfer
        }
    }

    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        lastDataAt = .now
        switch channel.offer(bytes) {
        case .accepted: return bytes.count
        case .pause:
            isPaused = true
            return Int(CURL_WRITEFUNC_PAUSE)
        case .abort: return 0
        }
    }
}

private func curlWriteHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
}

private func curlWriteBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let user else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}
