import Agents
import Foundation
import Net
import Synchronization
import Wire

/// The call-control HTTP API (token-protected): `POST /v1/calls` starts an outbound call and answers
/// `202 {"call_id","status":"calling"}` at once; `GET /v1/calls/{id}` reports where it stands
/// (`calling`, `ringing`, `answered`, `ended`, `busy`, `no-answer`, `declined`, `failed`, with the SIP
/// status). Every request needs `Authorization: Bearer <api.token>` (compared in constant time), else 401.
/// The SIP service is attached once it has started; before that POST answers 503.
public final class SIPCallControlAPI: Sendable {
    /// Request bodies larger than this are refused (413): the JSON is a handful of fields.
    public static let maxBodyBytes = 16_384
    public static let callsPath = "/v1/calls"

    public let book: OutboundCallBook
    private let token: [UInt8]
    private let service = Mutex<SIPService?>(nil)

    public init(token: Secret, book: OutboundCallBook = OutboundCallBook()) {
        self.token = Array(token.reveal().utf8)
        self.book = book
    }

    /// Attaches the running SIP service (calls are placed through its user agent).
    public func attach(_ sip: SIPService) { service.withLock { $0 = sip } }

    /// Adds `POST /v1/calls` and `GET /v1/calls/{id}` to `router`.
    public func register(on router: inout HTTPRouter) {
        router.add("POST", Self.callsPath) { [self] request in self.post(request) }
        router.addPrefix("GET", Self.callsPath + "/") { [self] request in self.get(request) }
    }

    func post(_ request: HTTPServerRequest) -> HTTPServerResponse {
        guard isAuthorized(request) else { return Self.unauthorized }
        guard request.body.count <= Self.maxBodyBytes else { return .status(413) }
        let call: SIPOutboundCallRequest
        do { call = try CallRequestBody.decode(request.body) } catch { return Self.json(["error": "\(error)"], status: 400) }
        guard let sip = service.withLock({ $0 }) else { return Self.json(["error": "SIP is not running"], status: 503) }
        let id = "oc_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        book.insert(OutboundCallBook.Entry(callID: id, status: .calling, reason: "placing", agent: call.agent, to: call.to))
        let book = self.book
        Task {
            do {
                let sipCallID = try await sip.agent.placeCall(call) { update in
                    book.update(id) { entry in
                        entry.status = update.status
                        entry.sipStatus = update.sipStatus ?? entry.sipStatus
                        entry.reason = update.reason
                    }
                }
                book.update(id) { $0.sipCallID = sipCallID }
            } catch {
                book.update(id) { entry in
                    entry.status = .failed
                    entry.reason = "\(error)"
                }
            }
        }
        return Self.json(["call_id": id, "status": SIPOutboundCallStatus.calling.rawValue], status: 202)
    }

    func get(_ request: HTTPServerRequest) -> HTTPServerResponse {
        guard isAuthorized(request) else { return Self.unauthorized }
        let id = String(request.path.dropFirst(Self.callsPath.utf8.count + 1))
        guard let entry = book.entry(id), let body = try? JSONEncoder().encode(entry) else { return .status(404) }
        return HTTPServerResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(body))
    }

    private func isAuthorized(_ request: HTTPServerRequest) -> Bool {
        guard let header = request.headers["Authorization"], header.count > 7,
              header.prefix(7).lowercased() == "bearer " else { return false }
        return Self.constantTimeEquals(Array(header.dropFirst(7).utf8), token)
    }

    /// Compares without an early exit, so the time taken does not reveal how much of the token matched.
    static func constantTimeEquals(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: given.count ^ expected.count)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0 && !expected.isEmpty
    }

    static let unauthorized = HTTPServerResponse(status: 401, headers: ["WWW-Authenticate": "Bearer", "Content-Type": "application/json"],
                                                 body: Array(#"{"error":"missing or wrong bearer token"}"#.utf8))

    static func json(_ object: [String: String], status: Int) -> HTTPServerResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { Array($0) } ?? []
        return HTTPServerResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }
}

/// The JSON body of `POST /v1/calls`: `{agent, to, trunk?, caller_id?, ring_timeout_s?, variables?}`.
enum CallRequestBody {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func decode(_ body: [UInt8]) throws -> SIPOutboundCallRequest {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw Invalid(description: "body must be a JSON object")
        }
        guard let agent = object["agent"] as? String, !agent.isEmpty else { throw Invalid(description: "\"agent\" is required") }
        guard let to = object["to"] as? String, !to.isEmpty else { throw Invalid(description: "\"to\" is required") }
        var request = SIPOutboundCallRequest(agent: agent, to: to, trunk: object["trunk"] as? String,
                                             callerID: object["caller_id"] as? String)
        if let ring = object["ring_timeout_s"] {
            guard let seconds = ring as? Int, (1...600).contains(seconds) else {
                throw Invalid(description: "\"ring_timeout_s\" must be 1...600")
            }
            request.ringTimeoutSeconds = seconds
        }
        if let variables = object["variables"] {
            guard let map = variables as? [String: Any] else { throw Invalid(description: "\"variables\" must be an object") }
            request.variables = map.compactMapValues { value in (value as? String) ?? (value as? NSNumber)?.stringValue }
        }
        return request
    }
}
