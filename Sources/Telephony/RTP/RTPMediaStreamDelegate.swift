import Conversation
import Media

/// What an `RTPMediaStream` reports, always on its loop thread (so a delegate can enter the call's
/// `CallSession` with `assumeIsolated`, no hop). Held weakly by the stream.
public protocol RTPMediaStreamDelegate: AnyObject {
    /// One inbound 20 ms frame at `RTPMediaParameters.deliveredSampleRate`, once per media tick while
    /// the peer sends (concealed gaps arrive as silence). Valid only during the call: the stream reuses
    /// its storage (copying it is fine; keeping it makes the next frame copy-on-write).
    func rtpStreamReceived(_ frame: AudioFrame)
    /// The peer pressed a key (RFC 4733), reported once per press.
    func rtpStreamReceivedDigit(_ digit: DTMFDigit)
    /// Everything queued before `mark` has been sent on the wire, paced by the media clock.
    func rtpStreamPlayedMark(_ mark: MarkID)
    /// No RTP arrived for `inactivityTimeout` while receiving; reported once per silence.
    func rtpStreamTimedOut()
    /// The stream's sockets failed or its loop shut down; nothing more will be reported.
    func rtpStreamFailed(_ reason: String)
}
