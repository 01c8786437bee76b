/* The data burn recipe (IDiscFormat2Data::Write) over mmc_device, one strategy per write
 * class: sequential CD (TAO + post-gap), DVD-R/-RW sequential (incremental), DVD+R/DL
 * (compatibility closing), BD-R SRM, overwrite media. The WRITE loop is mmc_writer.c.
 * Learned from the MMC-6 command descriptions and libburn's write.c (read, not copied). */
#include <stdlib.h>
#include <string.h>
#include "mmc_burn.h"
#include "mmc_burn_internal.h"
#include "mmc_writer.h"

#define BLOCK MMC_SECTOR_DATA
#define NSAMPLES 5

/* ---- the source, hashed and sampled on its way to the drive ----
 * Verification compares what the drive reads back with what went out, without reading
 * the source a second time: a 64-bit FNV-1a over every byte written (FULL) and copies of
 * a few sampled blocks (QUICK). So the source never needs to seek back, and a read-ahead
 * stream (see mmc_burn.h) works unchanged. */
typedef struct hashed_source
{
    core_stream base;
    core_stream *inner;
    uint64_t hash;
    int hash_all;                       /* FULL verification: hash every byte (else only sample) */
    uint64_t pos;                       /* position in the source (relative to its start) */
    uint64_t passed;                    /* bytes passed through: ordinal position */
    uint64_t sample_ord[NSAMPLES];      /* ordinal (k-th block written) of each sample */
    unsigned nsamples;
    uint8_t *samples;                   /* NSAMPLES blocks */
} hashed_source;

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME  0x100000001b3ull

static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) { h ^= p[i]; h *= FNV_PRIME; }
    return h;
}

static int hashed_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    hashed_source *h = s->ctx;
    unsigned i;
    int r = h->inner->ops->read(h->inner, buf, len, done);
    if (r) return r;
    if (h->hash_all) h->hash = fnv(h->hash, buf, *done);
    for (i = 0; i < h->nsamples; i++)
    {
        uint64_t a = h->sample_ord[i] * BLOCK, b = a + BLOCK;
        uint64_t lo = h->passed > a ? h->passed : a, hi = h->passed + *done < b ? h->passed + *done : b;
        if (lo < hi) memcpy(h->samples + (size_t)i * BLOCK + (lo - a), (uint8_t *)buf + (lo - h->passed), (size_t)(hi - lo));
    }
    h->pos += *done;
    h->passed += *done;
    return 0;
}

static int hashed_seek(core_stream *s, uint64_t offset)
{
    hashed_source *h = s->ctx;
    return h->inner->ops->seek ? h->inner->ops->seek(h->inner, offset) : MMC_HR_FAIL;
}

static const core_stream_ops hashed_ops = { hashed_read, NULL, hashed_seek, NULL, NULL, NULL, NULL };

/* Zeros, for the CD post-gap. */
static int zero_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    memset(buf, 0, len);
    *done = len;
    return 0;
}
static const core_stream_ops zero_ops = { zero_read, NULL, NULL, NULL, NULL, NULL, NULL };

/* ---- the burn ---- */

typedef struct segment { int32_t lba; uint32_t count; uint64_t ordinal; } segment;

typedef struct burn
{
    const mmc_burn_job *job;
    mmc_device *d;
    mmc_media_facts f;
    mmc_burn_progress p;
    uint64_t t0;
    int family;
    uint32_t data_blocks;       /* blocks of the stream written (all, or the ranges) */
    uint32_t total_blocks;      /* data + post-gap */
    uint32_t postgap;
    uint32_t done_before;       /* blocks of earlier segments */
    uint64_t write_t0;
    uint32_t speed_sps;
    int closes_disc;
    int formatted_now;
    segment *seg;
    size_t nseg;
    int32_t seg_start;          /* LBA of the segment being written */
    hashed_source src;
} burn;

static uint64_t now(const burn *b)
{
    return b->job->now_ms ? b->job->now_ms(b->job->ctx) : 0;
}

