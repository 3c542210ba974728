import Agents
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle

/// `switchboard serve [--config FILE]`: loads the deployment (the file, or the embedded defaults),
/// prints its problems like `check` and stops on errors, bootstraps logging and metrics, then runs
/// the server until SIGTERM or SIGINT, which drain it (readiness 503, listeners closed, open
/// connections given `--drain-timeout`) before a clean exit 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the server (HTTP/WebSocket listeners, health, readiness and metrics).",
        discussion: """
            Without --config, runs the embedded copy of Config/switchboard.yaml and its agents. \
            SIGTERM or SIGINT drain the server and exit 0.
            """)

    @Option(name: .customLong("config"), help: "Server config file (YAML), e.g. Config/switchboard.yaml.")
    var configPath: String?

    @Option(name: .customLong("http"), help: "Override listeners.http (host:port; port 0 picks a free port).")
    var httpAddress: String?

    @Option(name: .customLong("metrics"), help: "Override listeners.metrics (host:port; port 0 picks a free port).")
    var metricsAddress: String?

    @Option(name: .customLong("loops"), help: "Event-loop threads (default: one per core).")
    var loopCount: Int?

    @Option(name: .customLong("drain-timeout"), help: "Seconds open connections get to finish on shutdown.")
    var drainSeconds: Double = 10

    func validate() throws {
        for (flag, value) in [("--http", httpAddress), ("--metrics", metricsAddress)] {
            if let value, ListenAddress(parsing: value) == nil { throw ValidationError("\(flag): expected host:port, got \(value.debugDescription)") }
        }
        if let loopCount, !(1...256).contains(loopCount) { throw ValidationError("--loops must be 1...256") }
        if !(drainSeconds >= 0 && drainSeconds <= 3600) { throw ValidationError("--drain-timeout must be 0...3600 seconds") }
    }

    func run() async throws {
        guard var deployment = loadDeployment() else { throw ExitCode.failure }
        if let httpAddress { deployment.server.listeners.http = ListenAddress(parsing: httpAddress)! }
        if let metricsAddress { deployment.server.listeners.metrics = ListenAddress(parsing: metricsAddress) }

        let observability = Observability.bootstrap(level: deployment.server.logging.level)
        let logger = Logger(label: "switchboard")
        let settings = ServeSettings(deployment: deployment, loopCount: loopCount,
                                     drainTimeout: .milliseconds(Int64(drainSeconds * 1000)))
        let server = SwitchboardService(settings: settings, observability: observability, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: server, serviceName: "switchboard")],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("server stopped: \(error)")
            throw ExitCode.failure
        }
    }

    /// The deployment from `--config` (read through the same file system as `check`) or the embedded
    /// defaults. Prints every problem as `check` does; nil when any is an error.
    private func loadDeployment() -> Deployment? {
        let environment = ProcessInfo.processInfo.environment
        let result = if let configPath {
            DeploymentLoader.load(serverConfigAt: configPath, fileSystem: LocalConfigFileSystem(), environment: environment)
        } else {
            DeploymentLoader.load(serverConfigAt: EmbeddedDefaults.serverConfigPath, fileSystem: EmbeddedDefaults.fileSystem,
                                  environment: environment)
        }
        for problem in result.problems { print(problem.description) }
        if !result.errors.isEmpty {
            print("serve: \(result.errors.count) error(s); not starting")
        }
        fflush(nil)  // all streams: problems reach a pipe before the log lines
        guard result.errors.isEmpty else { return nil }
        return result.value
    }
}

/// What `serve` decided from its flags and config, handed to the service.
struct ServeSettings: Sendable {
    var deployment: Deployment
    var loopCount: Int?
    var drainTimeout: Duration
}
