import Foundation
import Agents
import Net
import SIP

/// An outbound INVITE before it is answered (loop-confined): the request as last sent (it changes when
/// a challenge is answered), the media opened for it and our SDP offer, the ring timer, and who hears
/// status updates. On a 2xx it becomes a `SIPCall`.
final class OutboundAttempt {
    let request: SIPOutboundCallRequest
    let trunk: SIPTrunk
    let outbound: SIPOutbound
    let agent: AgentConfig
    let flow: SIPFlow
    let media: any SIPCallMedia
    let offer: SessionDescription
    let contact: AddressHeader
    let onUpdate: @Sendable (SIPOutboundCallUpdate) -> Void
    var invite: SIPRequest
    var authRetried = false
    var provisionalSeen = false
    /// Our ring timeout passed: CANCEL sent (or to be sent at the first provisional response).
    var cancelRequested = false
    var cancelSent = false
    var ringTimer: TimerHandle?

    init(request: SIPOutboundCallRequest, trunk: SIPTrunk, outbound: SIPOutbound, agent: AgentConfig, flow: SIPFlow,
         media: any SIPCallMedia, offer: SessionDescription, contact: AddressHeader, invite: SIPRequest,
         onUpdate: @escaping @Sendable (SIPOutboundCallUpdate) -> Void) {
        self.request = request
        self.trunk = trunk
        self.outbound = outbound
        self.agent = agent
        self.flow = flow
        self.media = media
        self.offer = offer
        self.contact = contact
        self.invite = invite
        self.onUpdate = onUpdate
    }

    var callID: String { invite.headers.callID }

    func report(_ status: SIPOutboundCallStatus, sipStatus: Int? = nil, _ reason: String) {
        onUpdate(SIPOutboundCallUpdate(callID: callID, status: status, sipStatus: sipStatus, reason: reason))
    }
}

/// Making the Request-URI of a call or transfer target: a `sip:`/`sips:`/`tel:` URI as given (a tel URI
/// becomes `sip:NUMBER@domain`, which trunks route), anything else (a number, an extension) the user part
/// of a SIP URI at `domain`. Pure.
enum SIPTargetURI {
    static func make(_ target: String, domain: String) -> URI? {
        let trimmed = target.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 256 else { return nil }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("sip:") || lower.hasPrefix("sips:") {
            return try? URI.parse(trimmed)
        }
        var user = trimmed
        if lower.hasPrefix("tel:") {
            user = String(trimmed.dropFirst(4))
            if let semicolon = user.firstIndex(of: ";") { user = String(user[..<semicolon]) }
        }
        // Visual separators (RFC 3966 §5.1.1) are dropped; anything else must be user-safe characters.
        user = user.filter { !" -().".contains($0) }
        let allowed = Set("0123456789+*#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.!~")
        guard !user.isEmpty, user.allSatisfy({ allowed.contains($0) }) else { return nil }
        let escaped = user.replacingOccurrences(of: "#", with: "%23")
        return .sip(SIPURI(user: escaped, host: .parsingConfigured(domain)))
    }
}