static void times(burn *b)
{
    uint64_t t = now(b), elapsed = t - b->t0;
    uint64_t remaining = 0;
    uint32_t done = b->p.action == MMC_BURN_WRITING ? b->done_before : 0;
    if (b->p.action == MMC_BURN_WRITING && b->p.last_written_lba >= b->seg_start)
        done += (uint32_t)(b->p.last_written_lba - b->seg_start + 1);
    if (b->p.action <= MMC_BURN_WRITING)
    {
        uint32_t left = b->total_blocks - (done < b->total_blocks ? done : b->total_blocks);
        if (b->p.action == MMC_BURN_WRITING && done && t > b->write_t0)
            remaining = (t - b->write_t0) * left / done;
        else if (b->speed_sps)
            remaining = (uint64_t)left * 1000 / b->speed_sps;
    }
    b->p.elapsed_s = (uint32_t)(elapsed / 1000);
    b->p.remaining_s = (uint32_t)(remaining / 1000);
    b->p.total_s = b->p.elapsed_s + b->p.remaining_s;
}

/* Reports the current state; nonzero when the callback asks to cancel. */
static int report(burn *b, enum mmc_burn_action action)
{
    b->p.action = action;
    times(b);
    return b->job->progress ? b->job->progress(b->job->ctx, &b->p) : 0;
}

static int writer_progress(void *ctx, const mmc_write_progress *wp)
{
    burn *b = ctx;
    b->p.last_read_lba = wp->last_read_lba;
    b->p.last_written_lba = wp->last_written_lba;
    b->p.buffer_total = wp->buffer_total;
    b->p.buffer_used = wp->buffer_used;
    return report(b, MMC_BURN_WRITING);
}

static uint64_t writer_now(void *ctx)
{
    burn *b = ctx;
    return now(b);
}

static void writer_sleep(void *ctx, unsigned ms)
{
    burn *b = ctx;
    if (b->job->sleep_ms) b->job->sleep_ms(b->job->ctx, ms);
}

static int32_t write_segment(burn *b, core_stream *src, int32_t lba, uint32_t count)
{
    mmc_write_job w;
    mmc_write_progress last;
    int32_t hr;
    memset(&w, 0, sizeof(w));
    memset(&last, 0, sizeof(last));
    w.transport = b->d->transport;
    w.source = src;
    w.start_lba = lba;
    w.blocks = count;
    w.block_size = BLOCK;
    w.buffer = b->job->buffer;
    w.buffer_size = b->job->buffer_size;
    w.progress = writer_progress;
    w.ctx = b;
    w.interval_ms = b->job->interval_ms;
    w.now_ms = b->job->now_ms ? writer_now : NULL;
    w.sleep_ms = writer_sleep;
    w.ahead = b->job->ahead;
    w.final = &last;
    b->seg_start = lba;
    hr = mmc_write_blocks(&w);
    /* what went out, also when the write failed between two reports (emergency_close) */
    if (last.sector_count) b->p.last_written_lba = last.last_written_lba;
    if (!hr) b->done_before += count;
    return hr;
}

static int is_plus_r(uint16_t p) { return p == MMC_PROFILE_DVD_PLUS_R || p == MMC_PROFILE_DVD_PLUS_R_DUAL; }
static int is_dash_r(uint16_t p)
{
    return p == MMC_PROFILE_DVD_DASH_RECORDABLE || p == MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL ||
           p == MMC_PROFILE_DVD_DASH_R_DL_SEQUENTIAL;
}
/* Media whose session closing follows the multi-session field of page 05h. */
static int uses_page05(const mmc_media_facts *f) { return f->cd || is_dash_r(f->profile); }

int mmc_burn_closes_disc(const mmc_media_facts *f, const mmc_burn_options *o, uint32_t blocks_written)
{
    uint64_t consumed = blocks_written, left;
    if (f->write_class != MMC_CLASS_SEQUENTIAL) return 0;
    if (o->force_close) return 1;
    /* spec 2.5 table: without DisableConsumerDvdCompatibilityMode a DVD+R(DL) is always
     * closed; with it, a DVD+R DL is still closed (normally), a DVD+R only its session */
    if (is_plus_r(f->profile) && (!o->disable_dvd_compat || f->profile == MMC_PROFILE_DVD_PLUS_R_DUAL)) return 1;
    /* no second session on these (mmc_media.c, single-session media) */
    if (f->profile == MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL || f->profile == MMC_PROFILE_DVD_DASH_R_DL_SEQUENTIAL)
        return 1;
    if (f->cd) consumed += (o->postgap_in_image ? 0 : MMC_CD_POSTGAP) + MMC_CD_RUNOUT;
    left = f->free_blocks > consumed ? f->free_blocks - consumed : 0;
    /* the 2 % rule: at most 2 % of the medium free afterwards closes it */
    return left * 50 <= f->total_blocks;
}

