/* The write loop under IWriteEngine2::WriteSection (and later the format objects):
 * read sectors from a source stream, send them with WRITE(10) in transfers no larger
 * than the device accepts, wait out a drive whose buffer is full, report progress
 * and honour cancellation. Only the WRITE step: mode pages, OPC, closing tracks are
 * the caller's job, as IWriteEngine2 documents. */
#ifndef IMAPI_MMC_WRITER_H
#define IMAPI_MMC_WRITER_H

#include <stdint.h>
#include "mmc_transport.h"
#include "io/core_io.h"

typedef struct mmc_write_progress
{
    int32_t start_lba;          /* first LBA of the section (may be negative) */
    uint32_t sector_count;      /* sectors in the section */
    int32_t last_read_lba;      /* last LBA read from the source, start_lba - 1 before any */
    int32_t last_written_lba;   /* last LBA the device accepted, start_lba - 1 before any */
    uint32_t buffer_total;      /* bytes of our staging buffer */
    uint32_t buffer_used;       /* bytes read but not yet written */
} mmc_write_progress;

/* Read-ahead (optional): the source is read into `count` buffers of buffer_size bytes in
 * turn while the WRITEs of the ones read before run on a thread of the host's. The core
 * keeps no threads: the host runs every started write, in the order started, on one
 * thread of its own (the drive thread), and says when each ended. Everything else -
 * reading the source, progress, cancellation - stays on the calling thread, so a COM
 * stream and event sinks are only ever called from the caller's apartment. A write that
 * fails makes the ones queued after it do nothing (a drive must not get later blocks
 * past a failed one). */
#define MMC_WRITE_AHEAD_MAX 16
typedef struct mmc_write_ahead
{
    void *buffers[MMC_WRITE_AHEAD_MAX];
    unsigned count;                               /* 2..MMC_WRITE_AHEAD_MAX */
    /* Bytes of each buffer: a multiple of block_size, at least the job's buffer_size
     * (one WRITE); 0 = the job's buffer_size. A buffer is read at once and sent in as
     * many WRITEs as it takes, so a drive taking 64 KiB per command still gets large
     * reads ahead of it. */
    uint32_t buffer_size;
    /* Queue fn(arg) to run on the drive thread after everything queued before it. At
     * most `count` are queued at a time, so the host's queue of `count` never fills. */
    void (*start)(void *ctx, void (*fn)(void *arg), void *arg);
    /* Wait until the oldest queued fn that was not waited for yet has returned. */
    void (*wait)(void *ctx);
    void *ctx;
} mmc_write_ahead;

typedef struct mmc_write_job
{
    mmc_transport *transport;
    core_stream *source;        /* positioned at the first byte to write */
    int32_t start_lba;
    uint32_t blocks;
    uint32_t block_size;        /* bytes per sector as sent (2048, 2352, 2448, ...) */
    void *buffer;               /* staging buffer, aligned as the device requires */
    uint32_t buffer_size;       /* its size: at least one block; at most the transfer limit */
    unsigned timeout_s;         /* per WRITE; 0 = the builder's default */
    /* Called before the first write, then whenever interval_ms passed, then at the end;
     * a non-zero return cancels the write. May be NULL. */
    int (*progress)(void *ctx, const mmc_write_progress *p);
    void *ctx;
    unsigned interval_ms;
    uint64_t (*now_ms)(void *ctx);            /* clock for the interval; may be NULL */
    void (*sleep_ms)(void *ctx, unsigned ms); /* waits while the drive's buffer is full; with
                                               * `ahead` it is called on the drive thread */
    /* NULL: read a chunk into `buffer`, write it, read the next. Else the read-ahead above
     * (buffer is then unused; buffer_size is the size of each of ahead's buffers);
     * buffer_total/buffer_used in the progress count all of ahead's buffers. */
    const mmc_write_ahead *ahead;
    /* Optional: where the writer leaves its last progress when it returns, failed or
     * not (a failed run reports nothing more, but its caller must know what went out). */
    mmc_write_progress *final;
} mmc_write_job;

/* Returns 0 (S_OK); E_IMAPI_REQUEST_CANCELLED when progress asked to stop; the mapped
 * HRESULT of a failed WRITE (mmc_sense.c); the source's own error (negative value)
 * when reading failed; MMC_HR_FAIL when the source ended before `blocks` sectors;
 * MMC_HR_INVALIDARG for an unusable job. */
int32_t mmc_write_blocks(const mmc_write_job *job);

/* Bytes of our staging buffers in all: ahead's ring, or the one buffer of
 * `buffer_size` bytes when ahead is NULL (progress: buffer_total). */
uint32_t mmc_write_staging_bytes(const mmc_write_ahead *ahead, uint32_t buffer_size);

#define MMC_HR_FAIL ((int32_t)0x80004005) /* E_FAIL */

#endif
