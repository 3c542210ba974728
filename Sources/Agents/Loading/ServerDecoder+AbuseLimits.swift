import Foundation
import Yams

/// `limits.http_per_source`, `sip.flood` and `sip.scanner_user_agents`: the per-source abuse limits.
extension ServerDecoder {
    static let httpPerSourceKeys = ["new_connections_per_second", "burst", "max_open", "ban_s", "exempt"]
    static let sipFloodKeys = ["max_requests", "window_ms", "ban_s"]

    func readHTTPPerSource(_ node: Node, _ path: String) -> HTTPPerSourceLimits {
        var limits = HTTPPerSourceLimits()
        guard let reader = MappingReader(node, path: path, keys: Self.httpPerSourceKeys, problems: problems) else { return limits }
        typealias L = HTTPPerSourceLimits
        limits.newConnectionsPerSecond = reader.int("new_connections_per_second", in: L.newConnectionsPerSecondRange)
            ?? limits.newConnectionsPerSecond
        limits.burst = reader.int("burst", in: L.burstRange) ?? limits.burst
        limits.maxOpen = reader.int("max_open", in: L.maxOpenRange) ?? limits.maxOpen
        limits.banSeconds = reader.int("ban_s", in: L.banSecondsRange, unit: "seconds") ?? limits.banSeconds
        if let exempt = reader.node("exempt") { limits.exempt = networks(exempt, reader.name("exempt")) }
        return limits
    }

    func readSIPFlood(_ node: Node, _ path: String) -> SIPFloodLimit {
        var flood = SIPFloodLimit()
        guard let reader = MappingReader(node, path: path, keys: Self.sipFloodKeys, problems: problems) else { return flood }
        typealias F = SIPFloodLimit
        flood.maxRequests = reader.int("max_requests", in: F.maxRequestsRange) ?? flood.maxRequests
        flood.windowMilliseconds = reader.int("window_ms", in: F.windowMillisecondsRange, unit: "milliseconds") ?? flood.windowMilliseconds
        flood.banSeconds = reader.int("ban_s", in: F.banSecondsRange, unit: "seconds") ?? flood.banSeconds
        return flood
    }

    /// A list of User-Agent substrings, lowercased; `[]` turns the scanner filter off.
    func readScannerUserAgents(_ node: Node, _ path: String) -> [String] {
        (problems.stringList(node, path) ?? []).map { $0.0.lowercased() }
    }

    /// A list of IPv4/IPv6 addresses or CIDR networks.
    func networks(_ node: Node, _ path: String) -> [IPNetwork] {
        guard let entries = problems.stringList(node, path) else { return [] }
        return entries.compactMap { text, location in
            guard let network = IPNetwork(parsing: text.trimmingCharacters(in: .whitespaces)) else {
                problems.error(.invalidValue, at: location, "\"\(path)\" entry \"\(text)\" is not an IPv4 or IPv6 "
                    + "address or CIDR network (such as 203.0.113.0/24 or 2001:db8::/32)")
                return nil
            }
            return network
        }
    }
}