/* Page 05h for CD TAO / DVD-R incremental. multisession: 1 leaves the disc appendable
 * after CLOSE SESSION (11b), 0 finalizes it (00b). */
static int32_t set_write_params(burn *b, int multisession)
{
    uint8_t *page = NULL;
    size_t len = 0;
    int32_t hr;
    if ((hr = mmc_dev_get_mode_page(b->d, MMC_MODE_PAGE_WRITE_PARAMETERS, MMC_PC_CURRENT, &page, &len))) return hr;
    if (len < 16) { free(page); return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE; }
    /* byte 2: BUFE (6), LS_V (5) off, Test Write (4) off, write type: 1 TAO (CD),
     * 0 incremental (DVD-R: "packet/incremental", variable packets) */
    page[2] = (uint8_t)((b->job->opt.bufe_disabled ? 0 : 0x40) | (b->f.cd ? 1 : 0));
    /* byte 3: multi-session (7..6), FP off, copy off, track mode: 4 data uninterrupted
     * (CD), 5 data incremental (DVD-R, as libburn and growisofs send) */
    page[3] = (uint8_t)((multisession ? 0xC0 : 0x00) | (b->f.cd ? 4 : 5));
    page[4] = 8;                                /* data block type: Mode 1, 2048 bytes */
    page[8] = 0;                                /* session format: CD-DA / CD-ROM */
    memset(page + 10, 0, 4);                    /* packet size: variable */
    hr = mmc_dev_set_mode_page(b->d, page, len, 0);
    free(page);
    return hr;
}

static int32_t simple(mmc_device *d, mmc_command *c)
{
    return mmc_dev_execute(d, c);
}

static int32_t sync_cache(burn *b)
{
    mmc_command c;
    mmc_cdb_synchronize_cache(&c, 0);
    return simple(b->d, &c);
}

static int32_t close_ts(burn *b, unsigned function, uint16_t track)
{
    mmc_command c;
    mmc_cdb_close_track_session(&c, function, track, 0);
    return simple(b->d, &c);
}

/* The session-closing function for sequential media. finalize: close the disc. */
static unsigned session_function(const burn *b, int finalize)
{
    if (!finalize) return MMC_CLOSE_SESSION;
    if (is_plus_r(b->f.profile))
        /* 101b finalize with minimal radius (the consumer-compatible closing), 110b
         * finalize normally (MMC-6 close function table for DVD+R / DVD+R DL) */
        return b->job->opt.disable_dvd_compat ? 6 : 5;
    if (b->f.profile == MMC_PROFILE_BD_R_SEQUENTIAL) return 6;      /* 110b finalize disc */
    return MMC_CLOSE_SESSION;       /* CD, DVD-R: page 05h's multi-session field decides */
}

/* Closes what this write opened on sequential media. */
static int32_t close_sequential(burn *b, int finalize)
{
    int32_t hr;
    if ((hr = close_ts(b, MMC_CLOSE_TRACK, b->f.next_track))) return hr;
    return close_ts(b, session_function(b, finalize), 0);
}

/* After a cancel or a failed WRITE: flush, and on sequential media close the track and the
 * session (leaving the disc appendable: the multi-session field is set to 11b again), so
 * the blocks written so far form a closed, readable session and the disc takes further
 * sessions. [undoc] IMAPI only says the medium is "indeterminate"; an open session would
 * leave NON_EMPTY_SESSION media that IMAPI itself refuses. Errors are ignored: the
 * caller reports the first one. Nothing written yet: nothing to close. */
static void emergency_close(burn *b)
{
    if (b->p.last_written_lba < b->p.start_lba && !b->done_before) return;
    sync_cache(b);
    if (b->f.write_class != MMC_CLASS_SEQUENTIAL) return;
    if (uses_page05(&b->f)) set_write_params(b, 1);
    close_sequential(b, 0);
}

