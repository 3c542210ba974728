import COpenSSL

/// OpenSSL's per-thread error queue: cleared before each operation, drained into one string after a
/// failure. Engines are used by one thread at a time, so the queue read belongs to the failing call.
enum OpenSSLErrorQueue {
    /// Forgets errors left by earlier calls on this thread.
    static func clear() { ERR_clear_error() }

    /// Every queued error as `error:...` strings joined by "; " (or `fallback` if the queue is empty).
    static func drain(fallback: String) -> String {
        var messages: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? fallback : messages.joined(separator: "; ")
    }
}
