/* Track-at-once audio recording (see mmc_burn_tao.h). */
#include <stdlib.h>
#include <string.h>
#include "mmc_burn_tao.h"
#include "mmc_burn_internal.h"
#include "cd/cd_cue.h"
#include "mmc_writer.h"

static int is_cd_recordable(uint16_t p) { return p == MMC_PROFILE_CD_RECORDABLE || p == MMC_PROFILE_CD_REWRITABLE; }

/* Page 05h for TAO audio. multisession: 11b (the disc stays appendable) or 00b. */
static int32_t set_params(mmc_tao *t, int multisession)
{
    uint8_t *page = NULL;
    size_t len = 0;
    int32_t hr;
    if ((hr = mmc_dev_get_mode_page(t->dev, MMC_MODE_PAGE_WRITE_PARAMETERS, MMC_PC_CURRENT, &page, &len))) return hr;
    if (len < 16) { free(page); return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE; }
    page[2] = (uint8_t)((t->bufe_disabled ? 0 : 0x40) | 1);      /* BUFE, write type 1: TAO */
    page[3] = (uint8_t)((multisession ? 0xC0 : 0x00) | 0);       /* track mode 0: 2-channel audio */
    page[4] = 0;                                                   /* data block type 0: raw 2352 */
    page[8] = 0;                                                   /* session format CD-DA */
    memset(page + 10, 0, 4);
    hr = mmc_dev_set_mode_page(t->dev, page, len, 0);
    free(page);
    return hr;
}

int32_t mmc_tao_prepare(mmc_tao *t)
{
    int32_t hr, adjusted = 0;
    uint32_t cur = 0;
    int cav = 0;

    if (!t || !t->dev) return MMC_HR_INVALIDARG;
    if ((hr = mmc_media_query(t->dev, &t->f))) return hr;
    if (!t->f.present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (!is_cd_recordable(t->f.profile)) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_SUPPORTED;
    if (t->f.write_protect) return E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED;
    if (!mmc_media_physically_blank(&t->f) || !t->f.nwa_valid) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK;
    /* [undoc] a drive refusing the speed commands burns at its own speed (as Data) */
    if (mmc_burn_set_speed(t->dev, &t->f, t->speed, t->pure_cav, &adjusted, &cur, &cav)) adjusted = 0;
    t->speed_adjusted = adjusted;
    t->current_speed = cur;
    t->current_cav = cav;
    if ((hr = set_params(t, 1))) return hr;
    t->tracks = 0;
    t->prepared = 1;
    return adjusted;
}

uint32_t mmc_tao_total_sectors(const mmc_tao *t)
{
    return t->f.total_blocks;
}

uint32_t mmc_tao_free_sectors(const mmc_tao *t)
{
    /* the drive's NWA already lies past the 2 s gap it leaves after a closed track; the
     * last track needs its 2-block run-out before the lead-out */
    if (!t->f.nwa_valid || t->tracks >= MMC_TAO_MAX_TRACKS) return 0;
    return t->f.free_blocks > MMC_CD_RUNOUT ? t->f.free_blocks - MMC_CD_RUNOUT : 0;
}

struct tao_run
{
    mmc_tao *t;
    const mmc_tao_track *job;
    mmc_tao_progress pr;
    uint64_t t0, write_t0;
    uint32_t total;
};

static uint64_t run_now(struct tao_run *r) { return r->job->now_ms ? r->job->now_ms(r->job->ctx) : 0; }

static int report(struct tao_run *r, enum mmc_tao_action action)
{
    uint64_t t = run_now(r), rem = 0;
    uint32_t done = r->pr.p.last_written_lba >= r->pr.p.start_lba ? (uint32_t)(r->pr.p.last_written_lba - r->pr.p.start_lba + 1) : 0;
    r->pr.action = action;
    if (action == MMC_TAO_WRITING && done && t > r->write_t0) rem = (t - r->write_t0) * (r->total - done) / done;
    else if (action <= MMC_TAO_WRITING && r->t->current_speed) rem = (uint64_t)(r->total - done) * 1000 / r->t->current_speed;
    r->pr.p.elapsed_s = (uint32_t)((t - r->t0) / 1000);
    r->pr.p.remaining_s = (uint32_t)(rem / 1000);
    r->pr.p.total_s = r->pr.p.elapsed_s + r->pr.p.remaining_s;
    return r->job->progress ? r->job->progress(r->job->ctx, &r->pr) : 0;
}

static int writer_progress(void *ctx, const mmc_write_progress *wp)
{
    struct tao_run *r = ctx;
    r->pr.p.last_read_lba = wp->last_read_lba;
    r->pr.p.last_written_lba = wp->last_written_lba;
    r->pr.p.buffer_total = wp->buffer_total;
    r->pr.p.buffer_used = wp->buffer_used;
    return report(r, MMC_TAO_WRITING);
}

static uint64_t writer_now(void *ctx) { return run_now(ctx); }
static void writer_sleep(void *ctx, unsigned ms)
{
    struct tao_run *r = ctx;
    if (r->job->sleep_ms) r->job->sleep_ms(r->job->ctx, ms);
}

static int zero_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    (void)s;
    memset(buf, 0, len);
    *done = len;
    return 0;
}
static const core_stream_ops zero_ops = { zero_read, NULL, NULL, NULL, NULL, NULL, NULL };

