/// Providers chosen by the BCP 47 language of a request: an ordered list of routes (one tag each) and a
/// default. Selection, case-insensitive (`_` read as `-`): the route whose tag equals the request's;
/// else the route whose tag is the request's primary subtag (`es` for `es-MX`); else the first route
/// in the list with the same primary subtag (`es-ES` for `es-MX`: a Spanish provider beats the default);
/// else the default. Pure.
public struct LanguageRoutes<Provider: Sendable>: Sendable {
    /// One language's provider.
    public struct Route: Sendable {
        public var tag: String
        public var provider: Provider

        public init(tag: String, provider: Provider) {
            self.tag = tag
            self.provider = provider
        }
    }

    /// How a selection was made.
    public enum Match: Sendable, Hashable {
        /// A route with the request's exact tag.
        case exact(tag: String)
        /// A route named by the request's primary subtag.
        case primarySubtag(tag: String)
        /// A route for another region or script of the same language.
        case sameLanguage(tag: String)
        /// No route fits: the default.
        case defaultProvider
    }

    public let routes: [Route]
    public let defaultProvider: Provider

    public init(routes: [Route], defaultProvider: Provider) {
        self.routes = routes
        self.defaultProvider = defaultProvider
    }

    /// The provider for `language`, and how it was chosen.
    public func select(_ language: String) -> (provider: Provider, match: Match) {
        let wanted = Self.normalized(language)
        let primary = Self.primarySubtag(wanted)
        if let route = routes.first(where: { Self.normalized($0.tag) == wanted }) {
            return (route.provider, .exact(tag: route.tag))
        }
        if let route = routes.first(where: { Self.normalized($0.tag) == primary }) {
            return (route.provider, .primarySubtag(tag: route.tag))
        }
        if let route = routes.first(where: { Self.primarySubtag(Self.normalized($0.tag)) == primary }) {
            return (route.provider, .sameLanguage(tag: route.tag))
        }
        return (defaultProvider, .defaultProvider)
    }

    static func normalized(_ tag: String) -> String {
        String(tag.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    static func primarySubtag(_ normalizedTag: String) -> String {
        String(normalizedTag.prefix { $0 != "-" })
    }
}
