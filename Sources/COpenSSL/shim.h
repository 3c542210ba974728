#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/md5.h>
#include <openssl/rand.h>

/* OpenSSL's function-like macros are not imported by Swift: typed wrappers. */
static inline long switchboard_SSL_set_tlsext_host_name(SSL *s, const char *name) { return SSL_set_tlsext_host_name(s, name); }
static inline long switchboard_SSL_CTX_set_min_proto_version(SSL_CTX *c, int v) { return SSL_CTX_set_min_proto_version(c, v); }
static inline long switchboard_SSL_CTX_set_mode(SSL_CTX *c, long m) { return SSL_CTX_set_mode(c, m); }
static inline long switchboard_SSL_set_mode(SSL *s, long m) { return SSL_set_mode(s, m); }
static inline long switchboard_BIO_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }
/* SSL_OP_* are 64-bit bit macros built from SSL_OP_BIT(n), which Swift does not import. */
static inline uint64_t switchboard_SSL_CTX_disable_renegotiation(SSL_CTX *c) { return SSL_CTX_set_options(c, SSL_OP_NO_RENEGOTIATION); }
