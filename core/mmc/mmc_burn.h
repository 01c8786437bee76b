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
    /* The write itself (mmc_writer.c's job): a staging buffer the caller owns. */
    void *buffer;
    uint32_t buffer_size;
} mmc_burn_job;

/* Runs the whole recipe. Returns S_OK, an S_IMAPI_*ADJUSTED success code when the
 * speed or rotation asked for could not be had, or the documented error:
 * E_IMAPI_RECORDER_MEDIA_NO_MEDIA, E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED (ROM,
 * closed or unsupported media), E_IMAPI_DF2DATA_MEDIA_NOT_BLANK (used overwrite media
 * without force_overwrite), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED,
 * E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA, E_IMAPI_DF2DATA_INVALID_MEDIA_STATE,
 * E_IMAPI_REQUEST_CANCELLED, E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE, or the mapped
 * error of a failed command; the source's own error when reading it failed.
 * Nothing is written before validation passed. */
int32_t mmc_burn_data(const mmc_burn_job *job);

/* The closing decision for sequential media, exposed for tests and for the COM layer's
 * documentation: 1 when the disc is finalized after this session (ForceMediaToBeClosed,
 * the DVD+R compatibility table, or at most 2 % of the medium left free afterwards). */
int mmc_burn_closes_disc(const mmc_media_facts *f, const mmc_burn_options *o, uint32_t blocks_written);

/* Write speeds: the drive's descriptors for the current medium (GET PERFORMANCE 03h),
 * and SET STREAMING / SET CD SPEED to the one nearest to `speed` (-1 fastest).
 * *adjusted gets S_IMAPI_SPEEDADJUSTED / S_IMAPI_ROTATIONADJUSTED / S_IMAPI_BOTHADJUSTED
 * or S_OK; *current the speed the drive now uses (sectors/s) and *cav its rotation. */
int32_t mmc_burn_set_speed(mmc_device *d, const mmc_media_facts *f, int32_t speed, int pure_cav,
                           int32_t *adjusted, uint32_t *current, int *cav);

#endif
