import Glibc
import Speech
import Synchronization

/// One running espeak-ng request: spawns the child on a reader thread, pumps its output through an
/// `EspeakOutputDecoder` into the consumer's mailbox, reaps the child, and ends with `done` or
/// `failed`. `cancel` (the consumer cancelled or dropped the stream) kills the child at once.
final class EspeakSynthesis: Sendable {
    /// Largest read from the child's stdout (≈ 370 ms of 22 050 Hz audio).
    static let readSize = 16_384
    /// Most of the child's stderr kept for an error message.
    static let maximumErrorText = 2_048

    let mailbox: BoundedMailbox<SynthesisEvent>
    private let command: EspeakCommand
    private let format: AudioFormat
    private let configuration: EspeakTextToSpeech.Configuration
    private let hooks: ProcessHooks
    private let process = Mutex<ChildProcess?>(nil)

    init(command: EspeakCommand, format: AudioFormat, configuration: EspeakTextToSpeech.Configuration,
         mailbox: BoundedMailbox<SynthesisEvent>, hooks: ProcessHooks) {
        self.command = command
        self.format = format
        self.configuration = configuration
        self.mailbox = mailbox
        self.hooks = hooks
    }

    /// Starts the reader thread; false when the system has no thread to give.
    func start() -> Bool {
        WorkerThread.start { [self] in run() }
    }

    /// Stops now: nothing more is delivered, and the child is killed if it is still running.
    func cancel() {
        mailbox.cancel()
        process.withLock { $0?.kill() }
    }

    private func run() {
        let child: ChildProcess
        do {
            child = try ChildProcess(executable: command.executable, arguments: command.arguments)
        } catch {
            finish(with: .failed(Self.spawnFailure(error, executable: command.executable)))
            return
        }
        process.withLock { $0 = child }
        hooks.spawned?(child.pid)
        if mailbox.isCancelled { child.kill() }

        var pump = EspeakPump(child: child, outputRate: format.sampleRate.hertz, samplesPerChunk: samplesPerChunk,
                              stallTimeout: configuration.stallTimeout)
        let outcome = pump.run { [format, mailbox] samples in
            mailbox.put(.audio(AudioChunk(format: format, bytes: samples.littleEndianBytes)))
        }
        if outcome != .endOfOutput { child.kill() }
        let termination = child.waitForExit()
        child.closePipes()
        hooks.reaped?(child.pid, termination)
        guard !mailbox.isCancelled else { return }
        switch outcome {
        case .cancelled:
            mailbox.finish()
        case .failed(let error):
            finish(with: .failed(error))
        case .endOfOutput:
            guard termination == .exited(0) else {
                return finish(with: .failed(Self.exitFailure(termination, errorText: pump.errorText)))
            }
            do {
                for samples in try pump.finishDecoding() {
                    guard mailbox.put(.audio(AudioChunk(format: format, bytes: samples.littleEndianBytes))) else {
                        return mailbox.finish()
                    }
                }
                finish(with: .done)
            } catch {
                finish(with: .failed(error))
            }
        }
    }

    private var samplesPerChunk: Int {
        max(1, format.sampleRate.hertz * configuration.chunkDuration.milliseconds / 1000)
    }

    private func finish(with event: SynthesisEvent) {
        mailbox.put(event)
        mailbox.finish()
    }

    private static func spawnFailure(_ error: SystemCallError, executable: String) -> ProviderError {
        switch error.errno {
        case ENOENT:
            .badRequest(detail: "\(executable) is not installed (not found on PATH); install Debian's espeak-ng package")
        case EAGAIN, ENOMEM:
            .overloaded
        default:
            .badRequest(detail: "could not start \(executable): \(error)")
        }
    }

    private static func exitFailure(_ termination: ChildProcess.Termination, errorText: String) -> ProviderError {
        switch termination {
        case .exited(let status):
            .badRequest(detail: "espeak-ng exited with status \(status)" + (errorText.isEmpty ? "" : ": \(errorText)"))
        case .signalled:
            .connectionLost  // killed by someone else mid-sentence: the stream broke off
        }
    }
}
