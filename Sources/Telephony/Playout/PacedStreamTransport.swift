import Conversation
import Net
import Orchestrator
import Speech

/// A `CallTransport` over a media-stream WebSocket: queues agent audio and marks (`PlayoutQueue`) and
/// sends them paced against real time with a small lead, so a `clear` on barge-in loses at most `lead`
/// of audio at the far end and marks are sent only behind audio actually sent.
///
/// Pacing runs on a repeating 20 ms timer of the call's loop, armed only while something is queued
/// (one timer per speaking call, not one per frame; a shared per-loop media clock is a later step).
final class PacedStreamTransport<Writer: MediaStreamWriter>: CallTransport {
    /// Twilio sends 20 ms per message; we send the same.
    static var tick: Duration { .milliseconds(20) }

    private var writer: Writer
    private var queue: PlayoutQueue
    private let loop: EventLoop
    private let origin = ContinuousClock.now
    private var timer: TimerHandle?
    private var ended = false

    init(writer: Writer, lead: Duration) {
        self.writer = writer
        self.loop = writer.connection.loop
        let format = writer.wireFormat
        queue = PlayoutQueue(frameBytes: format.bytesPerSecond / 50, bytesPerSecond: format.bytesPerSecond, lead: lead)
    }

    func send(audio: AudioChunk) {
        guard !ended else { return }
        queue.append(audio: writer.wireBytes(for: audio))
        pump()
    }

    func sendMark(_ mark: MarkID) {
        guard !ended else { return }
        queue.append(mark: mark)
        pump()
    }

    func clear() {
        guard !ended else { return }
        queue.clear()
        stopTimer()
        writer.writeClear()
    }

    func hangUp(_ reason: SessionEndReason) {
        guard !ended else { return }
        ended = true
        queue.clear()
        stopTimer()
        writer.connection.close(code: .normalClosure, reason: reason.rawValue)
    }

    /// Sends everything due now; keeps the timer running while audio waits.
    private func pump() {
        guard writer.connection.isOpen else {
            queue.clear()
            stopTimer()
            return
        }
        let now = ContinuousClock.now - origin
        while let item = queue.next(at: now) {
            switch item {
            case .audio(let bytes): writer.writeAudio(bytes)
            case .mark(let mark): writer.writeMark(mark.wireName)
            }
        }
        if queue.isEmpty {
            stopTimer()
        } else if timer == nil {
            timer = loop.scheduleRepeatingLocalTimer(every: Self.tick) { [weak self] in self?.pump() }
        }
    }

    private func stopTimer() {
        timer?.cancel()
        timer = nil
    }
}
