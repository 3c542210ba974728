import Agents
import Net
import Orchestrator
import SIP
import Speech

/// The media of one SIP call, as the SIP user agent drives it (the RTP stream implements it; a bridge
/// adapts `RTPMediaStream`). Lifecycle, all on the call's event loop:
/// 1. `SIPCallMediaFactory.open(on:)` binds the local RTP port (`localPort` goes in the SDP answer).
/// 2. `start(_:session:delegate:)` once the 200 OK is sent: send to the negotiated remote address with the
///    negotiated codec, deliver inbound 20 ms frames to `session` (`receive(frame:)`) and RFC 4733 digits
///    to `delegate`.
/// 3. `update(_:)` after a re-INVITE or UPDATE changed the remote address, codec or direction (hold:
///    direction `recvonly`/`inactive`, or remote address 0.0.0.0: stop sending, keep receiving).
/// 4. `stop()` exactly once, on every way the call ends (also when it never started): closes the port.
/// `transport` is where the session's outbound audio, marks and clears go; the user agent forwards the
/// session's `CallTransport` calls to it (and handles `hangUp` itself with a BYE).
public protocol SIPCallMedia: AnyObject {
    /// The bound local RTP port.
    var localPort: UInt16 { get }
    /// The format of the frames delivered to the session and of the audio it sends (linear 16-bit).
    var sessionFormat: AudioFormat { get }
    /// The formats the call's session is created with for `agent` (before `start`): inbound frames (what
    /// its STT gets) and the audio it sends. By default `sessionFormat` both ways.
    func sessionFormats(for agent: AgentConfig) -> (input: AudioFormat, output: AudioFormat)
    /// The same once offer/answer has settled `audio` (a wideband codec may call for other formats).
    /// By default `sessionFormats(for: agent)`.
    func sessionFormats(for agent: AgentConfig, audio: NegotiatedAudio) -> (input: AudioFormat, output: AudioFormat)
    /// The session's way out (audio, marks, clear); its `hangUp` is never called by the user agent.
    var transport: any CallTransport { get }
    func start(_ parameters: SIPMediaParameters, session: CallSession, delegate: any SIPCallMediaDelegate) throws
    func update(_ parameters: SIPMediaParameters)
    func stop()
}

extension SIPCallMedia {
    public func sessionFormats(for agent: AgentConfig) -> (input: AudioFormat, output: AudioFormat) { (sessionFormat, sessionFormat) }
    public func sessionFormats(for agent: AgentConfig, audio: NegotiatedAudio) -> (input: AudioFormat, output: AudioFormat) {
        sessionFormats(for: agent)
    }
}

/// Opens call media on a loop; shared by every call of a SIP service.
public protocol SIPCallMediaFactory: Sendable {
    /// Binds an RTP port (from the configured range) on `loop` for one call. Throws when none is free.
    /// Called on `loop`'s thread.
    func open(on loop: EventLoop) throws -> any SIPCallMedia
}

/// What a call's media reports back to the user agent. Called on the call's loop.
public protocol SIPCallMediaDelegate: AnyObject, Sendable {
    /// An RFC 4733 telephone-event digit (`0`–`9`, `*`, `#`, `A`–`D`), once per key press.
    func mediaReceivedDigit(_ digit: Character)
    /// No RTP arrived for the media timeout: the user agent ends the call with BYE.
    func mediaTimedOut()
}

/// What offer/answer decided for a call's audio, plus the remote RTP address when it is a numeric one
/// (nil for a hold address 0.0.0.0 or a host name: send nothing until latching on inbound RTP).
public struct SIPMediaParameters: Sendable, Hashable {
    public var audio: NegotiatedAudio
    public var remote: SocketAddress?

    public init(audio: NegotiatedAudio) {
        self.audio = audio
        self.remote = audio.remoteAddress.isUnspecified ? nil : SocketAddress(host: audio.remoteAddress.address, port: audio.remotePort)
    }

    /// True when we must not send audio (the peer put us on hold).
    public var isHeld: Bool { !audio.direction.sends || remote == nil }
}