static int32_t format_medium(burn *b)
{
    mmc_format_capacity cur, *list = NULL;
    size_t n = 0, i;
    uint8_t type, params[MMC_FORMAT_PARAM_LEN];
    uint32_t blocks = 0xFFFFFFFFu, param = 0;
    mmc_command c;
    int32_t hr;

    switch (b->f.profile)
    {
    case MMC_PROFILE_DVD_PLUS_RW: case MMC_PROFILE_DVD_PLUS_RW_DUAL: type = MMC_FORMAT_TYPE_DVDPRW_FULL; break;
    case MMC_PROFILE_DVD_DASH_RW_RESTRICTED: type = MMC_FORMAT_TYPE_QUICK; break;
    case MMC_PROFILE_BD_REWRITABLE: case MMC_PROFILE_DVD_RAM: type = MMC_FORMAT_TYPE_FULL; break;  /* default spares */
    default: return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    }
    /* the drive's own descriptor of that format type gives size and parameter */
    if ((hr = mmc_dev_format_capacities(b->d, &cur, &list, &n))) return hr;
    for (i = 0; i < n; i++)
        if (list[i].type == type) { blocks = list[i].blocks; param = list[i].parameter; break; }
    free(list);
    if (blocks == 0xFFFFFFFFu) return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    /* Not immediate: FORMAT UNIT runs to its end under the long timeout (a DVD+RW
     * returns at once anyway and formats in the background). */
    mmc_format_parameter_list(params, blocks, type, param, 0);
    mmc_cdb_format_unit(&c, params);
    return simple(b->d, &c);
}

