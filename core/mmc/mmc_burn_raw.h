/* Disc-at-once raw recording on CD-R/CD-RW (the recipe behind IDiscFormat2RawCD): the
 * host sends every sector from the lead-in to the end of the lead-out, 2352 bytes of
 * main channel and its sub-channel each (write type 3 "raw" in page 05h, data block type
 * 1 = 16-byte P-Q, 2 = P-W packed, 3 = P-W raw, as IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE
 * numbers them). The drive takes the session's layout from the Q sub-channel and closes
 * the session at SYNCHRONIZE CACHE after the lead-out.
 *
 * The image stream starts at MSF 95:00:00 (LBA -22650, core/cd's CD_IMAGE_FIRST_LBA), or
 * `leadin_sectors` before LBA 0 (WriteMedia2). The medium's lead-in starts later (ATIP,
 * e.g. 97:26:66 on a CD-R): the sectors before it are skipped, by seeking when the
 * stream can, else by reading them. */
#ifndef IMAPI_MMC_BURN_RAW_H
#define IMAPI_MMC_BURN_RAW_H

#include <stdint.h>
#include "mmc_burn.h"

/* IMAPI_FORMAT2_RAW_CD_WRITE_ACTION */
enum mmc_raw_action { MMC_RAW_UNKNOWN = 0, MMC_RAW_PREPARING = 1, MMC_RAW_WRITING = 2, MMC_RAW_FINISHING = 3 };

typedef struct mmc_raw_progress
{
    enum mmc_raw_action action;
    mmc_burn_progress p;            /* addresses, buffer and times (p.action unused) */
} mmc_raw_progress;

typedef struct mmc_raw
{
    mmc_device *dev;
    int bufe_disabled;
    int32_t speed;                  /* sectors/s, -1 fastest */
    int pure_cav;
    int sector_type;                /* 1, 2 or 3 */
    /* state after mmc_raw_prepare */
    int prepared;
    mmc_media_facts f;
    int32_t leadin_start;           /* ATIP: LBA of the lead-in start (negative) */
    int32_t last_leadout;           /* ATIP: last possible start of the lead-out */
    int32_t speed_adjusted;
    uint32_t current_speed;
    int current_cav;
    int written;                    /* a session was recorded */
} mmc_raw;

typedef struct mmc_raw_job
{
    core_stream *source;            /* positioned at its first byte */
    uint64_t source_offset;         /* that byte's absolute offset: where a skip seeks from */
    uint64_t source_bytes;          /* a multiple of the sector size */
    int32_t leadin_sectors;         /* sectors before LBA 0 in the stream (22650 for 95:00:00) */
    int (*progress)(void *ctx, const mmc_raw_progress *p);   /* nonzero cancels */
    void *ctx;
    unsigned interval_ms;
    uint64_t (*now_ms)(void *ctx);
    void (*sleep_ms)(void *ctx, unsigned ms);
    void *buffer;
    uint32_t buffer_size;           /* at least one sector */
} mmc_raw_job;

/* Bytes per sector of a raw data block type (2368 or 2448), 0 if not 1..3. */
unsigned mmc_raw_sector_bytes(int sector_type);
/* The types the drive records (CD Mastering feature: Raw gives 1, R-W also 2 and 3);
 * *mask bit n set for type n. */
int32_t mmc_raw_supported_types(mmc_device *d, unsigned *mask);
/* A blank CD-R/RW, not write protected (E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED for other
 * media, _MEDIA_IS_NOT_BLANK for used CDs); the ATIP's lead-in and lead-out limits;
 * the speed (failure not fatal). Returns S_OK or S_IMAPI_*ADJUSTED. */
int32_t mmc_raw_prepare(mmc_raw *r);
/* Writes the image: E_IMAPI_DF2RAW_STREAM_NOT_SUPPORTED (size not whole sectors, or no
 * sector after the lead-in), _STREAM_LEADIN_TOO_SHORT (the stream starts after the
 * medium's lead-in), _NOT_ENOUGH_SPACE (more than the medium holds up to its last lead-out
 * plus a lead-out), _MEDIA_IS_NOT_BLANK (a second write), E_IMAPI_REQUEST_CANCELLED.
 * Page 05h: write type 3, the sector type's block type, BUFE; then WRITE(10) from the
 * lead-in start and SYNCHRONIZE CACHE, which closes the session. */
int32_t mmc_raw_write(mmc_raw *r, const mmc_raw_job *job);
/* Ends the prepared state (the session is closed by the write already). */
int32_t mmc_raw_release(mmc_raw *r);

#endif
