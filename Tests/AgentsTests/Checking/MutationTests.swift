import Testing
@testable import Agents

/// Damages the shipped example files line by line (seeded, bounded) and checks that loading never
/// crashes and always ends either with a usable configuration or with located errors.
@Suite struct MutationTests {
    /// SplitMix64: a small deterministic generator, so a failure replays from its seed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let iterations = 300

    static func mutate(_ text: String, using generator: inout SeededGenerator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...3, using: &generator) where !lines.isEmpty {
            let index = Int.random(in: 0..<lines.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &generator))
            case 3: lines[index] = "  " + lines[index]
            default:
                let line = lines[index]
                lines[index] = String(line.prefix(Int.random(in: 0...line.count, using: &generator)))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func expectLocated(_ problems: [ConfigProblem], in text: String, file: String, seed: UInt64) {
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        for problem in problems where problem.isError {
            #expect(problem.location.file == file, "seed \(seed): \(problem)")
            if problem.location.line == 0 {
                #expect(problem.code == .unreadableFile, "seed \(seed): unlocated \(problem)")
            } else {
                #expect((1...lineCount + 1).contains(problem.location.line) && problem.location.column >= 1,
                        "seed \(seed): \(problem) outside the file's \(lineCount) lines")
            }
        }
    }

    @Test func mutatedAgentFilesLoadOrReportLocatedErrors() {
        var loaded = 0
        for seed in UInt64(1)...UInt64(Self.iterations) {
            var generator = SeededGenerator(state: seed)
            let text = Self.mutate(EmbeddedDefaults.receptionistAgentYAML, using: &generator)
            let result = AgentConfigLoader.load(yaml: text, file: "receptionist.yaml", environment: [:])
            if result.value != nil {
                loaded += 1
                #expect(result.errors.isEmpty)
            } else {
                #expect(!result.errors.isEmpty, "seed \(seed): no value and no error")
            }
            expectLocated(result.problems, in: text, file: "receptionist.yaml", seed: seed)
        }
        #expect(loaded > 0 && loaded < Self.iterations, "mutations should both break and spare the file: \(loaded) loaded")
    }

    @Test func mutatedServerFilesCheckOrReportLocatedErrors() {
        for seed in UInt64(1)...UInt64(Self.iterations) {
            var generator = SeededGenerator(state: seed &* 7919)
            let text = Self.mutate(EmbeddedDefaults.serverConfigYAML, using: &generator)
            let files = ["Config/switchboard.yaml": text, "Config/agents/receptionist.yaml": EmbeddedDefaults.receptionistAgentYAML]
            let report = ConfigChecker(fileSystem: InMemoryConfigFileSystem(files: files), environment: [:])
                .check(["Config/switchboard.yaml"])
            let serverProblems = report.problems.filter { $0.location.file == "Config/switchboard.yaml" }
            expectLocated(serverProblems, in: text, file: "Config/switchboard.yaml", seed: seed)
            #expect(report.passed == (report.errorCount == 0))
        }
    }
}