static int32_t validate(burn *b)
{
    const mmc_burn_options *o = &b->job->opt;
    const mmc_media_facts *f = &b->f;
    uint64_t stream_blocks = b->job->source_bytes / BLOCK;
    uint32_t state;
    size_t i;

    if (!f->present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (f->write_class == MMC_CLASS_NONE) return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    if (f->write_protect) return E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED;
    state = mmc_media_data_state(f);
    /* closed media (and closed rewritables, that need an erase first) are not writable;
     * an open or damaged last session is a state the Data format does not repair */
    if (state & (MMC_STATE_FINALIZED | MMC_STATE_ERASE_REQUIRED)) return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    if (state & (MMC_STATE_DAMAGED | MMC_STATE_NON_EMPTY_SESSION)) return E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
    if (state & MMC_STATE_UNSUPPORTED_MASK) return E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED;
    if (!b->job->source_bytes || b->job->source_bytes % BLOCK || stream_blocks > 0x7FFFFFFF)
        return E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED;

    if (f->write_class == MMC_CLASS_SEQUENTIAL)
    {
        if (o->ranges) return MMC_HR_INVALIDARG;          /* ranges are for overwrite media */
        if (!f->nwa_valid) return E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
        if (stream_blocks > (uint64_t)mmc_media_data_free_sectors(f, o->postgap_in_image))
            return E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA;
        b->data_blocks = (uint32_t)stream_blocks;
        b->postgap = f->cd && !o->postgap_in_image ? MMC_CD_POSTGAP : 0;
        return 0;
    }

    /* overwrite media */
    if (o->ranges)
    {
        uint64_t sum = 0;
        if (!o->range_count) return MMC_HR_INVALIDARG;
        for (i = 0; i < o->range_count; i++)
        {
            const mmc_block_range *r = &o->ranges[i];
            if (r->start < 0 || r->end < r->start || (uint64_t)r->end >= stream_blocks) return MMC_HR_INVALIDARG;
            if ((uint64_t)r->end >= f->total_blocks) return E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA;
            sum += (uint64_t)(r->end - r->start) + 1;
        }
        if (sum > 0x7FFFFFFF) return MMC_HR_INVALIDARG;
        b->data_blocks = (uint32_t)sum;
    }
    else
    {
        if (stream_blocks > f->total_blocks) return E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA;
        b->data_blocks = (uint32_t)stream_blocks;
    }
    /* Without ForceOverwrite, used overwrite media are refused ("non-blank" = not
     * heuristically blank). [undoc] A write of given ranges is the second session of a
     * multisession image built on what is there (IBlockRangeList), so it skips the check. */
    if (!o->force_overwrite && !o->ranges)
    {
        int blank = 0;
        int32_t hr = mmc_media_heuristically_blank(b->d, f, &blank);
        if (hr) return hr;
        if (!blank) return E_IMAPI_DF2DATA_MEDIA_NOT_BLANK;
    }
    return 0;
}

/* Moves the source to the stream block `block` (ranges). Seeks when it can; else reads
 * forward (a stream that cannot seek still serves ranges in increasing order). */
static int32_t source_to(burn *b, uint64_t block)
{
    uint64_t want = block * BLOCK, cur = b->src.pos;
    if (want == cur) return 0;
    if (b->job->source->ops->seek && !b->job->source->ops->seek(b->job->source, b->job->source_offset + want))
    {
        b->src.pos = want;
        return 0;
    }
    if (want < cur) return E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED;
    while (cur < want)
    {
        size_t n = want - cur < b->job->buffer_size ? (size_t)(want - cur) : b->job->buffer_size, done = 0;
        int r = b->job->source->ops->read(b->job->source, b->job->buffer, n, &done);
        if (r) return r;
        if (!done) return MMC_HR_FAIL;
        cur += done;
    }
    b->src.pos = want;      /* skipped bytes are not hashed: they are not written */
    return 0;
}

static void choose_samples(burn *b)
{
    uint64_t n = b->data_blocks, cand[NSAMPLES];
    unsigned i, k;
    /* first block, the ISO 9660 / UDF descriptor area (16), the UDF anchor (256), the
     * middle and the last block: where a damaged image shows first */
    cand[0] = 0; cand[1] = 16; cand[2] = 256; cand[3] = n / 2; cand[4] = n - 1;
    b->src.nsamples = 0;
    for (i = 0; i < NSAMPLES; i++)
    {
        if (cand[i] >= n) continue;
        for (k = 0; k < b->src.nsamples && b->src.sample_ord[k] != cand[i]; k++) {}
        if (k == b->src.nsamples) b->src.sample_ord[b->src.nsamples++] = cand[i];
    }
}

static int32_t ordinal_lba(const burn *b, uint64_t ord)
{
    size_t i;
    for (i = 0; i < b->nseg; i++)
        if (ord >= b->seg[i].ordinal && ord < b->seg[i].ordinal + b->seg[i].count)
            return b->seg[i].lba + (int32_t)(ord - b->seg[i].ordinal);
    return -1;
}

static int32_t read_blocks(burn *b, int32_t lba, uint32_t count, uint8_t *buf)
{
    mmc_command c;
    int32_t hr;
    mmc_cdb_read10(&c, buf, (uint32_t)lba, (uint16_t)count, BLOCK);
    hr = mmc_dev_execute(b->d, &c);
    if (!hr && c.transferred != (size_t)count * BLOCK) hr = E_IMAPI_BURN_VERIFICATION_FAILED;
    /* a block the drive cannot read back is a failed verification; losing the medium
     * or the drive is reported as such */
    if (hr && hr != E_IMAPI_RECORDER_MEDIA_NO_MEDIA && hr != MMC_HR_DEV_NOT_EXIST && hr != MMC_HR_INVALID_HANDLE &&
        hr != E_IMAPI_RECORDER_COMMAND_TIMEOUT)
        hr = E_IMAPI_BURN_VERIFICATION_FAILED;
    return hr;
}

/* IBurnVerification: QUICK = disc and track information sane + the sampled blocks read
 * back equal; FULL = QUICK + every written block read back, hashed, equal.
 * Failure: E_IMAPI_BURN_VERIFICATION_FAILED (imapi2error.h names it for this). */
static int32_t verify(burn *b)
{
    mmc_disc_info di;
    mmc_track_info ti;
    uint8_t *buf = b->job->buffer;
    uint32_t per = b->job->buffer_size / BLOCK;
    unsigned i;
    size_t s;
    int32_t hr;

    if ((hr = mmc_dev_disc_info(b->d, &di, NULL, NULL))) return E_IMAPI_BURN_VERIFICATION_FAILED;
    if (di.disc_status == MMC_DISC_BLANK) return E_IMAPI_BURN_VERIFICATION_FAILED;
    if (b->f.write_class == MMC_CLASS_SEQUENTIAL)
    {
        int32_t first = b->seg[0].lba, last = first + (int32_t)b->data_blocks - 1;
        if (mmc_dev_track_info(b->d, MMC_TRACK_ADDR_LBA, (uint32_t)first, &ti, NULL, NULL) ||
            (int32_t)ti.track_start > first || (int64_t)ti.track_start + ti.track_size <= last)
            return E_IMAPI_BURN_VERIFICATION_FAILED;
    }
    for (i = 0; i < b->src.nsamples; i++)
    {
        int32_t lba = ordinal_lba(b, b->src.sample_ord[i]);
        if ((hr = read_blocks(b, lba, 1, buf))) return hr;
        if (memcmp(buf, b->src.samples + (size_t)i * BLOCK, BLOCK)) return E_IMAPI_BURN_VERIFICATION_FAILED;
    }
    if (b->job->opt.verify == MMC_VERIFY_FULL)
    {
        uint64_t h = FNV_OFFSET;
        if (per > 0xFFFF) per = 0xFFFF;
        for (s = 0; s < b->nseg; s++)
        {
            uint32_t done = 0;
            while (done < b->seg[s].count)
            {
                uint32_t n = b->seg[s].count - done < per ? b->seg[s].count - done : per;
                if ((hr = read_blocks(b, b->seg[s].lba + (int32_t)done, n, buf))) return hr;
                h = fnv(h, buf, (size_t)n * BLOCK);
                done += n;
            }
        }
        if (h != b->src.hash) return E_IMAPI_BURN_VERIFICATION_FAILED;
    }
    return 0;
}

static int32_t write_all(burn *b)
{
    const mmc_burn_options *o = &b->job->opt;
    core_stream zeros = { &zero_ops, NULL };
    int32_t hr = 0;
    size_t i;

    if (b->f.write_class == MMC_CLASS_OVERWRITE && o->ranges)
    {
        uint64_t ord = 0;
        b->nseg = o->range_count;
        if (!(b->seg = calloc(b->nseg, sizeof(*b->seg)))) return MMC_HR_OUTOFMEMORY;
        for (i = 0; i < b->nseg; i++)
        {
            b->seg[i].lba = o->ranges[i].start;
            b->seg[i].count = (uint32_t)(o->ranges[i].end - o->ranges[i].start + 1);
            b->seg[i].ordinal = ord;
            ord += b->seg[i].count;
        }
    }
    else
    {
        b->nseg = 1;
        if (!(b->seg = calloc(1, sizeof(*b->seg)))) return MMC_HR_OUTOFMEMORY;
        b->seg[0].lba = b->f.write_class == MMC_CLASS_SEQUENTIAL ? b->f.next_writable : 0;
        b->seg[0].count = b->data_blocks;
    }
    b->p.start_lba = b->seg[0].lba;
    b->p.sector_count = b->total_blocks;
    b->p.last_read_lba = b->p.last_written_lba = b->p.start_lba - 1;
    b->p.buffer_total = mmc_write_staging_bytes(b->job->ahead, b->job->buffer_size);
    b->write_t0 = now(b);
    for (i = 0; i < b->nseg && !hr; i++)
    {
        if (o->ranges && (hr = source_to(b, (uint64_t)o->ranges[i].start))) break;
        hr = write_segment(b, &b->src.base, b->seg[i].lba, b->seg[i].count);
    }
    /* the post-gap: 150 blocks of zeros after the data, in the same track */
    if (!hr && b->postgap)
        hr = write_segment(b, &zeros, b->seg[0].lba + (int32_t)b->data_blocks, b->postgap);
    return hr;
}

static int32_t finalize(burn *b)
{
    int32_t hr;
    if ((hr = sync_cache(b))) return hr;
    if (b->f.write_class == MMC_CLASS_SEQUENTIAL) return close_sequential(b, b->closes_disc);
    /* DVD+RW we formatted: end the background format the compatible way (close
     * session, as libburn does); other overwrite media need no closing */
    if (b->formatted_now && (b->f.profile == MMC_PROFILE_DVD_PLUS_RW || b->f.profile == MMC_PROFILE_DVD_PLUS_RW_DUAL))
        return close_ts(b, MMC_CLOSE_SESSION, 0);
    return 0;
}

static int32_t run(burn *b)
{
    const mmc_burn_job *job = b->job;
    int32_t hr, adjusted = 0;
    uint32_t cur_speed = 0;
    int cav = 0;

    if (report(b, MMC_BURN_VALIDATING)) return E_IMAPI_REQUEST_CANCELLED;
    if ((hr = mmc_media_query(b->d, &b->f))) return hr;
    if ((hr = validate(b))) return hr;
    b->total_blocks = b->data_blocks + b->postgap;
    b->family = mmc_media_family(b->f.profile);

    if (b->f.write_class == MMC_CLASS_OVERWRITE && b->f.needs_format)
    {
        if (report(b, MMC_BURN_FORMATTING)) return E_IMAPI_REQUEST_CANCELLED;
        if ((hr = format_medium(b))) return hr;
        b->formatted_now = 1;
        if ((hr = mmc_media_query(b->d, &b->f))) return hr;
        if (b->f.needs_format || b->data_blocks > b->f.total_blocks) return E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA;
    }

    if (report(b, MMC_BURN_INITIALIZING)) return E_IMAPI_REQUEST_CANCELLED;
    /* [undoc] a drive refusing the speed commands still burns at its own speed: the
     * failure is not fatal and reported as nothing. */
    if (mmc_burn_set_speed(b->d, &b->f, job->opt.speed, job->opt.pure_cav, &adjusted, &cur_speed, &cav))
        adjusted = 0;
    b->speed_sps = cur_speed;
    b->closes_disc = mmc_burn_closes_disc(&b->f, &job->opt, b->data_blocks);
    if (uses_page05(&b->f) && (hr = set_write_params(b, !b->closes_disc))) return hr;

    if (report(b, MMC_BURN_CALIBRATING)) return E_IMAPI_REQUEST_CANCELLED;
    {
        /* OPC: drives without it (or that calibrate on their own) refuse; not fatal,
         * as libburn treats it */
        mmc_command c;
        mmc_cdb_send_opc_information(&c, 1);
        hr = mmc_dev_execute(b->d, &c);
        if (hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA || hr == E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED) return hr;
    }

    choose_samples(b);
    if ((hr = write_all(b)))
    {
        emergency_close(b);
        return hr;
    }

    /* Cancelling is no longer possible once the data is out: closing must happen. */
    report(b, MMC_BURN_FINALIZING);
    if ((hr = finalize(b))) return hr;

    if (job->opt.verify != MMC_VERIFY_NONE)
    {
        if (report(b, MMC_BURN_VERIFYING)) return E_IMAPI_REQUEST_CANCELLED;
        if ((hr = verify(b))) return hr;
    }
    report(b, MMC_BURN_COMPLETED);
    return adjusted;
}

int32_t mmc_burn_data(const mmc_burn_job *job)
{
    burn b;
    int32_t hr;
    if (!job || !job->dev || !job->dev->transport || !job->source || !job->source->ops ||
        !job->source->ops->read || !job->buffer || job->buffer_size < BLOCK)
        return MMC_HR_INVALIDARG;
    memset(&b, 0, sizeof(b));
    b.job = job;
    b.d = job->dev;
    b.t0 = now(&b);
    b.p.start_lba = 0;
    b.p.last_read_lba = b.p.last_written_lba = -1;
    b.p.buffer_total = mmc_write_staging_bytes(job->ahead, job->buffer_size);
    b.src.base.ops = &hashed_ops;
    b.src.base.ctx = &b.src;
    b.src.inner = job->source;
    b.src.hash = FNV_OFFSET;
    b.src.hash_all = job->opt.verify == MMC_VERIFY_FULL;   /* a byte loop: only when it is used */
    if (!(b.src.samples = malloc((size_t)NSAMPLES * BLOCK))) return MMC_HR_OUTOFMEMORY;
    hr = run(&b);
    free(b.src.samples);
    free(b.seg);
    return hr;
}

/* ---- speeds ---- */

/* Sectors per second at 1x (IMAPI) and kB/s at 1x (MMC): CD 75 / 176.4, DVD 680 / 1385,
 * BD 2195 / 4496 (spec 0.4; MMC-6 speed units). */
static void unit(uint16_t profile, uint32_t *sps, uint32_t *kbps10)
{
    switch (mmc_media_family(profile))
    {
    case MMC_FAMILY_DVD: *sps = 680; *kbps10 = 13850; break;
    case MMC_FAMILY_BD: *sps = 2195; *kbps10 = 44960; break;
    default: *sps = 75; *kbps10 = 1764; break;
    }
}

uint32_t mmc_burn_kbps_to_sectors(uint16_t profile, uint32_t kbps)
{
    uint32_t s1, k10, n;
    uint64_t sps;
    unit(profile, &s1, &k10);
    sps = ((uint64_t)kbps * 10 * s1 + k10 / 2) / k10;
    /* drives round "n x" in kB/s (8x CD: 1408 or 1411); snap to n x within 1 % */
    n = (uint32_t)((sps + s1 / 2) / s1);
    if (n && (sps > (uint64_t)n * s1 ? sps - (uint64_t)n * s1 : (uint64_t)n * s1 - sps) * 100 <= sps)
        sps = (uint64_t)n * s1;
    return sps > 0x7FFFFFFF ? 0x7FFFFFFF : (uint32_t)sps;
}

int32_t mmc_burn_set_speed(mmc_device *d, const mmc_media_facts *f, int32_t speed, int pure_cav,
                           int32_t *adjusted, uint32_t *current, int *cav)
{
    mmc_write_speed_desc *sp = NULL;
    size_t n = 0, i, best = (size_t)-1;
    int any_rot = 0, rot_adj, speed_adj;
    uint32_t best_sps = 0;
    mmc_command c;
    int32_t hr;

    *adjusted = 0;
    *current = 0;
    *cav = 0;
    if ((hr = mmc_dev_write_speeds(d, &sp, &n))) return hr;
    if (!n) { free(sp); return 0; }      /* the drive lists none: it chooses itself */
    for (i = 0; i < n; i++) any_rot |= (sp[i].wrc == 1) == (pure_cav != 0);
    rot_adj = !any_rot;
    for (i = 0; i < n; i++)
    {
        uint32_t s = mmc_burn_kbps_to_sectors(f->profile, sp[i].write_kbps);
        if (any_rot && (sp[i].wrc == 1) != (pure_cav != 0)) continue;
        if (best == (size_t)-1) { best = i; best_sps = s; continue; }
        if (speed < 0 ? s > best_sps :
            /* nearest; on a tie the slower one */
            (labs((long)s - speed) < labs((long)best_sps - speed) ||
             (labs((long)s - speed) == labs((long)best_sps - speed) && s < best_sps)))
        { best = i; best_sps = s; }
    }
    speed_adj = speed >= 0 && best_sps != (uint32_t)speed;
    if (f->cd)
    {
        /* SET CD SPEED: write kB/s and rotation control (0 CLV, 1 CAV) */
        mmc_cdb_set_cd_speed(&c, 0xFFFF, (uint16_t)(sp[best].write_kbps > 0xFFFE ? 0xFFFE : sp[best].write_kbps),
                             sp[best].wrc == 1);
        hr = mmc_dev_execute(d, &c);
    }
    else hr = -1;
    if (hr)
    {
        uint8_t desc[MMC_STREAMING_DESC_LEN];
        uint32_t end = f->total_blocks ? f->total_blocks - 1 : sp[best].end_lba;
        mmc_streaming_descriptor(desc, 0, end, sp[best].read_kbps ? sp[best].read_kbps : sp[best].write_kbps,
                                 sp[best].write_kbps, sp[best].wrc, 0);
        mmc_cdb_set_streaming(&c, desc);
        hr = mmc_dev_execute(d, &c);
    }
    if (!hr)
    {
        *current = best_sps;
        *cav = sp[best].wrc == 1;
        *adjusted = speed_adj && rot_adj ? S_IMAPI_BOTHADJUSTED : speed_adj ? S_IMAPI_SPEEDADJUSTED :
                    rot_adj ? S_IMAPI_ROTATIONADJUSTED : 0;
    }
    free(sp);
    return hr;
}
