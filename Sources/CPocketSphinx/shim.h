/* CMU PocketSphinx 5prealpha (Debian's libpocketsphinx-dev 0.8+5prealpha) and the parts of SphinxBase
 * it needs. cmd_ln_init is variadic, so a typed wrapper builds the decoder configuration for Swift. */
#include <pocketsphinx.h>
#include <err.h>

/* A decoder configuration for 16 kHz audio: acoustic model folder, pronunciation dictionary and the
 * three search beams (as decimal strings such as "1e-80"). NULL when an argument is refused. */
static inline cmd_ln_t *switchboard_ps_config(const char *hmm, const char *dict,
                                              const char *beam, const char *wbeam, const char *pbeam) {
    return cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", hmm, "-dict", dict, "-samprate", "16000",
                       "-beam", beam, "-wbeam", wbeam, "-pbeam", pbeam, NULL);
}
