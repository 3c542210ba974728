import Foundation
import Speech

/// Measurements of PCM audio for assertions.
enum AudioMeasures {
    /// Little-endian 16-bit samples of linear16 chunks, in order.
    static func samples(of chunks: [AudioChunk]) -> [Int16] {
        chunks.flatMap { chunk in
            stride(from: 0, to: chunk.bytes.count - 1, by: 2).map {
                Int16(bitPattern: UInt16(chunk.bytes[$0]) | UInt16(chunk.bytes[$0 + 1]) << 8)
            }
        }
    }

    /// Root-mean-square level of `samples` (full scale 32768).
    static func rms(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(samples.count)).squareRoot()
    }
}

/// Runs real programs (espeak-ng, sox) for test inputs.
enum Tools {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `arguments[0]` from PATH and returns its stdout; throws on a non-zero exit.
    @discardableResult
    static func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "\(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return data
    }

    /// espeak-ng's own rendering of `text` as a WAV file's bytes (22 050 Hz mono 16-bit).
    static func espeakWAV(_ text: String, voice: String = "en-us") throws -> Data {
        try run(["espeak-ng", "-v", voice, "--stdout", "--", text])
    }

    /// `text` spoken by espeak-ng, converted by sox to 16-bit samples at `rate` Hz.
    static func speech(_ text: String, rate: Int) throws -> [Int16] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("providers-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("speech.wav").path
        try run(["espeak-ng", "-v", "en-us", "-w", wav, "--", text])
        let raw = try run(["sox", wav, "-t", "raw", "-r", String(rate), "-c", "1", "-b", "16", "-e", "signed-integer",
                           "-L", "-"])
        return raw.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }

    /// Samples in the data chunk of espeak-ng's 44-byte-header WAV.
    static func espeakSampleCount(_ wav: Data) -> Int { (wav.count - 44) / 2 }
}