static int32_t write_part(struct tao_run *r, core_stream *src, int32_t lba, uint32_t count)
{
    mmc_write_job w;
    memset(&w, 0, sizeof(w));
    w.transport = r->t->dev->transport;
    w.source = src;
    w.start_lba = lba;
    w.blocks = count;
    w.block_size = MMC_TAO_SECTOR;
    w.buffer = r->job->buffer;
    w.buffer_size = r->job->buffer_size;
    w.progress = writer_progress;
    w.ctx = r;
    w.interval_ms = r->job->interval_ms;
    w.now_ms = r->job->now_ms ? writer_now : NULL;
    w.sleep_ms = writer_sleep;
    return mmc_write_blocks(&w);
}

static int32_t simple(mmc_device *d, mmc_command *c) { return mmc_dev_execute(d, c); }

static int32_t close_track(mmc_tao *t, uint16_t track)
{
    mmc_command c;
    int32_t hr;
    mmc_cdb_synchronize_cache(&c, 0);
    if ((hr = simple(t->dev, &c))) return hr;
    mmc_cdb_close_track_session(&c, MMC_CLOSE_TRACK, track, 0);
    return simple(t->dev, &c);
}

/* QUICK verification after a track: READ TRACK INFORMATION of that track shows a closed
 * track of the size written. */
static int32_t verify_track(mmc_tao *t, uint16_t track, int32_t start, uint32_t blocks)
{
    mmc_track_info ti;
    int32_t hr = mmc_dev_track_info(t->dev, MMC_TRACK_ADDR_TRACK, track, &ti, NULL, NULL);
    if (hr) return hr;
    if ((int32_t)ti.track_start != start || ti.track_size < blocks || ti.blank) return E_IMAPI_BURN_VERIFICATION_FAILED;
    return 0;
}

