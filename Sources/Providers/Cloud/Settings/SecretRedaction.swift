/// Keeps a credential out of text that may reach logs or error messages: every occurrence of the
/// key is replaced by `***` (a provider echoing our request, a proxy's error page). Shared by the STT
/// and TTS error mapping. Pure.
enum SecretRedaction {
    static func redact(_ text: String, hiding secret: String) -> String {
        guard secret.count >= 4, text.contains(secret) else { return text }
        return text.replacing(secret, with: "***")
    }
}
