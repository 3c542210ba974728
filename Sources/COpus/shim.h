#include <opus/opus.h>

/* opus_encoder_ctl / opus_decoder_ctl are variadic: typed wrappers Swift can call. */
static inline int switchboard_opus_set_bitrate(OpusEncoder *e, opus_int32 bps) { return opus_encoder_ctl(e, OPUS_SET_BITRATE(bps)); }
static inline int switchboard_opus_set_complexity(OpusEncoder *e, opus_int32 c) { return opus_encoder_ctl(e, OPUS_SET_COMPLEXITY(c)); }
static inline int switchboard_opus_set_signal_voice(OpusEncoder *e) { return opus_encoder_ctl(e, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE)); }
static inline int switchboard_opus_set_inband_fec(OpusEncoder *e, opus_int32 on) { return opus_encoder_ctl(e, OPUS_SET_INBAND_FEC(on)); }
static inline int switchboard_opus_set_dtx(OpusEncoder *e, opus_int32 on) { return opus_encoder_ctl(e, OPUS_SET_DTX(on)); }
static inline int switchboard_opus_set_packet_loss_perc(OpusEncoder *e, opus_int32 percent) { return opus_encoder_ctl(e, OPUS_SET_PACKET_LOSS_PERC(percent)); }
static inline opus_int32 switchboard_opus_get_lookahead(OpusEncoder *e) { opus_int32 v = 0; opus_encoder_ctl(e, OPUS_GET_LOOKAHEAD(&v)); return v; }
static inline int switchboard_opus_encoder_reset(OpusEncoder *e) { return opus_encoder_ctl(e, OPUS_RESET_STATE); }
static inline int switchboard_opus_decoder_reset(OpusDecoder *d) { return opus_decoder_ctl(d, OPUS_RESET_STATE); }
