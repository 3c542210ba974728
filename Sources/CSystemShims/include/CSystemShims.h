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
#include <spawn.h>

/* glibc (>= 2.34) declares these only under _GNU_SOURCE, which Swift's Glibc module is not built with. */
extern int pipe2(int pipefd[2], int flags);
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
#endif
