import BenchSupport
#if canImport(Glibc)
import Glibc
#endif

/// `RUSAGE_THREAD` (Linux, <sys/resource.h>: 1), hidden from Swift behind _GNU_SOURCE.
let rusageThread = __rusage_who_t(1)

/// CPU seconds (user + system) used so far by the calling thread.
func threadCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(rusageThread, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}
