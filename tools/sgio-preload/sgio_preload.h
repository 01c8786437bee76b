/* What sgio_preload.c shares with sgio_preload_time64.c (32-bit builds only): the
 * lookups behind the stat and ioctl wrappers. Hidden: not part of what the library
 * interposes. */
#ifndef SGIO_PRELOAD_H
#define SGIO_PRELOAD_H

#define SGIO_HIDDEN __attribute__((visibility("hidden")))

/* The fake node a path names, or -1. */
SGIO_HIDDEN int sgio_node_of_path(const char *path);
/* The fake node behind a descriptor (adopting one received from another process), or -1. */
SGIO_HIDDEN int sgio_node_of_fd(int fd);
/* ioctl on a node's descriptor; anything else goes to the libc function real_name. */
SGIO_HIDDEN int sgio_ioctl(int fd, unsigned long req, void *arg, const char *real_name);

#endif
