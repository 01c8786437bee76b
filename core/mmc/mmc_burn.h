/* The data burn recipe behind IDiscFormat2Data::Write: validate the medium, format it
 * when it must be, set the speed and the write parameters, calibrate, write the stream
 * (a new session on sequential media, from block 0 or only given ranges on overwrite
 * media), then synchronize, close the track and session (or finalize), and verify.
 * One strategy per write class: sequential CD (TAO, post-gap), sequential DVD-R
 * (incremental), DVD+R / DVD+R DL (with the consumer-compatibility closing), BD-R SRM,
 * and overwrite media (DVD+RW, DVD-RW restricted overwrite, DVD-RAM, BD-RE).
 * The write loop itself is mmc_writer.c. */
#ifndef IMAPI_MMC_BURN_H
#define IMAPI_MMC_BURN_H

#include <stdint.h>
#include "mmc_device.h"
#include "mmc_media.h"
#include "mmc_writer.h"
#include "io/core_io.h"

/* IMAPI_FORMAT2_DATA_WRITE_ACTION */
enum mmc_burn_action
{
    MMC_BURN_VALIDATING = 0,
    MMC_BURN_FORMATTING = 1,
    MMC_BURN_INITIALIZING = 2,
    MMC_BURN_CALIBRATING = 3,
    MMC_BURN_WRITING = 4,
    MMC_BURN_FINALIZING = 5,
    MMC_BURN_COMPLETED = 6,
    MMC_BURN_VERIFYING = 7
};

/* IMAPI_BURN_VERIFICATION_LEVEL */
enum mmc_verify_level { MMC_VERIFY_NONE = 0, MMC_VERIFY_QUICK = 1, MMC_VERIFY_FULL = 2 };

typedef struct mmc_block_range { int32_t start, end; } mmc_block_range;   /* inclusive */

typedef struct mmc_burn_options
{
    int force_close;             /* ForceMediaToBeClosed */
    int disable_dvd_compat;      /* DisableConsumerDvdCompatibilityMode */
    int force_overwrite;         /* ForceOverwrite */
    int bufe_disabled;           /* BufferUnderrunFreeDisabled */
    int postgap_in_image;        /* PostgapAlreadyInImage */
    int32_t speed;               /* sectors per second; -1 = fastest */
    int pure_cav;                /* RotationTypeIsPureCAV requested */
    enum mmc_verify_level verify;
    /* Overwrite media only: write just these ranges of the stream, in this order
     * (IBlockRangeList); NULL = the whole stream from block 0. */
    const mmc_block_range *ranges;
    size_t range_count;
} mmc_burn_options;

/* What IDiscFormat2DataEventArgs reports (and IWriteEngine2EventArgs below it). */
typedef struct mmc_burn_progress
{
    enum mmc_burn_action action;
    int32_t start_lba;           /* first block of this write */
    uint32_t sector_count;       /* blocks of this write */
    int32_t last_read_lba;       /* last block read from the stream */
    int32_t last_written_lba;    /* last block the drive accepted */
    uint32_t buffer_total;       /* bytes of our staging buffers */
    uint32_t buffer_used;
    uint32_t elapsed_s;          /* since Write started */
    uint32_t remaining_s;        /* estimate */
    uint32_t total_s;            /* estimate: elapsed + remaining */
} mmc_burn_progress;

typedef struct mmc_burn_job
{
    mmc_device *dev;
    core_stream *source;         /* positioned at its first byte */
    uint64_t source_offset;      /* that byte's absolute offset: where ranges seek from */
    uint64_t source_bytes;       /* a multiple of 2048 (the COM layer checks) */
    mmc_burn_options opt;
    /* Called at every action change and every interval_ms while writing (0.5 s for
     * IMAPI); non-zero cancels: the burn stops as soon as the drive allows, closes what
     * it must so the disc stays readable up to its last closed session, and returns
     * E_IMAPI_REQUEST_CANCELLED. */
    int (*progress)(void *ctx, const mmc_burn_progress *p);
    void *ctx;
    unsigned interval_ms;
    uint64_t (*now_ms)(void *ctx);
    void (*sleep_ms)(void *ctx, unsigned ms);
    /* The write itself (mmc_writer.c's job): a staging buffer the caller owns. With
     * `ahead` (optional) the WRITEs go through its buffers, each buffer_size bytes, and
     * `buffer` may be one of them: it is only used while no WRITE is in flight. */
    void *buffer;
    uint32_t buffer_size;
    const mmc_write_ahead *ahead;
} mmc_burn_job;

