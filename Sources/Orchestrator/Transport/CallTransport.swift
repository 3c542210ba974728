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
    /// Hands the caller on (SIP REFER), just before `hangUp(.transferred)`. Returns false when this
    /// transport cannot transfer (a media stream without signalling); the call then simply ends.
    func transfer(_ transfer: CallTransfer) -> Bool
}

extension CallTransport {
    /// Media streams without signalling cannot transfer.
    public func transfer(_ transfer: CallTransfer) -> Bool { false }
}
