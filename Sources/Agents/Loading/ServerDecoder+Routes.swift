import Yams

/// The `routes` list: each route matches exactly one of `path` (with its `protocol`), `number`, or
/// `stream_parameter`, and names the `agent` that answers.
extension ServerDecoder {
    static let routeKeys = ["path", "protocol", "number", "stream_parameter", "agent"]

    func readRoutes(_ map: MappingReader) -> [Route] {
        guard let node = map.node("routes"), let items = problems.list(node, "routes") else { return [] }
        var routes: [Route] = []
        var seen: [RouteMatch: Location] = [:]
        for (index, item) in items.enumerated() {
            guard let (route, location) = readRoute(item, "routes[\(index)]") else { continue }
            if let first = seen[route.match] {
                problems.error(.duplicateName, at: location, "this route matches the same calls as the route at line \(first.line)")
                continue
            }
            seen[route.match] = location
            routes.append(route)
        }
        if !routes.contains(where: { if case .webSocketPath = $0.match { return true } else { return false } }) {
            problems.warning(.ineffectiveSetting, at: node.location, "no route has a path, so no WebSocket media endpoint is served")
        }
        return routes
    }

    private func readRoute(_ node: Node, _ path: String) -> (Route, Location)? {
        guard let route = MappingReader(node, path: path, keys: Self.routeKeys, problems: problems) else { return nil }
        let matchKeys = ["path", "number", "stream_parameter"].filter(route.contains)
        guard matchKeys.count == 1, let key = matchKeys.first, let matchNode = route.node(key) else {
            let message = matchKeys.isEmpty ? "\"\(path)\" needs one of path, number or stream_parameter"
                : "\"\(path)\" has \(matchKeys.joined(separator: " and ")); a route matches on exactly one of them"
            problems.error(matchKeys.isEmpty ? .missingField : .invalidValue, at: route.location, message)
            return nil
        }
        let agentNode = key == "path" ? route.node("agent") : route.required("agent", "the agent that answers")
        let agent = agentNode.flatMap { problems.nonEmptyString($0, route.name("agent")) }
        if let agent, let agentNode {
            agentReferences.append(AgentReference(name: agent, referrer: "route", location: sourceLocation(agentNode.location)))
        }
        if key != "path", let at = route.keyLocation("protocol") {
            problems.warning(.ineffectiveSetting, at: at, "\"protocol\" applies only to path routes; it is ignored here")
        }
        let match: RouteMatch?
        switch key {
        case "path": match = pathMatch(matchNode, route)
        case "number": match = numberMatch(matchNode, route.name("number"))
        default: match = parameterMatch(matchNode, route.name("stream_parameter"))
        }
        guard let match, agentNode == nil || agent != nil else { return nil }
        return (Route(match: match, agent: agent), matchNode.location)
    }

    private func pathMatch(_ node: Node, _ route: MappingReader) -> RouteMatch? {
        let streamProtocol = route.required("protocol", "what the endpoint speaks: " + StreamProtocol.allCases.map(\.rawValue)
            .joined(separator: " or ")).flatMap { problems.choice($0, route.name("protocol"), as: StreamProtocol.self) }
        guard let path = problems.nonEmptyString(node, route.name("path")) else { return nil }
        guard path.hasPrefix("/"), !path.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }) else {
            problems.error(.invalidValue, at: node.location, "\"\(route.name("path"))\" is \"\(path)\", but must start with / "
                + "and contain no spaces, ? or #")
            return nil
        }
        return streamProtocol.map { .webSocketPath(path, protocol: $0) }
    }

    private func numberMatch(_ node: Node, _ what: String) -> RouteMatch? {
        guard let text = problems.nonEmptyString(node, what) else { return nil }
        let number = ServerConfig.normalizedNumber(text)
        let digits = number.hasPrefix("+") ? number.dropFirst() : Substring(number)
        guard (2...15).contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else {
            problems.error(.invalidValue, at: node.location, "\"\(what)\" is \"\(text)\", but must be a phone number or "
                + "extension: 2 to 15 digits, optionally starting with +")
            return nil
        }
        return .calledNumber(number)
    }

    private func parameterMatch(_ node: Node, _ what: String) -> RouteMatch? {
        guard let parameter = MappingReader(node, path: what, keys: ["name", "value"], problems: problems) else { return nil }
        let name = parameter.required("name", "the custom parameter's name").flatMap { problems.nonEmptyString($0, parameter.name("name")) }
        let value = parameter.required("value", "the value that selects this route")
            .flatMap { problems.string($0, parameter.name("value")) }
        guard let name, let value else { return nil }
        return .streamParameter(name: name, value: value)
    }
}
