#ifndef SWITCHBOARD_CSYSTEMSHIMS_H
#define SWITCHBOARD_CSYSTEMSHIMS_H
/* Linux headers Glibc's Swift module does not bring in (epoll, eventfd, timerfd), plus the socket headers. */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <signal.h>

/* fcntl is variadic, which Swift cannot call: typed wrappers for the two uses Net has. */
static inline int fcntl_getfl(int fd) { return fcntl(fd, F_GETFL); }
static inline int fcntl_setfl(int fd, int flags) { return fcntl(fd, F_SETFL, flags); }

/* recvmmsg/sendmmsg and struct mmsghdr are GNU extensions the Glibc module does not export; shims.c is
   compiled with _GNU_SOURCE and forwards to them. Same layout as struct mmsghdr (checked there). */
struct sb_mmsghdr {
    struct msghdr msg_hdr;
    unsigned int msg_len;
};
int sb_recvmmsg(int fd, struct sb_mmsghdr *messages, unsigned int count, int flags);
int sb_sendmmsg(int fd, struct sb_mmsghdr *messages, unsigned int count, int flags);
int sb_accept4(int fd, int flags);
int sb_pipe2(int fds[2], int flags);
int sb_set_thread_name(const char *name);
#include <spawn.h>

/* glibc (>= 2.34) declares these only under _GNU_SOURCE, which Swift's Glibc module is not built with. */
extern int pipe2(int pipefd[2], int flags);
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
#endif
