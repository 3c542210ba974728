import Orchestrator
import SIP

/// The context headers a REFER carries for the PBX (and the person) taking a transferred call:
/// `X-Switchboard-Summary`, `-Call-ID`, `-Agent`, and one `X-Switchboard-Var-<name>` per variable.
/// Values lose control characters (no CR/LF header injection) and are capped; names keep only token
/// characters. Summary and Call-ID are also put, percent-encoded, as `?` headers of the Refer-To URI
/// for PBXs that copy URI headers into the new INVITE (RFC 3261 §19.1.5). Pure.
enum TransferContextHeaders {
    /// Longest header value kept (a summary is one line for a human).
    static let maxValueLength = 200
    /// At most this many variables travel (headers are not a database).
    static let maxVariables = 20
    static let prefix = "X-Switchboard-"

    static func fields(for transfer: CallTransfer) -> [SIPHeaderField] {
        var fields = [SIPHeaderField(prefix + "Call-ID", sanitize(transfer.callID)),
                      SIPHeaderField(prefix + "Agent", sanitize(transfer.agentName))]
        if !transfer.summary.isEmpty { fields.append(SIPHeaderField(prefix + "Summary", sanitize(transfer.summary))) }
        for name in transfer.variables.keys.sorted().prefix(maxVariables) {
            let token = headerToken(name)
            guard !token.isEmpty, let value = transfer.variables[name] else { continue }
            fields.append(SIPHeaderField(prefix + "Var-" + token, sanitize(value)))
        }
        return fields
    }

    /// Header value: controls (CR, LF, NUL, tabs…) become spaces, runs of spaces collapse, capped.
    static func sanitize(_ value: String) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in value.unicodeScalars {
            let isControl = scalar.value < 0x20 || scalar.value == 0x7F
            if isControl || scalar == " " {
                if !lastWasSpace, !out.isEmpty { out.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
            if out.count >= maxValueLength { break }
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// A header-name token from a variable name: letters, digits and `-`; anything else becomes `-`.
    static func headerToken(_ name: String) -> String {
        String(name.prefix(40).map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" })
    }

    /// RFC 3261 §25.1 hvalue: unreserved / hnv-unreserved characters stay, everything else is %XX.
    static func uriHeaderValue(_ value: String) -> String {
        let keep = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()[]/?:+$")
        var out = ""
        for byte in sanitize(value).utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, keep.contains(character) {
                out.append(character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// `target` with the summary and Call-ID as URI headers (SIP URIs only).
    static func referTo(_ target: URI, transfer: CallTransfer) -> URI {
        guard case .sip(var uri) = target else { return target }
        uri.headers.append(SIPParameter(prefix + "Call-ID", uriHeaderValue(transfer.callID)))
        if !transfer.summary.isEmpty { uri.headers.append(SIPParameter(prefix + "Summary", uriHeaderValue(transfer.summary))) }
        return .sip(uri)
    }
}
