/* ring_copy SRC DST: the burn's data path without Wine, COM or MMC, as a yardstick for
 * bench/burn.sh. One thread read()s SRC into a ring of 8 buffers of 1 MiB (as
 * IDiscFormat2Data::Write reads its IStream, dlls/imapi2/write_ahead.c), another writes
 * each buffer to DST with the core's core_file_pwrite and, every 32 MiB, asks for
 * core_file_sync_behind (as the emulated drive writes its disc image, vdrive_store.c
 * SYNC_BEHIND_BYTES), then DST is synced (as the drive's SYNCHRONIZE CACHE and orderly
 * close do). Every byte is copied twice through user memory, where cp copies once
 * inside the kernel: this is the fastest any writer fed by IStream::Read can be on the
 * machine. Built with core/io/core_file_posix.c (bench/burn.sh). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/core_file.h"

#define SLOTS 8
#define CHUNK (1024 * 1024)
#define SYNC_BEHIND_BYTES (32ull << 20)

static char *slot[SLOTS];
static ssize_t filled[SLOTS];
static unsigned read_count, written_count;   /* slots filled, slots written */
static int reading_done, failed;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static core_file *out;

static void *writer(void *arg)
{
    uint64_t at = 0, since_sync = 0;
    (void)arg;
    for (;;)
    {
        unsigned s;
        pthread_mutex_lock(&lock);
        while (written_count == read_count && !reading_done) pthread_cond_wait(&changed, &lock);
        if (written_count == read_count) { pthread_mutex_unlock(&lock); return NULL; }
        s = written_count % SLOTS;
        pthread_mutex_unlock(&lock);
        if (core_file_pwrite(out, slot[s], (size_t)filled[s], at)) failed = 1;
        at += (uint64_t)filled[s];
        if ((since_sync += (uint64_t)filled[s]) >= SYNC_BEHIND_BYTES)
        {
            core_file_sync_behind(out);
            since_sync = 0;
        }
        pthread_mutex_lock(&lock);
        written_count++;
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&lock);
    }
}

int main(int argc, char **argv)
{
    pthread_t thread;
    int in, i;

    if (argc != 3) { fprintf(stderr, "usage: ring_copy SRC DST\n"); return 2; }
    if ((in = open(argv[1], O_RDONLY)) < 0)
    {
        fprintf(stderr, "ring_copy: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    if (core_file_open(argv[2], CORE_FILE_WRITE | CORE_FILE_CREATE | CORE_FILE_TRUNCATE, &out))
    {
        fprintf(stderr, "ring_copy: cannot create %s\n", argv[2]);
        return 1;
    }
    for (i = 0; i < SLOTS; i++)
        if (!(slot[i] = malloc(CHUNK))) return 1;
    if (pthread_create(&thread, NULL, writer, NULL)) return 1;
    for (;;)
    {
        unsigned s;
        ssize_t n;
        pthread_mutex_lock(&lock);
        while (read_count - written_count == SLOTS) pthread_cond_wait(&changed, &lock);
        s = read_count % SLOTS;
        pthread_mutex_unlock(&lock);
        if ((n = read(in, slot[s], CHUNK)) <= 0) { if (n < 0) failed = 1; break; }
        filled[s] = n;
        pthread_mutex_lock(&lock);
        read_count++;
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    reading_done = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    if (core_file_sync(out) || failed) { fprintf(stderr, "ring_copy: write failed\n"); return 1; }
    core_file_close(out);
    return 0;
}
