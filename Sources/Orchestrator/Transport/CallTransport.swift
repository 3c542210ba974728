import Conversation
import Speech

/// What a call's transport (a Twilio media stream, a raw PCM WebSocket, an RTP session) offers the call's
/// `CallSession`: the way out to the caller. The session owns the transport for the call's life.
///
/// Contract for every transport:
/// - **Thread.** The session calls these methods on its executor, which is the event loop that owns the
///   transport's sockets. Every method returns at once and never blocks: audio is queued and the
///   transport paces it (one media clock per loop), so nothing here waits on the network.
/// - **Audio.** `send(audio:)` appends to what the caller will hear, in order. Chunks come in the format
///   the session was configured with (`CallSessionConfiguration.outputFormat`) and may be any length; the
///   transport cuts them into frames.
/// - **Marks.** `sendMark(_:)` puts a mark behind the audio sent so far. Once everything before it has
///   been played to the caller (Twilio's `mark` echo, or the local media clock for RTP), the transport
///   reports it with `CallSession.playoutMarkReached(_:)`, in the order marks were sent. A mark behind
///   audio dropped by `clear()` may or may not be reported; the session ignores stale marks.
/// - **Clear.** `clear()` drops every queued frame and tells the far end to drop its buffer (Twilio
///   `clear`). It overtakes anything queued before it.
/// - **Transfer.** `transfer(_:)` starts handing the caller on (SIP REFER) and returns at once: `.started`
///   promises exactly one later `CallSession.transferEnded(_:)` (on the session's executor) saying whether
///   the caller was handed on (the session then hangs up as `transferred`) or is still here (the call goes
///   on, so the transport must keep the call up). `.failed` means nothing was attempted and nothing will
///   be reported. A transport hung up (by either side) while a transfer runs reports nothing more.
/// - **Hang-up.** `hangUp(_:)` ends the call from our side (SIP BYE, closing the stream). The session
///   calls it at most once, and never when the transport itself reported the caller's hang-up
///   (`CallSession.hangUp()`). Nothing is sent after it.
public protocol CallTransport {
    /// Queues audio for the caller.
    func send(audio: AudioChunk)

    /// Queues a mark behind the audio sent so far.
    func sendMark(_ mark: MarkID)

    /// Drops all queued audio, here and at the far end.
    func clear()

    /// Ends the call from our side.
    func hangUp(_ reason: SessionEndReason)
    /// Starts handing the caller on (SIP REFER); the outcome comes later through
    /// `CallSession.transferEnded(_:)`, or at once as `.failed` when nothing could be attempted.
    func transfer(_ transfer: CallTransfer) -> TransferStart
}

/// What a transport answers when asked to transfer a call.
public enum TransferStart: Sendable, Hashable {
    /// Under way: the transport will report the outcome with `CallSession.transferEnded(_:)`.
    case started
    /// Not attempted (a media stream without signalling, an unusable target); the call goes on.
    case failed(TransferFailure)
}

extension CallTransport {
    /// Media streams without signalling (Twilio, PCM) cannot transfer: the agent tells the caller.
    public func transfer(_ transfer: CallTransfer) -> TransferStart { .failed(.unsupported) }
}
