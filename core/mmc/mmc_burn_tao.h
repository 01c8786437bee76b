/* Track-at-once audio recording on CD-R/CD-RW (the recipe behind
 * IDiscFormat2TrackAtOnce): prepare a blank disc, write CD-DA tracks one by one at the
 * drive's next writable address, then close the session (finalizing the disc unless
 * asked not to). Write type 1 (TAO) with track mode 0/2 (audio, copy prohibited or
 * permitted) and data block type 0 (2352-byte raw CD-DA) in page 05h; the drive itself
 * leaves the 2 s pre-gap (150 blocks) before each track after the first.
 *
 * State rules (IDiscFormat2TrackAtOnce): only blank CD-R/CD-RW are prepared
 * (E_IMAPI_DF2TAO_MEDIA_IS_NOT_SUPPORTED for other media, _MEDIA_IS_NOT_BLANK for used
 * CDs); at most 99 tracks (_TRACK_LIMIT_REACHED, nothing written); a track must fit the
 * free sectors after padding (_NOT_ENOUGH_SPACE, nothing written); the stream must be a
 * whole number of 2352-byte sectors and not empty (_STREAM_NOT_SUPPORTED). Tracks shorter
 * than 4 s (300 sectors) are padded with digital silence, as the docs say. */
#ifndef IMAPI_MMC_BURN_TAO_H
#define IMAPI_MMC_BURN_TAO_H

#include <stdint.h>
#include "mmc_burn.h"

/* IMAPI_FORMAT2_TAO_WRITE_ACTION */
enum mmc_tao_action { MMC_TAO_UNKNOWN = 0, MMC_TAO_PREPARING = 1, MMC_TAO_WRITING = 2, MMC_TAO_FINISHING = 3,
                      MMC_TAO_VERIFYING = 4 };

#define MMC_TAO_MAX_TRACKS 99
#define MMC_TAO_MIN_TRACK_SECTORS 300   /* 4 s */
#define MMC_TAO_SECTOR 2352

typedef struct mmc_tao_progress
{
    enum mmc_tao_action action;
    unsigned track;                 /* the track being written, 1..99 */
    mmc_burn_progress p;            /* addresses, buffer and times (p.action unused) */
} mmc_tao_progress;

typedef struct mmc_tao
{
    mmc_device *dev;
    /* options, set before mmc_tao_prepare */
    int bufe_disabled;
    int do_not_finalize;
    int32_t speed;                  /* sectors/s, -1 fastest */
    int pure_cav;
    enum mmc_verify_level verify;   /* FULL is treated as QUICK (not supported for TAO) */
    /* state */
    int prepared;
    mmc_media_facts f;              /* refreshed after each track */
    unsigned tracks;                /* tracks recorded in this session */
    int32_t track_start[MMC_TAO_MAX_TRACKS];
    uint32_t track_length[MMC_TAO_MAX_TRACKS];
    int32_t speed_adjusted;         /* S_IMAPI_*ADJUSTED of the speed set at prepare */
    uint32_t current_speed;         /* sectors/s the drive uses (0 unknown) */
    int current_cav;
} mmc_tao;

typedef struct mmc_tao_track
{
    core_stream *source;            /* positioned at the first byte */
    uint64_t source_bytes;
    int (*progress)(void *ctx, const mmc_tao_progress *p);   /* nonzero cancels */
    void *ctx;
    unsigned interval_ms;
    uint64_t (*now_ms)(void *ctx);
    void (*sleep_ms)(void *ctx, unsigned ms);
    void *buffer;                   /* staging buffer, at least one 2352-byte sector */
    uint32_t buffer_size;
} mmc_tao_track;

/* Queries the disc, checks it is a blank CD-R/RW that is not write protected, sets the
 * speed (failure not fatal) and page 05h. Returns S_OK or an S_IMAPI_*ADJUSTED code. */
int32_t mmc_tao_prepare(mmc_tao *t);
/* Sectors a new track can hold (0 when full or after 99 tracks). */
uint32_t mmc_tao_free_sectors(const mmc_tao *t);
/* Total and used sectors of the medium (used = total - free, gaps included). */
uint32_t mmc_tao_total_sectors(const mmc_tao *t);
/* Writes one track and closes it. Cancel: the written part is closed as a shorter track
 * and E_IMAPI_REQUEST_CANCELLED returned. */
int32_t mmc_tao_add_track(mmc_tao *t, const mmc_tao_track *job);
/* BufferUnderrunFreeDisabled while prepared: page 05h again with BUFE changed. */
int32_t mmc_tao_set_bufe(mmc_tao *t, int disabled);
/* The READ TOC format 0 the disc will answer once closed: the tracks written so far and
 * the lead-out after the last. Returns the length (0 when no track was written). */
size_t mmc_tao_expected_toc(const mmc_tao *t, uint8_t *out, size_t cap);
/* Flushes and closes the session: finalized (multi-session 00b) unless do_not_finalize
 * (11b). Nothing recorded: nothing is sent. */
int32_t mmc_tao_release(mmc_tao *t);

#endif
