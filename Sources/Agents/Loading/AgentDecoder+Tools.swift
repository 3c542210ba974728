import Foundation
import Yams

/// The `tools` list: functions the language model may call, each posted to a webhook.
extension AgentDecoder {
    static let toolKeys = ["name", "description", "parameters", "webhook", "headers", "timeout_ms"]
    /// JSON Schema types a tool parameter may have.
    static let schemaTypes = ["string", "number", "integer", "boolean", "array", "object", "null"]

    func readTools(_ map: MappingReader) -> [ToolDeclaration] {
        guard let node = map.node("tools"), let items = problems.list(node, "tools") else { return [] }
        var tools: [ToolDeclaration] = []
        var seen: [String: Location] = [:]
        for (index, item) in items.enumerated() {
            guard let (tool, nameLocation) = readTool(item, "tools[\(index)]") else { continue }
            if let first = seen[tool.name] {
                problems.error(.duplicateName, at: nameLocation, "tool \"\(tool.name)\" is declared twice (first at line \(first.line))")
                continue
            }
            seen[tool.name] = nameLocation
            tools.append(tool)
        }
        return tools
    }

    private func readTool(_ node: Node, _ path: String) -> (ToolDeclaration, Location)? {
        guard let tool = MappingReader(node, path: path, keys: Self.toolKeys, problems: problems) else { return nil }
        let nameNode = tool.required("name", "the function name the model sees")
        let name = nameNode.flatMap { problems.nonEmptyString($0, tool.name("name")) }
        if let name, let nameNode, !Self.isValidToolName(name) {
            problems.error(.invalidValue, at: nameNode.location, "tool name \"\(name)\" must be 1 to 64 letters, digits, _ or -")
        }
        let description = tool.required("description", "what the tool does, for the model")
            .flatMap { problems.nonEmptyString($0, tool.name("description")) }
        let webhook = tool.required("webhook", "the http(s) URL the call is posted to")
            .flatMap { readWebhook($0, tool.name("webhook")) }
        let headers = tool.node("headers").flatMap { readHeaders($0, tool.name("headers")) } ?? [:]
        let timeout = tool.int("timeout_ms", in: ToolDeclaration.timeoutRange, unit: "ms") ?? ToolDeclaration.defaultTimeoutMs
        var parameters = ToolDeclaration.noParameters
        if let schemaNode = tool.node("parameters") {
            var reader = ConfigValueReader(problems: problems, environment: nil)
            guard let schema = reader.value(schemaNode, tool.name("parameters")) else { return nil }
            checkSchema(schemaNode, tool.name("parameters"))
            parameters = schema
        }
        guard let name, let description, let webhook else { return nil }
        return (ToolDeclaration(name: name, description: description, parameters: parameters, webhook: webhook,
                                headers: headers, timeoutMs: timeout), nameNode?.location ?? tool.location)
    }

    static func isValidToolName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCIILetterOrDigit || $0 == "_" || $0 == "-" }
    }

    private func readWebhook(_ node: Node, _ what: String) -> String? {
        guard let text = problems.expandedString(node, what, environment: environment) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            problems.error(.invalidValue, at: node.location, "\"\(what)\" must be an http:// or https:// URL with a host")
            return nil
        }
        return text
    }

    private func readHeaders(_ node: Node, _ what: String) -> [String: Secret]? {
        guard case .mapping(let mapping) = node else {
            problems.error(.wrongType, at: node.location, "\"\(what)\" must be a mapping of header names to values, "
                + "found \(node.kindDescription)")
            return nil
        }
        var headers: [String: Secret] = [:]
        for (key, value) in mapping {
            guard let name = problems.nonEmptyString(key, "\(what) key") else { continue }
            if let secret = problems.secret(value, "\(what).\(name)", environment: environment) { headers[name] = secret }
        }
        return headers
    }

    /// The root must be an object schema; each property a schema with a known `type`; every name in
    /// `required` a property. Checked on the nodes, so each problem points at its own line.
    private func checkSchema(_ node: Node, _ what: String) {
        guard case .scalar(let type)? = Self.child(node, "type"), type.string == "object" else {
            problems.error(.invalidValue, at: (Self.child(node, "type") ?? node).location,
                           "\"\(what)\" must be a JSON Schema with type: object")
            return
        }
        var propertyNames: Set<String> = []
        if let properties = Self.child(node, "properties") {
            guard case .mapping(let mapping) = properties else {
                problems.error(.wrongType, at: properties.location, "\"\(what).properties\" must be a mapping of "
                    + "parameter names to schemas, found \(properties.kindDescription)")
                return
            }
            for (key, schema) in mapping {
                let name = key.scalar?.string ?? ""
                propertyNames.insert(name)
                guard case .scalar(let type)? = Self.child(schema, "type"), Self.schemaTypes.contains(type.string) else {
                    problems.error(.invalidValue, at: (Self.child(schema, "type") ?? key).location,
                                   "\"\(what).properties.\(name)\" needs a type: one of " + Self.schemaTypes.joined(separator: ", "))
                    continue
                }
            }
        }
        guard let required = Self.child(node, "required") else { return }
        guard case .sequence(let names) = required else {
            problems.error(.wrongType, at: required.location, "\"\(what).required\" must be a list of parameter names")
            return
        }
        for name in names where !propertyNames.contains(name.scalar?.string ?? "") {
            problems.error(.invalidValue, at: name.location, "\"\(what).required\" names \"\(name.scalar?.string ?? "")\", "
                + "which is not in properties")
        }
    }

    /// The value of `key` when `node` is a mapping that has it.
    static func child(_ node: Node, _ key: String) -> Node? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.first { $0.key.scalar?.string == key }?.value
    }
}
