import Conversation
import Media
import Orchestrator
import Speech

/// The `CallTransport` of a SIP call: agent audio, marks and clears go to the call's `RTPMediaStream`
/// (paced by the loop's media clock); hang-up stops the stream and runs `hangUp` (the SIP side sends
/// BYE). Marks come back through the stream's delegate (see `RTPCallSessionBridge`). Sendable, like the
/// stream handle; every method runs on the stream's loop, as the contract of `CallTransport` says.
public final class RTPCallTransport: CallTransport, Sendable {
    public let stream: RTPMediaStream
    private let hangUpHandler: @Sendable (SessionEndReason) -> Void

    public init(stream: RTPMediaStream, hangUp: @escaping @Sendable (SessionEndReason) -> Void) {
        self.stream = stream
        self.hangUpHandler = hangUp
    }

    public func send(audio: AudioChunk) { stream.send(audio: audio) }

    public func sendMark(_ mark: MarkID) { stream.sendMark(mark) }

    /// RTP has no far-end buffer to clear: dropping our queue is the whole of it.
    public func clear() { stream.clear() }

    public func hangUp(_ reason: SessionEndReason) {
        stream.stop()
        hangUpHandler(reason)
    }
}

/// Forwards what an `RTPMediaStream` reports into a call's `CallSession`, synchronously on the loop
/// thread (`assumeIsolated`: the session runs on the stream's loop): frames to `receive(frame:)`, key
/// presses to `dtmf(_:)`, marks to `playoutMarkReached(_:)`. An inactivity timeout or a failed socket
/// is handed to `onMediaLost` (the SIP side decides: BYE and `terminate`).
public final class RTPCallSessionBridge: RTPMediaStreamDelegate, Sendable {
    public let session: CallSession
    private let onMediaLost: @Sendable (String) -> Void

    public init(session: CallSession, onMediaLost: @escaping @Sendable (String) -> Void) {
        self.session = session
        self.onMediaLost = onMediaLost
    }

    public func rtpStreamReceived(_ frame: AudioFrame) { session.assumeIsolated { $0.receive(frame: frame) } }

    public func rtpStreamReceivedDigit(_ digit: DTMFDigit) { session.assumeIsolated { $0.dtmf(digit.character) } }

    public func rtpStreamPlayedMark(_ mark: MarkID) { session.assumeIsolated { $0.playoutMarkReached(mark) } }

    public func rtpStreamTimedOut() { onMediaLost("no RTP received for the inactivity timeout") }

    public func rtpStreamFailed(_ reason: String) { onMediaLost(reason) }
}
