/* GNU socket extensions forwarded for Swift (see CSystemShims.h). */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <stddef.h>
#include <unistd.h>
#include <pthread.h>
#include "CSystemShims.h"

_Static_assert(sizeof(struct sb_mmsghdr) == sizeof(struct mmsghdr), "mmsghdr layout");
_Static_assert(offsetof(struct sb_mmsghdr, msg_len) == offsetof(struct mmsghdr, msg_len), "mmsghdr layout");

int sb_recvmmsg(int fd, struct sb_mmsghdr *messages, unsigned int count, int flags) {
    return recvmmsg(fd, (struct mmsghdr *)messages, count, flags, NULL);
}

int sb_sendmmsg(int fd, struct sb_mmsghdr *messages, unsigned int count, int flags) {
    return sendmmsg(fd, (struct mmsghdr *)messages, count, flags);
}

int sb_accept4(int fd, int flags) {
    return accept4(fd, NULL, NULL, flags);
}

int sb_pipe2(int fds[2], int flags) {
    return pipe2(fds, flags);
}

int sb_set_thread_name(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
