import Agents
import Conversation
import Media
import Net
import Orchestrator
import SIP
import Speech

/// The media of one SIP call over RTP: an `RTPMediaStream` on the call's loop, started with what SDP
/// offer/answer settled. Inbound 20 ms frames go to the call's `CallSession` synchronously on the loop
/// (through an `RTPCallSessionBridge`, no task, no hop); RFC 4733 digits and RTP inactivity go to the SIP
/// user agent's delegate (which records the digit event and passes it on to the session, or ends the
/// call with BYE). The session's audio, marks and clears go to the stream (`transport`), which paces them
/// with the loop's media clock. `stop()` sends RTCP BYE and closes the ports. Loop thread only.
public final class RTPCallMedia: SIPCallMedia {
    /// The stream carrying the call's audio (statistics, tests).
    public let stream: RTPMediaStream
    public let localPort: UInt16
    /// 8 kHz linear 16-bit both ways by default: G.711's rate, so the stream only encodes/decodes by table.
    public let sessionFormat = AudioFormat(encoding: .linear16, sampleRate: .hz8000)
    /// The rate inbound frames are delivered at: 8 kHz, or 16 kHz (resampled by the stream) for an agent
    /// whose STT takes only 16 kHz (pocketsphinx). Set by `sessionFormats(for:)`.
    public private(set) var deliveredSampleRate = SampleRate.hz8000
    public let transport: any CallTransport
    private let options: RTPCallMediaOptions
    /// Held here because the stream holds its delegate weakly: it lives as long as the call's media.
    private var events: RTPCallMediaEvents?
    private var isStopped = false

    init(stream: RTPMediaStream, options: RTPCallMediaOptions) {
        self.stream = stream
        self.localPort = UInt16(stream.localPort)
        self.options = options
        // The user agent handles hang-up itself (BYE); only audio, marks and clears use this transport.
        self.transport = RTPCallTransport(stream: stream) { _ in }
    }

    /// The parameters the stream was last started or updated with (tests, logs).
    public private(set) var currentParameters: RTPMediaParameters?

    /// Inbound frames at the agent's STT rate (16 kHz when any of its STT providers is pocketsphinx,
    /// which refuses 8 kHz), outbound agent audio at 8 kHz linear (encoded to G.711 by table).
    public func sessionFormats(for agent: AgentConfig) -> (input: AudioFormat, output: AudioFormat) {
        deliveredSampleRate = agent.stt.contains { $0.kind == .pocketsphinx } ? .hz16000 : .hz8000
        return (AudioFormat(encoding: .linear16, sampleRate: deliveredSampleRate), sessionFormat)
    }

    /// For an Opus call, 16 kHz linear both ways: the stream decodes Opus straight to 16 kHz for the STT
    /// (real wideband audio) and encodes the agent's 16 kHz audio without resampling. G.711 as above.
    public func sessionFormats(for agent: AgentConfig, audio: NegotiatedAudio) -> (input: AudioFormat, output: AudioFormat) {
        guard RTPAudioCodec(encodingName: audio.codec.name) == .opus else { return sessionFormats(for: agent) }
        deliveredSampleRate = RTPAudioCodec.opus.pcmSampleRate
        let wideband = AudioFormat(encoding: .linear16, sampleRate: deliveredSampleRate)
        return (wideband, wideband)
    }

    public func start(_ parameters: SIPMediaParameters, session: CallSession, delegate: any SIPCallMediaDelegate) throws {
        guard !isStopped else { throw SIPMediaError.stopped }
        let mapped = try options.rtpParameters(for: parameters, deliveredSampleRate: deliveredSampleRate)
        let events = RTPCallMediaEvents(bridge: RTPCallSessionBridge(session: session) { _ in }, sip: delegate)
        self.events = events
        currentParameters = mapped
        stream.start(mapped, delegate: events)
    }

    /// Hold/resume, codec or payload-type change, new remote address. A codec the stream cannot carry
    /// (the user agent keeps the current codec when the peer still offers it) leaves the stream as it is.
    public func update(_ parameters: SIPMediaParameters) {
        guard !isStopped, events != nil, let mapped = try? options.rtpParameters(for: parameters, deliveredSampleRate: deliveredSampleRate) else { return }
        currentParameters = mapped
        stream.update(mapped)
    }

    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        stream.stop()
        events = nil
    }
}

/// Forwards what a call's RTP stream reports: frames and marks into the session (through
/// `RTPCallSessionBridge`), key presses and lost media to the SIP user agent, which records them and
/// decides (digits reach the session through it, so each digit is delivered once).
final class RTPCallMediaEvents: RTPMediaStreamDelegate, Sendable {
    let bridge: RTPCallSessionBridge
    let sip: any SIPCallMediaDelegate

    init(bridge: RTPCallSessionBridge, sip: any SIPCallMediaDelegate) {
        self.bridge = bridge
        self.sip = sip
    }

    func rtpStreamReceived(_ frame: AudioFrame) { bridge.rtpStreamReceived(frame) }
    func rtpStreamPlayedMark(_ mark: MarkID) { bridge.rtpStreamPlayedMark(mark) }
    func rtpStreamReceivedDigit(_ digit: DTMFDigit) { sip.mediaReceivedDigit(digit.character) }
    func rtpStreamTimedOut() { sip.mediaTimedOut() }
    /// A failed socket ends the call the same way as lost media (BYE).
    func rtpStreamFailed(_ reason: String) { sip.mediaTimedOut() }
}
