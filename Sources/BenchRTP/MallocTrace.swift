#if canImport(Glibc)
import Glibc
#endif

/// Counts heap allocations in a stretch of code with glibc's mtrace: run the benchmark with
/// `LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0 MALLOC_TRACE=/tmp/rtp-mtrace.txt`;
/// `count { ... }` turns tracing on around the body and counts the `malloc`/`realloc` lines logged.
/// Without the preload, glibc's `mtrace` is a no-op and the count is nil. Process-wide: other threads
/// must be idle (the benchmark's main thread sleeps meanwhile).
enum MallocTrace {
    typealias Toggle = @convention(c) () -> Void

    static var path: String? {
        guard let value = getenv("MALLOC_TRACE") else { return nil }
        return String(cString: value)
    }

    static func count(_ body: () -> Void) -> Int? {
        guard let path, let handle = dlopen(nil, RTLD_NOW),
              let on = dlsym(handle, "mtrace"), let off = dlsym(handle, "muntrace") else {
            body()
            return nil
        }
        truncate(path, 0)
        unsafeBitCast(on, to: Toggle.self)()
        body()
        unsafeBitCast(off, to: Toggle.self)()
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let read = fread(&chunk, 1, chunk.count, file)
            if read <= 0 { break }
            bytes += chunk[0..<read]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let sawHeader = text.hasPrefix("= Start")
        // Lines look like "@ caller:[addr] + 0xptr 0xsize" (malloc) or "@ ... > 0xptr 0xsize" (realloc).
        let allocations = text.split(separator: "\n").filter { $0.contains(" + 0x") || $0.contains(" > 0x") }.count
        return sawHeader ? allocations : nil
    }
}
