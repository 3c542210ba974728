/// Path arithmetic on `/`-separated strings, with no file system access.
public enum ConfigPaths {
    /// The folder part of `path` (`Config/agents/a.yaml` → `Config/agents`, `a.yaml` → `.`).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The file name without folder and extension (`Config/agents/receptionist.yaml` → `receptionist`).
    public static func baseName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `path` when absolute, otherwise `path` inside `base` (`.` meaning the current folder).
    public static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") || base == "." || base.isEmpty { return normalize(path) }
        return normalize(base + "/" + path)
    }

    /// `a//b/./c/` → `a/b/c`; an empty path is `.`. `..` is kept as written.
    public static func normalize(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// True for names ending in `.yaml` or `.yml` (any case).
    public static func isYAML(_ name: String) -> Bool {
        let lower = name.lowercased()
        return (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")) && !name.hasPrefix(".")
    }
}
