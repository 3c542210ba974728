import BenchSupport
import Net

/// The calls of one client loop: an actor running on that loop, so the media clock, the WebSocket
/// delegates and mark timers reach it with no hop. Calls are spread over `slots` clock phases (5 ms
/// apart) so a loop's frames do not all leave in one burst, as real callers' would not.
actor CallerLoop {
    /// A gap between two agent `media` messages of one reply above this is a late frame (two 20 ms frames).
    static let lateGapNanoseconds: UInt64 = 40_000_000
    static let framePeriod: Duration = .milliseconds(20)
    /// Audio arriving this long after the caller's buffer ran dry counts as a hole (one frame).
    static let underrunToleranceNanoseconds: UInt64 = 20_000_000
    static let slots = 4

    let loop: EventLoop
    let audio: CallerAudio
    private var calls: [[CallState]] = Array(repeating: [], count: CallerLoop.slots)
    private var byIndex: [Int: CallState] = [:]
    private var clocks: [TimerHandle] = []
    private var totals = CallerTotals()
    private var recording = false

    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }

    init(loop: EventLoop, audio: CallerAudio) {
        self.loop = loop
        self.audio = audio
    }

    /// Starts the media clock: one repeating timer per slot.
    func startClock() {
        for slot in 0..<Self.slots {
            loop.scheduleLocalTimer(after: .milliseconds(5 * slot)) { [self] in
                assumeIsolated { me in
                    me.clocks.append(me.loop.scheduleRepeatingLocalTimer(every: Self.framePeriod) { [me] in
                        me.assumeIsolated { $0.tick(slot: slot) }
                    })
                }
            }
        }
    }

    /// A call's WebSocket is open: Twilio says `connected` and `start`; media follows from the next tick.
    func opened(index: Int, connection: WebSocketClientConnection) {
        let call = CallState(index: index, slot: index % Self.slots, connection: connection)
        connection.sendOnLoop(text: TwilioCallerMessages.connected)
        connection.sendOnLoop(text: TwilioCallerMessages.start(streamSid: call.streamSid, callSid: call.callSid, sequence: call.nextSequence()))
        calls[call.slot].append(call)
        byIndex[index] = call
        totals.opened += 1
    }

    private func tick(slot: Int) {
        let now = nowNanoseconds()
        for call in calls[slot] where !call.stopping {
            let position = call.frame % audio.framesPerCycle
            if position == audio.speechFrames.lowerBound { closeReply(call) }
            let message = TwilioCallerMessages.media(streamSid: call.streamSid, sequence: call.nextSequence(), chunk: call.frame + 1,
                                                     timestampMilliseconds: call.frame * 20, payload: audio.payloads[position])
            call.connection.sendOnLoop(text: message)
            totals.mediaSent += 1
            call.frame += 1
            // Twilio sends a frame once its 20 ms are captured: the words end as the last one leaves.
            if position == audio.speechFrames.upperBound - 1 {
                call.reply = ReplyWindow(speechEnd: now, measured: recording)
            }
        }
    }

    private func closeReply(_ call: CallState) {
        defer { call.reply = ReplyWindow() }
        guard call.reply.speechEnd != nil, call.reply.measured else { return }
        totals.turnsMeasured += 1
        if call.reply.firstAudio == nil {
            totals.unanswered += 1
        } else {
            totals.replyAudioMilliseconds.append(Double(call.reply.audioBytes) / 8)
        }
    }

    func received(index: Int, _ message: WebSocketClientMessage) {
        guard case .text(let text) = message, let call = byIndex[index] else { return }
        let now = nowNanoseconds()
        switch TwilioCallerMessages.classify(text) {
        case .media(let bytes):
            totals.mediaReceived += 1
            audioArrived(call, bytes: bytes, at: now)
            call.playEnd = max(call.playEnd, now) + UInt64(bytes) * 125_000  // 8 µ-law bytes per millisecond
        case .mark(let name):
            if call.playEnd <= now {
                answerMark(call, name)
            } else {
                let timer = loop.scheduleLocalTimer(after: .nanoseconds(Int64(call.playEnd - now))) { [self, index] in
                    assumeIsolated { me in
                        guard let call = me.byIndex[index],
                              let position = call.pendingMarks.firstIndex(where: { $0.name == name }) else { return }
                        call.pendingMarks.remove(at: position)
                        me.answerMark(call, name)
                    }
                }
                call.pendingMarks.append((name, timer))
            }
        case .clear:
            // Twilio drops what it had buffered and reports every pending mark at once.
            totals.clears += 1
            call.playEnd = now
            let pending = call.pendingMarks
            call.pendingMarks = []
            for (name, timer) in pending {
                timer.cancel()
                answerMark(call, name)
            }
        case .other:
            break
        }
    }

    private func audioArrived(_ call: CallState, bytes: Int, at now: UInt64) {
        guard let speechEnd = call.reply.speechEnd else { return }
        call.reply.audioBytes += bytes
        defer { call.reply.lastAudio = now }
        guard call.reply.measured else {
            if call.reply.firstAudio == nil { call.reply.firstAudio = now }
            return
        }
        if call.reply.firstAudio == nil {
            call.reply.firstAudio = now
            totals.firstAudioMilliseconds.append(Double(now - speechEnd) / 1e6)
        } else if let last = call.reply.lastAudio {
            // Twilio plays what it has buffered: audio arriving after that ran out is heard as a hole.
            if now > call.playEnd + Self.underrunToleranceNanoseconds {
                totals.underruns += 1
                totals.underrunMilliseconds += Double(now - call.playEnd) / 1e6
            }
            let gap = now - last
            totals.gaps += 1
            if gap > Self.lateGapNanoseconds { totals.lateGaps += 1 }
            totals.largestGapMilliseconds = max(totals.largestGapMilliseconds, Double(gap) / 1e6)
        }
    }

    private func answerMark(_ call: CallState, _ name: String) {
        guard !call.stopping else { return }
        call.connection.sendOnLoop(text: TwilioCallerMessages.mark(streamSid: call.streamSid, sequence: call.nextSequence(), name: name))
        totals.marksAnswered += 1
    }

    func closed(index: Int, _ error: WebSocketClientError?) {
        guard let call = byIndex.removeValue(forKey: index) else { return }
        if !call.stopping { totals.closedEarly += 1 }
        call.stopping = true
        for (_, timer) in call.pendingMarks { timer.cancel() }
        call.pendingMarks = []
        calls[call.slot].removeAll { $0 === call }
    }

    /// Starts or ends the measured window; returns the totals so far.
    func measure(_ on: Bool) -> CallerTotals {
        recording = on
        return totals
    }

    var openCalls: Int { calls.reduce(0) { $0 + $1.count } }

    /// Every call says `stop` and closes, as Twilio does when the caller hangs up.
    func hangUpAll() {
        for slot in calls {
            for call in slot where !call.stopping {
                call.stopping = true
                call.connection.sendOnLoop(text: TwilioCallerMessages.stop(streamSid: call.streamSid, callSid: call.callSid,
                                                                          sequence: call.nextSequence()))
                call.connection.closeOnLoop()
            }
        }
        for clock in clocks { clock.cancel() }
        clocks = []
    }
}

/// Forwards one call's WebSocket events into its loop's `CallerLoop` (made on the loop thread).
final class CallDelegate: WebSocketClientDelegate {
    let caller: CallerLoop
    let index: Int

    init(caller: CallerLoop, index: Int, connection: WebSocketClientConnection) {
        self.caller = caller
        self.index = index
        caller.assumeIsolated { $0.opened(index: index, connection: connection) }
    }

    func webSocketReceived(_ message: WebSocketClientMessage) {
        caller.assumeIsolated { [index] in $0.received(index: index, message) }
    }

    func webSocketClosed(_ error: WebSocketClientError?) {
        caller.assumeIsolated { [index] in $0.closed(index: index, error) }
    }
}
