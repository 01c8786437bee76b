/* Session-at-once recording of an audio session on CD-R/CD-RW (write type 2): the layout
 * goes to the drive as a cue sheet (SEND CUE SHEET, built by core/cd: MCN, ISRC, pre-gaps,
 * indexes, the tracks' control bits), then the host streams the program area's main
 * channel, 2352 bytes a sector, from the first pre-gap (LBA -150) up to the lead-out; the
 * drive makes the lead-in, the sub-channel and the lead-out. No IMAPI object writes SAO
 * (IDiscFormat2RawCD writes raw DAO-96); this is the recipe tools and tests use to lay down
 * a session with a cue sheet, and the drive model's SEND CUE SHEET path is judged by it. */
#ifndef IMAPI_MMC_BURN_SAO_H
#define IMAPI_MMC_BURN_SAO_H

#include <stdint.h>
#include "mmc_burn.h"
#include "cd/cd_cue.h"

typedef struct mmc_sao_job
{
    mmc_device *dev;
    const cd_layout *layout;        /* track 1's pre-gap at -150, audio tracks */
    core_stream *source;            /* (leadout + 150) sectors of 2352 bytes, from LBA -150 */
    int finalize;                   /* 1: no next session (multi-session 00b) */
    int bufe_disabled;
    void *buffer;
    uint32_t buffer_size;           /* at least one sector */
} mmc_sao_job;

/* E_IMAPI_RECORDER_MEDIA_NO_MEDIA, E_IMAPI_DF2TAO_MEDIA_IS_NOT_SUPPORTED (not a CD-R/RW),
 * E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK, MMC_HR_INVALIDARG (no tracks, or track 1 not after a
 * pre-gap at -150), or the drive's mapped error; nothing is sent that writes before the
 * checks pass. */
int32_t mmc_sao_write(const mmc_sao_job *job);

#endif
