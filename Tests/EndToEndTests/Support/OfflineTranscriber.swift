import Foundation
import Media
import Providers
import Speech

/// Transcribes recorded agent audio offline, as a listener would: pocketsphinx (the Providers adapter)
/// with a grammar of the sentences the agent may say, so the check is what the audio says, not what the
/// server claims it said.
struct OfflineTranscriber {
    /// Faint noise around and under the recording: pocketsphinx calibrates on the first second and
    /// endpoints on silence, and digital zeros never happen on a real line. About −54 dBFS.
    static let noiseAmplitude = 64
    let stt: PocketSphinxSpeechToText

    /// A recognizer for `replies`: each whole reply, each of its sentences and each of its clauses is a
    /// phrase, so pocketsphinx's endpointing may split the audio at any pause between them.
    init(replies: [String]) throws {
        var phrases: [String] = []
        for reply in replies {
            phrases.append(Self.words(reply))
            for sentence in reply.split(whereSeparator: { ".?!".contains($0) }) {
                phrases.append(Self.words(String(sentence)))
                for clause in sentence.split(separator: ",") { phrases.append(Self.words(String(clause))) }
            }
        }
        let unique = phrases.filter { !$0.isEmpty }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        // Recordings are transcribed faster than real time, so the queue holds all of a recording.
        stt = try PocketSphinxSpeechToText(dialogue: nil, configuration: .init(extraPhrases: unique, queueCapacity: 100_000))
    }

    /// Lower-case words without punctuation (apostrophes kept), single-spaced: how pocketsphinx writes.
    static func words(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber || $0 == "'" ? $0 : " " })
            .split(separator: " ").joined(separator: " ")
    }

    /// Every final transcript of `samples` (16 kHz), joined by spaces.
    func transcribe(_ samples: [Int16]) async throws -> String {
        let session = try await stt.open(TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz16000)))
        let level = Self.noiseAmplitude
        func noiseFloor(_ count: Int) -> [Int16] { (0..<count).map { _ in Int16.random(in: -Int16(level)...Int16(level)) } }
        let noisy = samples.map { Int16(clamping: Int($0) + Int.random(in: -level...level)) }
        let audio = noiseFloor(16_000) + noisy + noiseFloor(24_000)
        let size = SampleRate.hz16000.samplesPerFrame
        for start in stride(from: 0, to: audio.count - size + 1, by: size) {
            try session.send(AudioFrame(sampleRate: .hz16000, samples: Array(audio[start..<(start + size)])))
        }
        session.finishAudio()
        var finals: [String] = []
        for await event in session.events {
            if case .final(let text, _) = event { finals.append(text) }
        }
        return finals.joined(separator: " ")
    }
}
