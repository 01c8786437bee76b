/* POSIX implementation of the file and lock seam (Linux first; other Unixes fall back
 * to process-associated fcntl locks where OFD locks are missing). */
#ifndef _WIN32
#define _GNU_SOURCE 1   /* F_OFD_SETLK, pread/pwrite, fsync, nanosleep */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include "core_file.h"

struct core_file
{
    int fd;
    /* write-behind (core_file_sync_behind) */
    int behind;              /* 0 no thread yet, 1 running, -1 could not start one */
    int pending, quit, failed;   /* failed: errno of a background fsync, until reported */
    pthread_t thread;
    pthread_mutex_t mutex;
    pthread_cond_t wake;
};

static int from_errno(int e)
{
    switch (e)
    {
    case ENOENT: return CORE_FILE_ENOENT;
    case ENOMEM: return CORE_FILE_ENOMEM;
    case EACCES: case EPERM: case EROFS: return CORE_FILE_EACCES;
    case EEXIST: return CORE_FILE_EEXIST;
    case EINVAL: return CORE_FILE_EINVAL;
    case EAGAIN: case EBUSY: return CORE_FILE_EBUSY;
    default: return CORE_FILE_EIO;
    }
}

int core_file_open(const char *path, unsigned flags, core_file **out)
{
    int oflags = O_CLOEXEC, fd;
    core_file *f = NULL;

    if ((flags & CORE_FILE_READ) && (flags & CORE_FILE_WRITE)) oflags |= O_RDWR;
    else if (flags & CORE_FILE_WRITE) oflags |= O_WRONLY;
    else oflags |= O_RDONLY;
    if (flags & CORE_FILE_CREATE) oflags |= O_CREAT;
    if (flags & CORE_FILE_TRUNCATE) oflags |= O_TRUNC;
    if (flags & CORE_FILE_EXCL) oflags |= O_EXCL;
    fd = open(path, oflags, 0666);
    if (fd < 0) return from_errno(errno);
    if (!(f = calloc(1, sizeof(*f)))) { close(fd); return CORE_FILE_ENOMEM; }
    f->fd = fd;
    *out = f;
    return 0;
}

static void stop_behind(core_file *f);

void core_file_close(core_file *f)
{
    if (!f) return;
    stop_behind(f);
    close(f->fd);
    free(f);
}

int core_file_pread(core_file *f, void *buf, size_t len, uint64_t offset, size_t *done)
{
    size_t got = 0;
    while (got < len)
    {
        ssize_t n = pread(f->fd, (char *)buf + got, len - got, (off_t)(offset + got));
        if (n < 0) { if (errno == EINTR) continue; return from_errno(errno); }
        if (n == 0) break;
        got += (size_t)n;
    }
    *done = got;
    return 0;
}

int core_file_pwrite(core_file *f, const void *buf, size_t len, uint64_t offset)
{
    size_t put = 0;
    while (put < len)
    {
        ssize_t n = pwrite(f->fd, (const char *)buf + put, len - put, (off_t)(offset + put));
        if (n < 0) { if (errno == EINTR) continue; return from_errno(errno); }
        put += (size_t)n;
    }
    return 0;
}

int core_file_size(core_file *f, uint64_t *size)
{
    struct stat st;
    if (fstat(f->fd, &st)) return from_errno(errno);
    *size = (uint64_t)st.st_size;
    return 0;
}

int core_file_set_size(core_file *f, uint64_t size)
{
    return ftruncate(f->fd, (off_t)size) ? from_errno(errno) : 0;
}

int core_file_sync(core_file *f)
{
    int failed = 0;
    if (f->behind > 0)
    {
        pthread_mutex_lock(&f->mutex);
        failed = f->failed;
        f->failed = 0;
        pthread_mutex_unlock(&f->mutex);
    }
    if (fsync(f->fd)) return from_errno(errno);
    /* Linux reports a writeback error to one fsync of the open file: if the helper's
     * got it, this one must still answer it */
    return failed ? from_errno(failed) : 0;
}

static void *behind_thread(void *arg)
{
    core_file *f = arg;
    pthread_mutex_lock(&f->mutex);
    for (;;)
    {
        while (!f->pending && !f->quit) pthread_cond_wait(&f->wake, &f->mutex);
        if (f->quit) break;
        f->pending = 0;
        pthread_mutex_unlock(&f->mutex);
        int e = fsync(f->fd) ? errno : 0;
        pthread_mutex_lock(&f->mutex);
        if (e && !f->failed) f->failed = e;
    }
    pthread_mutex_unlock(&f->mutex);
    return NULL;
}

void core_file_sync_behind(core_file *f)
{
    if (!f->behind)
    {
        sigset_t all, old;
        f->behind = -1;                  /* not again if this fails: it is only a head start */
        if (pthread_mutex_init(&f->mutex, NULL)) return;
        if (pthread_cond_init(&f->wake, NULL)) { pthread_mutex_destroy(&f->mutex); return; }
        /* no signal may land on this thread: in a Wine process (tools/sgio-preload) Wine's
         * handlers expect a thread of its own */
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        if (!pthread_create(&f->thread, NULL, behind_thread, f)) f->behind = 1;
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (f->behind < 0) { pthread_cond_destroy(&f->wake); pthread_mutex_destroy(&f->mutex); return; }
    }
    if (f->behind < 0) return;
    pthread_mutex_lock(&f->mutex);
    f->pending = 1;
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->mutex);
}

