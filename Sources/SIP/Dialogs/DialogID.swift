/// Identifies a dialog (RFC 3261 §12): the Call-ID and both tags, as seen from our side. For a request
/// we receive in a dialog, the local tag is the request's To tag and the remote tag its From tag.
public struct DialogID: Hashable, Sendable, CustomStringConvertible {
    public var callID: String
    public var localTag: String
    public var remoteTag: String

    public init(callID: String, localTag: String, remoteTag: String) {
        self.callID = callID
        self.localTag = localTag
        self.remoteTag = remoteTag
    }

    /// The dialog a received request belongs to; nil when it carries no To tag (out of dialog) or no
    /// From tag (RFC 2543 peers, which cannot be matched to a dialog of ours).
    public static func receiving(_ request: SIPRequest) -> DialogID? {
        guard let local = request.headers.to.tag, let remote = request.headers.from.tag else { return nil }
        return DialogID(callID: request.headers.callID, localTag: local, remoteTag: remote)
    }

    /// The dialog a received response belongs to (our request: From tag local, To tag remote).
    public static func receiving(_ response: SIPResponse) -> DialogID? {
        guard let local = response.headers.from.tag, let remote = response.headers.to.tag else { return nil }
        return DialogID(callID: response.headers.callID, localTag: local, remoteTag: remote)
    }

    public var description: String { "\(callID);local=\(localTag);remote=\(remoteTag)" }
}