int32_t mmc_tao_add_track(mmc_tao *t, const mmc_tao_track *job)
{
    struct tao_run r;
    core_stream zeros = { &zero_ops, NULL };
    uint64_t sectors;
    uint32_t data, total;
    int32_t start, hr, hr2;
    uint16_t number;

    if (!t || !job || !job->source || !job->buffer || job->buffer_size < MMC_TAO_SECTOR) return MMC_HR_INVALIDARG;
    if (!t->prepared) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED;
    if (t->tracks >= MMC_TAO_MAX_TRACKS) return E_IMAPI_DF2TAO_TRACK_LIMIT_REACHED;
    if (!job->source_bytes || job->source_bytes % MMC_TAO_SECTOR) return E_IMAPI_DF2TAO_STREAM_NOT_SUPPORTED;
    sectors = job->source_bytes / MMC_TAO_SECTOR;
    total = sectors < MMC_TAO_MIN_TRACK_SECTORS ? MMC_TAO_MIN_TRACK_SECTORS : sectors > 0x7FFFFFFF ? 0x7FFFFFFF : (uint32_t)sectors;
    if (total > mmc_tao_free_sectors(t)) return E_IMAPI_DF2TAO_NOT_ENOUGH_SPACE;
    data = (uint32_t)sectors;
    start = t->f.next_writable;
    number = t->f.next_track ? t->f.next_track : (uint16_t)(t->tracks + 1);

    memset(&r, 0, sizeof(r));
    r.t = t;
    r.job = job;
    r.t0 = run_now(&r);
    r.total = total;
    r.pr.track = t->tracks + 1;
    r.pr.p.start_lba = start;
    r.pr.p.sector_count = total;
    r.pr.p.last_read_lba = r.pr.p.last_written_lba = start - 1;
    r.pr.p.buffer_total = job->buffer_size;
    if (report(&r, MMC_TAO_PREPARING)) return E_IMAPI_REQUEST_CANCELLED;
    r.write_t0 = run_now(&r);
    hr = write_part(&r, job->source, start, data);
    if (!hr && total > data) hr = write_part(&r, &zeros, start + (int32_t)data, total - data);
    report(&r, MMC_TAO_FINISHING);
    /* whatever was written becomes a closed track, so the disc stays consistent */
    hr2 = r.pr.p.last_written_lba >= start || !hr ? close_track(t, number) : 0;
    if (r.pr.p.last_written_lba >= start || !hr)
    {
        t->track_start[t->tracks] = start;
        t->track_length[t->tracks] = hr ? (uint32_t)(r.pr.p.last_written_lba - start + 1) : total;
        t->tracks++;
    }
    if (!hr) hr = hr2;
    if (!hr && t->verify != MMC_VERIFY_NONE)
    {
        if (report(&r, MMC_TAO_VERIFYING)) hr = E_IMAPI_REQUEST_CANCELLED;
        else hr = verify_track(t, number, start, total);
    }
    hr2 = mmc_media_query(t->dev, &t->f);
    return hr ? hr : hr2;
}

int32_t mmc_tao_release(mmc_tao *t)
{
    mmc_command c;
    int32_t hr;
    if (!t || !t->prepared) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED;
    t->prepared = 0;
    if (!t->tracks) return 0;
    mmc_cdb_synchronize_cache(&c, 0);
    if ((hr = simple(t->dev, &c))) return hr;
    if ((hr = set_params(t, t->do_not_finalize))) return hr;
    mmc_cdb_close_track_session(&c, MMC_CLOSE_SESSION, 0, 0);
    return simple(t->dev, &c);
}

int32_t mmc_tao_set_bufe(mmc_tao *t, int disabled)
{
    if (!t || !t->prepared) return E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED;
    t->bufe_disabled = disabled;
    return set_params(t, 1);
}

size_t mmc_tao_expected_toc(const mmc_tao *t, uint8_t *out, size_t cap)
{
    cd_layout *l;
    unsigned i;
    size_t n;
    if (!t->tracks || !(l = calloc(1, sizeof(*l)))) return 0;
    for (i = 0; i < t->tracks; i++)
    {
        l->tracks[i].number = (uint8_t)(i + 1);
        l->tracks[i].start = l->tracks[i].pregap = t->track_start[i];
        l->tracks[i].length = t->track_length[i];
    }
    l->ntracks = t->tracks;
    l->leadout = t->track_start[t->tracks - 1] + (int32_t)t->track_length[t->tracks - 1];
    n = cd_toc_format0(l, out, cap);
    free(l);
    return n;
}
