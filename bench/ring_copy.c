/* ring_copy SRC DST: the burn's data path without COM or MMC, as a yardstick for
 * bench/burn.sh. One thread reads SRC into a ring of 8 buffers of 1 MiB (as
 * IDiscFormat2Data::Write reads its IStream, dlls/imapi2/write_ahead.c), another writes
 * each buffer to DST with the core's core_file_pwrite and, every 32 MiB, asks for
 * core_file_sync_behind (as the emulated drive writes its disc image, vdrive_store.c
 * SYNC_BEHIND_BYTES), then DST is synced (as the drive's SYNCHRONIZE CACHE and orderly
 * close do). Every byte is copied twice through user memory, where cp copies once
 * inside the kernel.
 *
 * Built twice by bench/burn.sh: natively with core/io/core_file_posix.c ("ring": the
 * fastest any writer fed by IStream::Read can be on the machine) and with mingw-w64 and
 * core/io/core_file_win32.c, run under Wine ("ring-wine": the same copy as a Win32
 * program, so what Wine itself costs is told apart from what our DLLs cost). */
#ifdef _WIN32
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#else
#define _GNU_SOURCE
#include <pthread.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include "io/core_file.h"

#define SLOTS 8
#define CHUNK (1024 * 1024)
#define SYNC_BEHIND_BYTES (32ull << 20)

static char *slot[SLOTS];
static size_t filled[SLOTS];
static unsigned read_count, written_count;   /* slots filled, slots written */
static int reading_done, failed;
static core_file *out;

/* one lock and one condition for both threads */
#ifdef _WIN32
static SRWLOCK lock = SRWLOCK_INIT;
static CONDITION_VARIABLE changed = CONDITION_VARIABLE_INIT;
static void ring_lock(void) { AcquireSRWLockExclusive(&lock); }
static void ring_unlock(void) { ReleaseSRWLockExclusive(&lock); }
static void ring_wait(void) { SleepConditionVariableSRW(&changed, &lock, INFINITE, 0); }
static void ring_signal(void) { WakeAllConditionVariable(&changed); }
#else
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static void ring_lock(void) { pthread_mutex_lock(&lock); }
static void ring_unlock(void) { pthread_mutex_unlock(&lock); }
static void ring_wait(void) { pthread_cond_wait(&changed, &lock); }
static void ring_signal(void) { pthread_cond_broadcast(&changed); }
#endif

static void write_all(void)
{
    uint64_t at = 0, since_sync = 0;
    for (;;)
    {
        unsigned s;
        ring_lock();
        while (written_count == read_count && !reading_done) ring_wait();
        if (written_count == read_count) { ring_unlock(); return; }
        s = written_count % SLOTS;
        ring_unlock();
        if (core_file_pwrite(out, slot[s], filled[s], at)) failed = 1;
        at += filled[s];
        if ((since_sync += filled[s]) >= SYNC_BEHIND_BYTES)
        {
            core_file_sync_behind(out);
            since_sync = 0;
        }
        ring_lock();
        written_count++;
        ring_signal();
        ring_unlock();
    }
}

#ifdef _WIN32
static DWORD WINAPI writer(void *arg) { (void)arg; write_all(); return 0; }
#else
static void *writer(void *arg) { (void)arg; write_all(); return NULL; }
#endif

int main(int argc, char **argv)
{
    core_file *in;
    uint64_t at = 0;
    int i;
#ifdef _WIN32
    HANDLE thread;
#else
    pthread_t thread;
#endif

    if (argc != 3) { fprintf(stderr, "usage: ring_copy SRC DST\n"); return 2; }
    if (core_file_open(argv[1], CORE_FILE_READ, &in))
    {
        fprintf(stderr, "ring_copy: cannot open %s\n", argv[1]);
        return 1;
    }
    if (core_file_open(argv[2], CORE_FILE_WRITE | CORE_FILE_CREATE | CORE_FILE_TRUNCATE, &out))
    {
        fprintf(stderr, "ring_copy: cannot create %s\n", argv[2]);
        return 1;
    }
    for (i = 0; i < SLOTS; i++)
        if (!(slot[i] = malloc(CHUNK))) return 1;
#ifdef _WIN32
    if (!(thread = CreateThread(NULL, 0, writer, NULL, 0, NULL))) return 1;
#else
    if (pthread_create(&thread, NULL, writer, NULL)) return 1;
#endif
    for (;;)
    {
        unsigned s;
        size_t n;
        ring_lock();
        while (read_count - written_count == SLOTS) ring_wait();
        s = read_count % SLOTS;
        ring_unlock();
        if (core_file_pread(in, slot[s], CHUNK, at, &n)) { failed = 1; break; }
        if (!n) break;
        at += n;
        filled[s] = n;
        ring_lock();
        read_count++;
        ring_signal();
        ring_unlock();
    }
    ring_lock();
    reading_done = 1;
    ring_signal();
    ring_unlock();
#ifdef _WIN32
    WaitForSingleObject(thread, INFINITE);
#else
    pthread_join(thread, NULL);
#endif
    if (core_file_sync(out) || failed) { fprintf(stderr, "ring_copy: write failed\n"); return 1; }
    core_file_close(out);
    core_file_close(in);
    return 0;
}
