/// Why call media could not be opened or started.
public enum SIPMediaError: Error, Sendable, Hashable {
    case noFreePort(String)
    case unusableHost(String)
    /// The negotiated codec is not one the media can carry (RTP: G.711 only).
    case unsupportedCodec(String)
    /// `start` after `stop`.
    case stopped
}
