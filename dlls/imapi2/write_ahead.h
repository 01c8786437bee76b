/* The drive thread behind the core's read-ahead (core/mmc/mmc_writer.h, mmc_write_ahead):
 * the caller's thread reads the data stream into a ring of large buffers and fires the
 * events; this thread only sends the WRITE commands, in order. See README "Write: the
 * stream is read ahead of the drive". */
#ifndef WRITE_AHEAD_H
#define WRITE_AHEAD_H

#include "imapi2_private.h"
#include "mmc/mmc_writer.h"

/* Buffers of the ring, the most the ring holds in all, and how much one buffer reads
 * at once (a whole number of WRITEs: 16 of a drive that takes 64 KiB per command). */
#define WRITE_AHEAD_BUFFERS 8
#define WRITE_AHEAD_TOTAL   (8 * 1024 * 1024)
#define WRITE_AHEAD_READ    (1024 * 1024)

struct write_ahead
{
    mmc_write_ahead ahead;            /* what the core gets */
    HANDLE thread;
    /* An SRW lock and condition variables, not semaphores: under Wine they wait on
     * futexes, where every semaphore call is a wineserver round trip (4 per WRITE). */
    SRWLOCK lock;
    CONDITION_VARIABLE queued, finished;
    struct { void (*fn)(void *); void *arg; } queue[MMC_WRITE_AHEAD_MAX];
    unsigned head, tail, waited;      /* queued, run, waited for */
    BOOL quit;
    void *memory;
};

/* The ring for WRITEs of `write` bytes (a multiple of the block size) and the thread.
 * Returns S_OK, or E_OUTOFMEMORY / the thread's failure; nothing to free then. */
HRESULT write_ahead_start(struct write_ahead *w, ULONG write);
/* Every queued task has been waited for (the core drains its queue before returning). */
void write_ahead_stop(struct write_ahead *w);

#endif
