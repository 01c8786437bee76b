/* Disc-at-once raw recording (see mmc_burn_raw.h). */
#include <stdlib.h>
#include <string.h>
#include "mmc_burn_raw.h"
#include "mmc_burn_internal.h"
#include "mmc_parse.h"
#include "mmc_writer.h"
#include "cd/cd_image.h"

unsigned mmc_raw_sector_bytes(int sector_type)
{
    return cd_image_sector_bytes(sector_type);
}

int32_t mmc_raw_supported_types(mmc_device *d, unsigned *mask)
{
    uint8_t *desc = NULL;
    size_t len = 0;
    int32_t hr;
    *mask = 0;
    if ((hr = mmc_dev_get_feature(d, MMC_FEATURE_CD_MASTERING, 0, &desc, &len))) return hr;
    /* feature 002Eh byte 4: bit 3 Raw, bit 0 R-W */
    if (desc && len > 4 && (desc[4] & 0x08))
    {
        *mask |= 1u << 1;
        if (desc[4] & 0x01) *mask |= 1u << 2 | 1u << 3;
    }
    free(desc);
    return 0;
}

static int is_cd_recordable(uint16_t p) { return p == MMC_PROFILE_CD_RECORDABLE || p == MMC_PROFILE_CD_REWRITABLE; }

