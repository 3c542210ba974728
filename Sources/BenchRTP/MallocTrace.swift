import BenchSupport
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
        // libc_malloc_debug exports them only as versioned symbols (mtrace@GLIBC_2.2.5): look them up with
        // dlvsym, itself found through dlsym (it is a GNU extension the Glibc module does not import).
        typealias VersionedLookup = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>, UnsafePointer<CChar>) -> UnsafeMutableRawPointer?
        guard let path, let handle = dlopen(nil, RTLD_NOW), let lookupSymbol = dlsym(handle, "dlvsym") else {
            body()
            return nil
        }
        let lookup = unsafeBitCast(lookupSymbol, to: VersionedLookup.self)
        guard let on = lookup(handle, "mtrace", "GLIBC_2.2.5"), let off = lookup(handle, "muntrace", "GLIBC_2.2.5") else {
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