/* How the source is read (the read-ahead seam). The burn reads the source strictly
 * forward, in chunks of at most buffer_size bytes, and never reads it twice:
 * verification compares the drive's read-back with a hash and a few sampled blocks
 * taken as the bytes went out. Overwrite media with ranges seek to source_offset +
 * start * 2048 before each range (a stream that cannot seek is read forward instead,
 * which serves increasing ranges). With `ahead` (mmc_writer.h) the source is read on
 * the calling thread into ahead's buffers while the WRITEs run on the host's drive
 * thread, so a slow source does not leave a real drive waiting; the recipe's other
 * commands, the progress callback and the source stay on the calling thread, and no
 * WRITE is in flight when any other command is sent. The core keeps no threads. *
 * The recipe, per write class:
 *  VALIDATING   mmc_media_query, then the refusals below; nothing is sent that writes.
 *  FORMATTING   overwrite media the drive reports unformatted (blank DVD+RW, BD-RE):
 *               FORMAT UNIT with the drive's descriptor (DVD+RW 26h, DVD-RW RO 15h,
 *               BD-RE/DVD-RAM 00h with default spares), not immediate.
 *  INITIALIZING mmc_burn_set_speed (its failure is not fatal); page 05h on CD (TAO,
 *               track mode 4, block type 8) and DVD-R/-RW sequential (incremental,
 *               track mode 5, block type 8): BUFE = !bufe_disabled, multi-session 11b
 *               unless the disc is closed (00b).
 *  CALIBRATING  SEND OPC INFORMATION (DoOpc); refused OPC is not fatal.
 *  WRITING      WRITE(10) through mmc_writer from the NWA (sequential), from 0 or the
 *               ranges in order (overwrite); on CD then the 150-block zero post-gap
 *               unless postgap_in_image. Reported at every writer report (start, every
 *               interval_ms, end of each range / the post-gap).
 *  FINALIZING   SYNCHRONIZE CACHE; sequential: CLOSE TRACK (function 1, the invisible
 *               track's number), then the session: function 2 (CD/DVD-R: page 05h
 *               decides; DVD+R/BD-R: session only) or, when mmc_burn_closes_disc says
 *               so, DVD+R(DL) 5 (finalize, minimal radius: the compatible closing) or 6
 *               (normal, with disable_dvd_compat), BD-R 6. DVD+RW formatted by this
 *               burn: CLOSE SESSION to end background formatting. Not cancellable.
 *  VERIFYING    only when verify != NONE. QUICK: READ DISC INFORMATION answers and the
 *               disc is not blank, READ TRACK INFORMATION of the first written block
 *               shows a track holding the whole write (sequential), and the sampled
 *               blocks (stream blocks 0, 16, 256, middle, last) read back equal.
 *               FULL: QUICK, then every written block read back and hashed (FNV-1a
 *               64) equal to the hash of what was sent. Any difference or unreadable
 *               block: E_IMAPI_BURN_VERIFICATION_FAILED.
 *  COMPLETED
 * Progress times: elapsed_s since the call; remaining_s from the write rate so far (or
 * the chosen speed before writing), 0 from FINALIZING on; total_s = elapsed + remaining.
 * Cancel (progress returns nonzero): before WRITING nothing more is sent (a format
 * already done stays); during WRITING the writer stops, the cache is flushed and on
 * sequential media the track and the session are closed with multi-session 11b, so the
 * blocks written so far form a closed, readable session and the disc stays appendable
 * (an open session would leave NON_EMPTY_SESSION media IMAPI refuses); during VERIFYING
 * the check stops (the disc is complete). A failed WRITE is cleaned up the same way.
 *
 * Runs the whole recipe. Returns S_OK, an S_IMAPI_*ADJUSTED success code when the
 * speed or rotation asked for could not be had, or the documented error:
 * E_IMAPI_RECORDER_MEDIA_NO_MEDIA, E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED (ROM,
 * closed or unsupported media), E_IMAPI_DF2DATA_MEDIA_NOT_BLANK (used overwrite media
 * without force_overwrite), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED,
 * E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA, E_IMAPI_DF2DATA_INVALID_MEDIA_STATE,
 * E_IMAPI_REQUEST_CANCELLED, E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE,
 * E_IMAPI_BURN_VERIFICATION_FAILED, E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED (empty or not a
 * multiple of 2048), MMC_HR_INVALIDARG (bad job or ranges), or the mapped
 * error of a failed command; the source's own error when reading it failed.
 * Nothing is written before validation passed. */
int32_t mmc_burn_data(const mmc_burn_job *job);

/* The closing decision for sequential media, exposed for tests and for the COM layer's
 * documentation: 1 when the disc is finalized after this session (ForceMediaToBeClosed,
 * the DVD+R compatibility table, or at most 2 % of the medium left free afterwards). */
int mmc_burn_closes_disc(const mmc_media_facts *f, const mmc_burn_options *o, uint32_t blocks_written);

/* Write speeds: the drive's descriptors for the current medium (GET PERFORMANCE 03h),
 * and SET CD SPEED (CD) or SET STREAMING (others, and CD drives refusing SET CD SPEED)
 * to the one nearest to `speed` (-1 fastest; a tie goes to the slower), among the
 * descriptors of the asked rotation (all of them when none has it: rotation adjusted).
 * A drive listing no speeds: S_OK, *current 0, nothing sent.
 * *adjusted gets S_IMAPI_SPEEDADJUSTED / S_IMAPI_ROTATIONADJUSTED / S_IMAPI_BOTHADJUSTED
 * or S_OK; *current the speed the drive now uses (sectors/s) and *cav its rotation. */
/* A write speed descriptor's kB/s as IMAPI's sectors per second for the medium of the
 * profile (CD 75, DVD 680, BD 2195 per 1x; drive-rounded "n x" values snap to n x). */
uint32_t mmc_burn_kbps_to_sectors(uint16_t profile, uint32_t kbps);

int32_t mmc_burn_set_speed(mmc_device *d, const mmc_media_facts *f, int32_t speed, int pure_cav,
                           int32_t *adjusted, uint32_t *current, int *cav);

#endif
