/* 32-bit processes built with 64-bit time (Debian 12's 32-bit Wine: _TIME_BITS=64) call
 * glibc's *_time64 entry points instead of stat/fstat/ioctl, with the 64-bit-time
 * struct stat. This file is built only into the 32-bit library, with _TIME_BITS=64,
 * so that its struct stat is that layout; the lookups are sgio_preload.c's. */
#define _GNU_SOURCE 1
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64
#include <dlfcn.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "sgio_preload.h"

/* Same answer as fake_stat() in sgio_preload.c: a block device, sr-like major 11. */
static void fake_stat_t64(struct stat *st, unsigned node)
{
    memset(st, 0, sizeof(*st));
    st->st_mode = S_IFBLK | 0660;
    st->st_rdev = makedev(11, node);
    st->st_dev = makedev(0, 5);
    st->st_ino = 0x7d000 + node;
    st->st_nlink = 1;
    st->st_blksize = 2048;
}

int __stat64_time64(const char *path, struct stat *st);
int __lstat64_time64(const char *path, struct stat *st);
int __fstat64_time64(int fd, struct stat *st);
int __fstatat64_time64(int dirfd, const char *path, struct stat *st, int flags);
int __ioctl_time64(int fd, unsigned long req, ...);

#define PATH_STAT_T64(name)                                                        \
    int name(const char *path, struct stat *st)                                    \
    {                                                                              \
        static int (*real)(const char *, struct stat *);                           \
        int node = sgio_node_of_path(path);                                        \
        if (node >= 0) { fake_stat_t64(st, (unsigned)node); return 0; }            \
        if (!real) real = (int (*)(const char *, struct stat *))dlsym(RTLD_NEXT, #name); \
        return real(path, st);                                                     \
    }
PATH_STAT_T64(__stat64_time64)
PATH_STAT_T64(__lstat64_time64)

int __fstat64_time64(int fd, struct stat *st)
{
    static int (*real)(int, struct stat *);
    int node = sgio_node_of_fd(fd);
    if (node >= 0) { fake_stat_t64(st, (unsigned)node); return 0; }
    if (!real) real = (int (*)(int, struct stat *))dlsym(RTLD_NEXT, "__fstat64_time64");
    return real(fd, st);
}

int __fstatat64_time64(int dirfd, const char *path, struct stat *st, int flags)
{
    static int (*real)(int, const char *, struct stat *, int);
    int node = sgio_node_of_path(path);
    if (node >= 0) { fake_stat_t64(st, (unsigned)node); return 0; }
    if (!real) real = (int (*)(int, const char *, struct stat *, int))dlsym(RTLD_NEXT, "__fstatat64_time64");
    return real(dirfd, path, st, flags);
}

int __ioctl_time64(int fd, unsigned long req, ...)
{
    va_list ap;
    void *arg;
    va_start(ap, req);
    arg = va_arg(ap, void *);
    va_end(ap);
    return sgio_ioctl(fd, req, arg, "__ioctl_time64");
}