int32_t mmc_raw_prepare(mmc_raw *r)
{
    uint8_t *raw = NULL;
    size_t len = 0;
    mmc_atip atip;
    int32_t hr, adjusted = 0;
    uint32_t cur = 0;
    int cav = 0;

    if (!r || !r->dev) return MMC_HR_INVALIDARG;
    if ((hr = mmc_media_query(r->dev, &r->f))) return hr;
    if (!r->f.present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (!is_cd_recordable(r->f.profile)) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED;
    if (r->f.write_protect) return E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED;
    if (!mmc_media_physically_blank(&r->f)) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK;
    if ((hr = mmc_dev_read_toc(r->dev, MMC_TOC_FORMAT_ATIP, 1, 0, &raw, &len))) return hr;
    hr = mmc_parse_atip(raw, len, &atip);
    free(raw);
    if (hr) return hr;
    r->leadin_start = atip.leadin_start_lba;
    r->last_leadout = atip.last_leadout_start_lba;
    if (r->leadin_start >= 0 || r->leadin_start < CD_IMAGE_FIRST_LBA || r->last_leadout <= 0)
        return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
    if (mmc_burn_set_speed(r->dev, &r->f, r->speed, r->pure_cav, &adjusted, &cur, &cav)) adjusted = 0;
    r->speed_adjusted = adjusted;
    r->current_speed = cur;
    r->current_cav = cav;
    r->written = 0;
    r->prepared = 1;
    return adjusted;
}

static int32_t set_params(mmc_raw *r)
{
    uint8_t *page = NULL;
    size_t len = 0;
    int32_t hr;
    if ((hr = mmc_dev_get_mode_page(r->dev, MMC_MODE_PAGE_WRITE_PARAMETERS, MMC_PC_CURRENT, &page, &len))) return hr;
    if (len < 16) { free(page); return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE; }
    page[2] = (uint8_t)((r->bufe_disabled ? 0 : 0x40) | 3);   /* BUFE, write type 3: raw */
    page[3] = 0;                                                /* no next session; track mode from Q */
    page[4] = (uint8_t)r->sector_type;                          /* data block type 1, 2 or 3 */
    page[8] = 0;
    memset(page + 10, 0, 4);
    hr = mmc_dev_set_mode_page(r->dev, page, len, 0);
    free(page);
    return hr;
}

struct raw_run
{
    mmc_raw *r;
    const mmc_raw_job *job;
    mmc_raw_progress pr;
    uint64_t t0, write_t0;
};

static uint64_t run_now(struct raw_run *x) { return x->job->now_ms ? x->job->now_ms(x->job->ctx) : 0; }

static int report(struct raw_run *x, enum mmc_raw_action action)
{
    uint64_t t = run_now(x), rem = 0;
    uint32_t total = x->pr.p.sector_count;
    uint32_t done = x->pr.p.last_written_lba >= x->pr.p.start_lba ? (uint32_t)(x->pr.p.last_written_lba - x->pr.p.start_lba + 1) : 0;
    x->pr.action = action;
    if (action == MMC_RAW_WRITING && done && t > x->write_t0) rem = (t - x->write_t0) * (total - done) / done;
    else if (action <= MMC_RAW_WRITING && x->r->current_speed) rem = (uint64_t)(total - done) * 1000 / x->r->current_speed;
    x->pr.p.elapsed_s = (uint32_t)((t - x->t0) / 1000);
    x->pr.p.remaining_s = (uint32_t)(rem / 1000);
    x->pr.p.total_s = x->pr.p.elapsed_s + x->pr.p.remaining_s;
    return x->job->progress ? x->job->progress(x->job->ctx, &x->pr) : 0;
}

static int writer_progress(void *ctx, const mmc_write_progress *wp)
{
    struct raw_run *x = ctx;
    x->pr.p.last_read_lba = wp->last_read_lba;
    x->pr.p.last_written_lba = wp->last_written_lba;
    x->pr.p.buffer_total = wp->buffer_total;
    x->pr.p.buffer_used = wp->buffer_used;
    return report(x, MMC_RAW_WRITING);
}

static uint64_t writer_now(void *ctx) { return run_now(ctx); }
static void writer_sleep(void *ctx, unsigned ms)
{
    struct raw_run *x = ctx;
    if (x->job->sleep_ms) x->job->sleep_ms(x->job->ctx, ms);
}

/* Moves the source forward by `bytes`: a seek when it can, else reads. */
static int32_t skip(const mmc_raw_job *job, uint64_t bytes)
{
    core_stream *s = job->source;
    if (!bytes) return 0;
    if (s->ops->seek && !s->ops->seek(s, job->source_offset + bytes)) return 0;
    while (bytes)
    {
        size_t n = bytes < job->buffer_size ? (size_t)bytes : job->buffer_size, done = 0;
        int rc;
        if ((rc = s->ops->read(s, job->buffer, n, &done))) return rc;
        if (!done) return E_IMAPI_DF2RAW_STREAM_LEADIN_TOO_SHORT;
        bytes -= done;
    }
    return 0;
}

int32_t mmc_raw_write(mmc_raw *r, const mmc_raw_job *job)
{
    unsigned bytes = mmc_raw_sector_bytes(r ? r->sector_type : 0);
    uint64_t sectors, skip_sectors;
    int32_t first, hr, hr2;
    uint32_t count;
    struct raw_run x;
    mmc_write_job w;
    mmc_command c;

    if (!r || !job || !job->source || !bytes || !job->buffer || job->buffer_size < bytes) return MMC_HR_INVALIDARG;
    if (!r->prepared) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED;
    if (r->written) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK;
    if (!job->source_bytes || job->source_bytes % bytes) return E_IMAPI_DF2RAW_STREAM_NOT_SUPPORTED;
    sectors = job->source_bytes / bytes;
    /* the stream's first sector is LBA -leadin_sectors; the drive wants the lead-in start */
    if (job->leadin_sectors < -r->leadin_start) return E_IMAPI_DF2RAW_STREAM_LEADIN_TOO_SHORT;
    skip_sectors = (uint64_t)(job->leadin_sectors + r->leadin_start);
    if (sectors <= skip_sectors + (uint64_t)-r->leadin_start) return E_IMAPI_DF2RAW_STREAM_NOT_SUPPORTED;
    first = r->leadin_start;
    if (sectors - skip_sectors - (uint64_t)-first > (uint64_t)r->last_leadout + CD_LEADOUT_SECTORS)
        return E_IMAPI_DF2RAW_NOT_ENOUGH_SPACE;
    count = (uint32_t)(sectors - skip_sectors);

    memset(&x, 0, sizeof(x));
    x.r = r;
    x.job = job;
    x.t0 = run_now(&x);
    x.pr.p.start_lba = first;
    x.pr.p.sector_count = count;
    x.pr.p.last_read_lba = x.pr.p.last_written_lba = first - 1;
    x.pr.p.buffer_total = job->buffer_size;
    if (report(&x, MMC_RAW_PREPARING)) return E_IMAPI_REQUEST_CANCELLED;
    if ((hr = set_params(r))) return hr;
    if ((hr = skip(job, skip_sectors * bytes))) return hr;

    memset(&w, 0, sizeof(w));
    w.transport = r->dev->transport;
    w.source = job->source;
    w.start_lba = first;
    w.blocks = count;
    w.block_size = bytes;
    w.buffer = job->buffer;
    w.buffer_size = job->buffer_size - job->buffer_size % bytes;
    w.progress = writer_progress;
    w.ctx = &x;
    w.interval_ms = job->interval_ms;
    w.now_ms = job->now_ms ? writer_now : NULL;
    w.sleep_ms = writer_sleep;
    x.write_t0 = run_now(&x);
    hr = mmc_write_blocks(&w);
    /* SYNCHRONIZE CACHE ends the stream: the drive closes what it recorded */
    report(&x, MMC_RAW_FINISHING);
    mmc_cdb_synchronize_cache(&c, 0);
    hr2 = mmc_dev_execute(r->dev, &c);
    if (x.pr.p.last_written_lba >= 0) r->written = 1;
    return hr ? hr : hr2;
}

int32_t mmc_raw_release(mmc_raw *r)
{
    if (!r || !r->prepared) return E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED;
    r->prepared = 0;
    return 0;
}
