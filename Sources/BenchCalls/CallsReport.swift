import BenchSupport
import Foundation

/// The figures of one run, as text: the full report and a one-line table row for Docs/benchmarks.md.
struct CallsReport {
    let options: CallerOptions
    /// Caller counters over the measured window, and over the whole run.
    let window: CallerTotals
    let whole: CallerTotals
    let elapsed: Double
    let openAtEnd: Int
    let connectFailures: Int
    let serverCPU: Double?
    let fakesCPU: Double?
    let clientCPU: Double?
    let rssBefore: Int?
    let rssWithCalls: Int?
    let log: TurnLatencyLog
    let load: (before: String, during: String)

    var failedCalls: Int { connectFailures + whole.closedEarly }

    var text: String {
        var lines: [String] = []
        let calls = max(1, openAtEnd)
        lines.append("calls: \(options.calls) asked, \(whole.opened) connected, \(openAtEnd) up at the end of the window; "
            + "failed \(failedCalls) (\(connectFailures) not connected, \(whole.closedEarly) closed by the server)")
        lines.append(String(format: "window: %.1f s measured after %.1f s warm-up", elapsed, options.warmup)
            + "; load average before \(load.before), at the end \(load.during)")
        if let serverCPU {
            lines.append(String(format: "server CPU: %.1f%% of one core, %.0f ms per call-minute", serverCPU / elapsed * 100,
                                serverCPU * 1000 / (Double(calls) * elapsed / 60)))
        }
        if let rssBefore, let rssWithCalls {
            lines.append(String(format: "server RSS: %.1f MiB before the calls, %.1f MiB with them up: %.0f KiB per call",
                                mib(rssBefore), mib(rssWithCalls), Double(rssWithCalls - rssBefore) / 1024 / Double(calls)))
        }
        if let fakesCPU { lines.append(String(format: "fakes CPU: %.1f%% of one core", fakesCPU / elapsed * 100)) }
        if let clientCPU { lines.append(String(format: "caller CPU: %.1f%% of one core", clientCPU / elapsed * 100)) }
        lines.append("server, per turn (\(log.records) call records, whole calls):")
        lines.append("  " + Percentiles(log.voiceToVoice).line("voice-to-voice", unit: "ms"))
        lines.append("  " + Percentiles(log.providerWait).line("provider wait", unit: "ms"))
        lines.append("  " + Percentiles(log.overhead).line("orchestration overhead", unit: "ms"))
        lines.append("caller, measured window: \(window.turnsMeasured) turns, \(window.unanswered) unanswered")
        lines.append("  " + Percentiles(window.firstAudioMilliseconds).line("end of speech -> first agent audio", unit: "ms"))
        lines.append("  " + Percentiles(window.replyAudioMilliseconds).line("agent audio per reply", unit: "ms"))
        let share = window.gaps > 0 ? Double(window.lateGaps) / Double(window.gaps) * 100 : 0
        lines.append(String(format: "  agent media gaps > 40 ms within a reply: %d of %d (%.2f%%), largest %.1f ms",
                            window.lateGaps, window.gaps, share, window.largestGapMilliseconds))
        lines.append(String(format: "  playback holes (agent audio arriving > 20 ms after the caller's buffer ran dry): %d, %.0f ms in all",
                            window.underruns, window.underrunMilliseconds))
        lines.append("  media sent \(window.mediaSent) (expected \(Int(Double(calls) * elapsed * 50))), received \(window.mediaReceived), "
            + "marks answered \(window.marksAnswered), clears \(window.clears)")
        lines.append("row: " + row)
        return lines.joined(separator: "\n")
    }

    /// `| calls | CPU/call-min | RSS/call | v2v | overhead | client | gaps > 40 ms | holes | failed |` for the docs table.
    var row: String {
        let calls = Double(max(1, openAtEnd))
        let cpu = serverCPU.map { String(format: "%.0f ms", $0 * 1000 / (calls * elapsed / 60)) } ?? "?"
        let rss = zipRSS.map { String(format: "%.0f KiB", $0 / 1024 / calls) } ?? "?"
        func triple(_ values: [Double]) -> String {
            let p = Percentiles(values)
            return String(format: "%.1f / %.1f / %.1f", p.median, p.p95, p.p99)
        }
        return "| \(options.calls) | \(cpu) | \(rss) | \(triple(log.voiceToVoice)) | \(triple(log.overhead)) | "
            + "\(triple(window.firstAudioMilliseconds)) | \(window.lateGaps) of \(window.gaps) | \(window.underruns) | \(failedCalls) |"
    }

    private var zipRSS: Double? {
        guard let rssBefore, let rssWithCalls else { return nil }
        return Double(rssWithCalls - rssBefore)
    }

    private func mib(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }
}
