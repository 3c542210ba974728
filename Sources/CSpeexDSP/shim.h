#include <speex/speex_resampler.h>
#include <speex/speex_preprocess.h>

/* speex_preprocess_ctl takes a void* argument; typed wrappers keep Swift free of raw pointers. */
static inline int switchboard_speex_pp_set_int(SpeexPreprocessState *st, int request, spx_int32_t value) {
    return speex_preprocess_ctl(st, request, &value);
}
static inline int switchboard_speex_pp_get_int(SpeexPreprocessState *st, int request) {
    spx_int32_t value = 0; speex_preprocess_ctl(st, request, &value); return value;
}
