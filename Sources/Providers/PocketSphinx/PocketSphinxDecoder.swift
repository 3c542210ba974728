import CPocketSphinx
import Glibc
import Speech
import Synchronization

/// One PocketSphinx decoder (`ps_decoder_t`): the acoustic model and dictionary loaded, a JSGF grammar
/// as its search. Owned by one session's worker thread for its whole life (not copyable, not shared);
/// freed when it goes away.
struct PocketSphinxDecoder: ~Copyable {
    /// Search beams wider than pocketsphinx's defaults (1e-48, 7e-29, 1e-48). Measured here on espeak-ng
    /// speech with the receptionist's grammar: with the defaults about one phrase in four ended with no
    /// hypothesis at all (no grammar path survived pruning); with these, none did, and decoding still
    /// ran at about a tenth of real time.
    static let beams = (beam: "1e-80", wordBeam: "1e-60", phoneBeam: "1e-80")
    /// The name the grammar search is registered under.
    static let searchName = "switchboard"

    /// SphinxBase keeps one process-wide log file; ps_init can reopen it, so decoders are created one
    /// at a time, with the library's logging switched off once (it would otherwise print pages of INFO
    /// lines to stderr per call).
    private static let creation = Mutex<Bool>(false)

    private let decoder: OpaquePointer

    /// Loads the model and dictionary; throws `badRequest` naming the paths when pocketsphinx refuses them.
    init(model: String, dictionary: String) throws(ProviderError) {
        let made: OpaquePointer? = Self.creation.withLock { silenced in
            if !silenced {
                err_set_logfp(nil)
                silenced = true
            }
            guard let config = switchboard_ps_config(model, dictionary, Self.beams.beam, Self.beams.wordBeam,
                                                     Self.beams.phoneBeam) else { return nil }
            defer { cmd_ln_free_r(config) }  // the decoder keeps its own reference
            return ps_init(config)
        }
        guard let made else {
            throw .badRequest(detail: "pocketsphinx could not load the model \"\(model)\" with dictionary "
                              + "\"\(dictionary)\" (install Debian's pocketsphinx-en-us, or fix settings.model/dictionary)")
        }
        decoder = made
    }

    deinit {
        ps_free(decoder)
    }

    /// Whether the dictionary has a pronunciation for `word` (lower-case, as in cmudict).
    func knows(_ word: String) -> Bool {
        guard let pronunciation = ps_lookup_word(decoder, word) else { return false }
        free(pronunciation)
        return true
    }

    /// Makes `jsgf` the search; throws `badRequest` when pocketsphinx rejects the grammar.
    func useGrammar(_ jsgf: String) throws(ProviderError) {
        guard ps_set_jsgf_string(decoder, Self.searchName, jsgf) == 0,
              ps_set_search(decoder, Self.searchName) == 0 else {
            throw .badRequest(detail: "pocketsphinx rejected the grammar built from the agent's phrases")
        }
    }

    /// Starts an utterance; false when pocketsphinx refuses.
    @discardableResult
    func startUtterance() -> Bool { ps_start_utt(decoder) == 0 }

    /// Measured here: a fresh decoder's voice-activity detection reports speech from about 120 ms to 1 s
    /// into its first audio whatever that audio is (silence and noise included) while it settles its
    /// noise floor. 2 s of a faint noise floor (±64, about −54 dBFS) settle it; with them, noise alone
    /// never counts as speech and speech is detected where it starts. The normalization the noise would
    /// teach the decoder (its live cepstral mean) is put back afterwards: measured, keeping it made the
    /// first phrase misheard ("my name is mary" → "when are you open").
    static let calibrationFrames = 100
    static let calibrationNoiseAmplitude: UInt64 = 64

    /// Feeds `calibrationFrames` of faint noise through the detector and discards the result, so the
    /// caller's first frames are judged by a settled detector (about 50 ms of one core).
    func calibrate() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D  // xorshift64 seed: any non-zero value
        let span = 2 * Self.calibrationNoiseAmplitude + 1
        var noise = [Int16](repeating: 0, count: 320)
        var mean = [mfcc_t](repeating: 0, count: Int(switchboard_ps_cmn_length(decoder)))
        switchboard_ps_cmn_get(decoder, &mean)
        defer { switchboard_ps_cmn_set(decoder, mean) }
        startUtterance()
        for _ in 0..<Self.calibrationFrames {
            for index in noise.indices {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                noise[index] = Int16(Int64(state % span) - Int64(Self.calibrationNoiseAmplitude))
            }
            _ = process(noise)
        }
        endUtterance()
    }

    /// Ends the utterance (its hypothesis becomes final).
    func endUtterance() { _ = ps_end_utt(decoder) }

    /// Decodes 16 kHz samples; false when pocketsphinx refuses them.
    func process(_ samples: [Int16]) -> Bool {
        samples.withUnsafeBufferPointer { buffer in
            ps_process_raw(decoder, buffer.baseAddress, buffer.count, 0, 0) >= 0
        }
    }

    /// Whether pocketsphinx's voice-activity detection hears speech now.
    var inSpeech: Bool { ps_get_in_speech(decoder) != 0 }

    /// The best hypothesis of the current (or just ended) utterance; nil or empty when there is none.
    var hypothesis: String? {
        ps_get_hyp(decoder, nil).map { String(cString: $0) }
    }
}
