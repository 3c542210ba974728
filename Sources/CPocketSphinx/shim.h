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

/* The decoder's live cepstral-mean normalization (CMN) vector, saved and restored around audio that
 * must not teach it anything (calibrating the voice-activity detector). 0 when there is none. */
#include <feat.h>
#include <cmn.h>
static inline int switchboard_ps_cmn_length(ps_decoder_t *ps) {
    feat_t *feat = ps_get_feat(ps);
    return (feat && feat->cmn_struct) ? feat->cmn_struct->veclen : 0;
}
static inline void switchboard_ps_cmn_get(ps_decoder_t *ps, mfcc_t *vector) {
    feat_t *feat = ps_get_feat(ps);
    if (feat && feat->cmn_struct) cmn_live_get(feat->cmn_struct, vector);
}
static inline void switchboard_ps_cmn_set(ps_decoder_t *ps, const mfcc_t *vector) {
    feat_t *feat = ps_get_feat(ps);
    if (feat && feat->cmn_struct) cmn_live_set(feat->cmn_struct, vector);
}
