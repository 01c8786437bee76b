/* Session-at-once audio recording (see mmc_burn_sao.h). */
#include <stdlib.h>
#include <string.h>
#include "mmc_burn_sao.h"
#include "mmc_writer.h"

#define SECTOR 2352
#define MAX_CUE (8 * (2 + 1 + 99 * 2 + 99 * 100 + 1))

static int32_t set_params(mmc_device *d, int bufe_disabled, int finalize)
{
    uint8_t *page = NULL;
    size_t len = 0;
    int32_t hr;
    if ((hr = mmc_dev_get_mode_page(d, MMC_MODE_PAGE_WRITE_PARAMETERS, MMC_PC_CURRENT, &page, &len))) return hr;
    if (len < 16) { free(page); return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE; }
    page[2] = (uint8_t)((bufe_disabled ? 0 : 0x40) | 2);          /* write type 2: session at once */
    page[3] = (uint8_t)(finalize ? 0x00 : 0xC0);                  /* multi-session; track modes in the cue */
    page[4] = 0;                                                    /* block type 0: 2352 raw */
    page[8] = 0;
    memset(page + 10, 0, 4);
    hr = mmc_dev_set_mode_page(d, page, len, 0);
    free(page);
    return hr;
}

int32_t mmc_sao_write(const mmc_sao_job *job)
{
    const cd_layout *l = job ? job->layout : NULL;
    mmc_media_facts f;
    mmc_write_job w;
    mmc_command c;
    uint8_t *cue;
    size_t cue_len;
    int32_t hr, hr2;

    if (!job || !job->dev || !l || !l->ntracks || l->tracks[0].pregap != -150 || !job->source || !job->buffer ||
        job->buffer_size < SECTOR)
        return MMC_HR_INVALIDARG;
    if ((hr = mmc_media_query(job->dev, &f))) return hr;
    if (!f.present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (f.profile != MMC_PROFILE_CD_RECORDABLE && f.profile != MMC_PROFILE_CD_REWRITABLE)
        return E_IMAPI_DF2TAO_MEDIA_IS_NOT_SUPPORTED;
    if (f.write_protect) return E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED;
    if (!mmc_media_physically_blank(&f)) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK;
    if ((hr = set_params(job->dev, job->bufe_disabled, job->finalize))) return hr;
    if (!(cue = malloc(MAX_CUE))) return MMC_HR_OUTOFMEMORY;
    cue_len = cd_cue_sheet(l, 0x00, cue, MAX_CUE);              /* data form 00h: CD-DA from the host */
    mmc_cdb_send_cue_sheet(&c, cue, (uint32_t)cue_len);
    hr = cue_len <= MAX_CUE ? mmc_dev_execute(job->dev, &c) : MMC_HR_INVALIDARG;
    free(cue);
    if (hr) return hr;

    memset(&w, 0, sizeof(w));
    w.transport = job->dev->transport;
    w.source = job->source;
    w.start_lba = -150;
    w.blocks = (uint32_t)(l->leadout + 150);
    w.block_size = SECTOR;
    w.buffer = job->buffer;
    w.buffer_size = job->buffer_size - job->buffer_size % SECTOR;
    hr = mmc_write_blocks(&w);
    /* SYNCHRONIZE CACHE: the drive writes the lead-out and closes the session */
    mmc_cdb_synchronize_cache(&c, 0);
    hr2 = mmc_dev_execute(job->dev, &c);
    return hr ? hr : hr2;
}
