import Yams

/// The `api:` section: `token`, the bearer token of the call-control HTTP API, written as `${ENV_VAR}`.
extension ServerDecoder {
    func readAPIToken(_ map: MappingReader) -> Secret? {
        guard let node = map.node("api"), let api = MappingReader(node, path: "api", keys: ["token"], problems: problems) else {
            return nil
        }
        return api.required("token", "the bearer token for POST /v1/calls, written as ${SWITCHBOARD_API_TOKEN}")
            .flatMap { problems.secret($0, api.name("token"), environment: environment) }
    }
}
