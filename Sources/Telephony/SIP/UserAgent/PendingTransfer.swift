import Net

/// A blind transfer in progress on one call (RFC 3515): whether the REFER was accepted (202), and the
/// timer that gives up on it after `SIPUserAgentSettings.transferTimeout`.
final class PendingTransfer {
    var accepted = false
    var timer: TimerHandle?
}

/// The status code of a `message/sipfrag` body's status line (`SIP/2.0 200 OK`), or nil. Pure.
enum SIPFragStatus {
    static func code(_ body: [UInt8]) -> Int? {
        let line = body.prefix(200).split(separator: 0x0D, maxSplits: 1).first ?? []
        let parts = line.split(separator: 0x20, maxSplits: 2)
        guard parts.count >= 2, parts[0].elementsEqual("SIP/2.0".utf8), parts[1].count == 3,
              let code = Int(String(decoding: parts[1], as: UTF8.self)), (100...699).contains(code) else { return nil }
        return code
    }
}
