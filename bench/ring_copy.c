/* ring_copy SRC DST: the burn's data path without Wine, COM or MMC, as a yardstick for
 * bench/burn.sh. One thread read()s SRC into a ring of 8 buffers of 1 MiB (as
 * IDiscFormat2Data::Write reads its IStream, dlls/imapi2/write_ahead.c), another
 * pwrite()s each buffer to DST (as the emulated drive writes its disc image), then DST
 * is fsync()ed (as the drive's SYNCHRONIZE CACHE and orderly close do). Every byte is
 * copied twice through user memory, where cp copies once inside the kernel: this is
 * the fastest any writer fed by IStream::Read can be on the machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 8
#define CHUNK (1024 * 1024)

static char *slot[SLOTS];
static ssize_t filled[SLOTS];
static unsigned read_count, written_count;   /* slots filled, slots written */
static int reading_done, failed;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int out;

static void *writer(void *arg)
{
    off_t at = 0;
    (void)arg;
    for (;;)
    {
        unsigned s;
        pthread_mutex_lock(&lock);
        while (written_count == read_count && !reading_done) pthread_cond_wait(&changed, &lock);
        if (written_count == read_count) { pthread_mutex_unlock(&lock); return NULL; }
        s = written_count % SLOTS;
        pthread_mutex_unlock(&lock);
        if (pwrite(out, slot[s], (size_t)filled[s], at) != filled[s]) failed = 1;
        at += filled[s];
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
    if ((in = open(argv[1], O_RDONLY)) < 0 || (out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
    {
        fprintf(stderr, "ring_copy: %s\n", strerror(errno));
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
    if (fsync(out) || close(out) || failed) { fprintf(stderr, "ring_copy: write failed\n"); return 1; }
    return 0;
}
