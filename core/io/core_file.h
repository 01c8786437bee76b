/* The file and lock seam of the portable core: the only place where core code reaches
 * the operating system's files. One POSIX implementation (core_file_posix.c) and one
 * Win32 implementation (core_file_win32.c); paths are UTF-8 on both.
 * All functions return 0 on success or a negative CORE_FILE_E* code. */
#ifndef IMAPI_CORE_FILE_H
#define IMAPI_CORE_FILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct core_file core_file;

/* Error codes (negative, errno-like numbers so they read naturally in logs). */
#define CORE_FILE_ENOENT  (-2)
#define CORE_FILE_EIO     (-5)
#define CORE_FILE_ENOMEM  (-12)
#define CORE_FILE_EACCES  (-13)
#define CORE_FILE_EBUSY   (-16)   /* lock not obtained within the timeout */
#define CORE_FILE_EEXIST  (-17)
#define CORE_FILE_EINVAL  (-22)

/* Open flags */
#define CORE_FILE_READ     0x1u
#define CORE_FILE_WRITE    0x2u
#define CORE_FILE_CREATE   0x4u   /* create if missing */
#define CORE_FILE_TRUNCATE 0x8u
#define CORE_FILE_EXCL     0x10u  /* with CREATE: fail if it exists */

int core_file_open(const char *path, unsigned flags, core_file **out);
void core_file_close(core_file *f);

/* Positional I/O at 64-bit offsets; pread reports a short count at end of file. */
int core_file_pread(core_file *f, void *buf, size_t len, uint64_t offset, size_t *done);
int core_file_pwrite(core_file *f, const void *buf, size_t len, uint64_t offset);
int core_file_size(core_file *f, uint64_t *size);
/* Grow or shrink; growing leaves a hole (sparse) where the platform allows. */
int core_file_set_size(core_file *f, uint64_t size);
int core_file_sync(core_file *f);
/* Write-behind: start writing the file's data to the disk in the background while the
 * caller goes on writing (a helper thread per file, started by the first call; calls made
 * while a sync runs fold into one more). A writer that asks for this every few tens of
 * MiB keeps the disk busy from the start instead of leaving gigabytes for its final sync
 * (the emulated drive writes its medium as a drive does: SYNCHRONIZE CACHE then finds
 * little left). An error of a background sync is kept and answered by the next
 * core_file_sync. core_file_close waits for a running sync and ends the thread; a process
 * must not fork while the thread runs (the child has no thread to end). */
void core_file_sync_behind(core_file *f);

/* Byte-range locks. Locks conflict between different opens of the same file even in
 * one process (Linux OFD locks; Win32 handle locks) and with other processes' locks
 * (including Wine's LockFileEx, which Wine maps to fcntl locks). */
#define CORE_LOCK_SHARED    0u
#define CORE_LOCK_EXCLUSIVE 1u
#define CORE_LOCK_TRY       0u            /* timeout_ms value: do not wait */
#define CORE_LOCK_FOREVER   0xFFFFFFFFu   /* timeout_ms value: wait without limit */
int core_file_lock(core_file *f, uint64_t offset, uint64_t len, unsigned mode, unsigned timeout_ms);
int core_file_unlock(core_file *f, uint64_t offset, uint64_t len);
/* 1 if some other open holds a lock overlapping the range, 0 if none, negative if the
 * platform cannot tell (callers then assume "yes"). */
int core_file_lock_held_elsewhere(core_file *f, uint64_t offset, uint64_t len);

/* Whole-file helpers for small files (metadata, configuration). */
int core_file_read_all(const char *path, char **data, size_t *len); /* NUL-terminated, free() */
/* Atomic replace: write a temporary beside path, optionally sync it, rename over path.
 * A reader sees the old or the new content, never a mix. */
int core_file_replace(const char *path, const void *data, size_t len, int durable);
int core_file_remove(const char *path);
int core_file_mkdir(const char *path);     /* 0 also when it already exists */
int core_file_exists(const char *path);    /* 1 yes, 0 no */

/* Monotonic milliseconds and a sleep, for lock polling and the drive's buffer model. */
uint64_t core_time_ms(void);
void core_sleep_ms(unsigned ms);

#endif