static void stop_behind(core_file *f)
{
    if (f->behind <= 0) return;
    pthread_mutex_lock(&f->mutex);
    f->quit = 1;
    pthread_cond_signal(&f->wake);
    pthread_mutex_unlock(&f->mutex);
    pthread_join(f->thread, NULL);
    pthread_cond_destroy(&f->wake);
    pthread_mutex_destroy(&f->mutex);
    f->behind = 0;
}

/* Prefer open-file-description locks: they belong to the open, so two opens in one
 * process exclude each other, and closing an unrelated descriptor cannot drop them. */
static int set_lock(core_file *f, short type, uint64_t offset, uint64_t len, int wait)
{
    struct flock fl;
    memset(&fl, 0, sizeof(fl));
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = (off_t)offset;
    fl.l_len = (off_t)len;
    for (;;)
    {
        int r;
#ifdef F_OFD_SETLK
        r = fcntl(f->fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
        if (r && errno == EINVAL)
#endif
            r = fcntl(f->fd, wait ? F_SETLKW : F_SETLK, &fl);
        if (!r) return 0;
        if (errno == EINTR) continue;
        /* a conflicting lock shows as EAGAIN or EACCES depending on the system */
        if (errno == EAGAIN || errno == EACCES) return CORE_FILE_EBUSY;
        return from_errno(errno);
    }
}

int core_file_lock(core_file *f, uint64_t offset, uint64_t len, unsigned mode, unsigned timeout_ms)
{
    short type = mode == CORE_LOCK_EXCLUSIVE ? F_WRLCK : F_RDLCK;
    uint64_t deadline;
    unsigned pause = 1;
    int hr;

    if (timeout_ms == CORE_LOCK_FOREVER) return set_lock(f, type, offset, len, 1);
    deadline = core_time_ms() + timeout_ms;
    for (;;)
    {
        hr = set_lock(f, type, offset, len, 0);
        if (hr != CORE_FILE_EBUSY) return hr;
        if (core_time_ms() >= deadline) return CORE_FILE_EBUSY;
        core_sleep_ms(pause);
        if (pause < 20) pause *= 2;
    }
}

int core_file_unlock(core_file *f, uint64_t offset, uint64_t len)
{
    return set_lock(f, F_UNLCK, offset, len, 0);
}

int core_file_lock_held_elsewhere(core_file *f, uint64_t offset, uint64_t len)
{
    struct flock fl;
    memset(&fl, 0, sizeof(fl));
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = (off_t)offset;
    fl.l_len = (off_t)len;
#ifdef F_OFD_GETLK
    if (!fcntl(f->fd, F_OFD_GETLK, &fl)) return fl.l_type != F_UNLCK;
#endif
    return -1;
}

int core_file_read_all(const char *path, char **data, size_t *len)
{
    core_file *f = NULL;
    uint64_t size;
    size_t done;
    char *buf;
    int hr;

    if ((hr = core_file_open(path, CORE_FILE_READ, &f))) return hr;
    if ((hr = core_file_size(f, &size))) { core_file_close(f); return hr; }
    if (size > (64u << 20)) { core_file_close(f); return CORE_FILE_EINVAL; }
    if (!(buf = malloc((size_t)size + 1))) { core_file_close(f); return CORE_FILE_ENOMEM; }
    hr = core_file_pread(f, buf, (size_t)size, 0, &done);
    core_file_close(f);
    if (hr) { free(buf); return hr; }
    buf[done] = 0;
    *data = buf;
    if (len) *len = done;
    return 0;
}

static void sync_parent_dir(const char *path)
{
    char *dir = strdup(path), *slash;
    int fd;
    if (!dir) return;
    slash = strrchr(dir, '/');
    if (slash) { if (slash == dir) slash[1] = 0; else *slash = 0; }
    else strcpy(dir, ".");
    fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) { fsync(fd); close(fd); }
    free(dir);
}

int core_file_replace(const char *path, const void *data, size_t len, int durable)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    core_file *f = NULL;
    int hr;

    if (!tmp) return CORE_FILE_ENOMEM;
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    if ((hr = core_file_open(tmp, CORE_FILE_WRITE | CORE_FILE_CREATE | CORE_FILE_TRUNCATE, &f)))
    { free(tmp); return hr; }
    hr = core_file_pwrite(f, data, len, 0);
    if (!hr && durable) hr = core_file_sync(f);
    core_file_close(f);
    if (!hr && rename(tmp, path)) hr = from_errno(errno);
    if (hr) unlink(tmp);
    else if (durable) sync_parent_dir(path);
    free(tmp);
    return hr;
}

int core_file_remove(const char *path)
{
    return unlink(path) ? from_errno(errno) : 0;
}

int core_file_mkdir(const char *path)
{
    struct stat st;
    if (!mkdir(path, 0777)) return 0;
    if (errno == EEXIST && !stat(path, &st) && S_ISDIR(st.st_mode)) return 0;
    return from_errno(errno);
}

int core_file_exists(const char *path)
{
    struct stat st;
    return !stat(path, &st);
}

uint64_t core_time_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void core_sleep_ms(unsigned ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000u;
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    while (nanosleep(&ts, &ts) && errno == EINTR) {}
}
#endif
