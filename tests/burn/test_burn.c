/* The data burn recipe (core/mmc/mmc_burn.c) and the media facts (mmc_media.c) against
 * the emulated recorder, for every writable profile: facts on blank media, a burn,
 * facts afterwards, appended sessions, the documented refusals (each leaving the disc as
 * it was), cancel, verification catching a corrupted sector, speeds, overwrite ranges,
 * and an exported disc judged by isoinfo / xorriso. */
#include <stdint.h>
#include "check.h"
#include "vdrive/vd_test_util.h"
#include "mmc/mmc_burn.h"

#define BLOCKS 300

static uint8_t *source;                 /* BLOCKS blocks of known bytes */
static uint8_t *buffer;                 /* the staging buffer */
#define BUFFER_SIZE (16 * 2048)

static void make_source(uint8_t *p, unsigned blocks, unsigned seed)
{
    unsigned i, k;
    for (i = 0; i < blocks; i++)
        for (k = 0; k < 2048; k++) p[(size_t)i * 2048 + k] = (uint8_t)(i * 7 + k * 13 + seed);
}

/* ---- a recorder with a medium, through the transport the COM layer uses ---- */
typedef struct rec
{
    vdrive *vd;              /* operator handle: media, protection */
    mmc_transport *t;
    mmc_device d;
} rec;

static void rec_open(rec *r, const char *name, uint16_t profile)
{
    vt_fresh_dir(name, NULL);
    if (vdrive_open(vt_dir, &r->vd)) exit(2);
    if (profile) CHECK_EQ_INT(vdrive_insert_blank(r->vd, profile), 0);
    if (vdrive_transport_open(vt_dir, &r->t)) exit(2);
    mmc_dev_init(&r->d, r->t);
}

static void rec_close(rec *r)
{
    r->t->release(r->t);
    vdrive_close(r->vd);
}

/* ---- progress: a fake clock and a record of what was reported ---- */
typedef struct prog
{
    uint64_t clock;
    int actions[64];
    unsigned nactions;
    unsigned writing_reports;
    int cancel_at_action;          /* -1: never */
    unsigned cancel_after_writes;  /* with cancel_at_action == WRITING: the n-th report */
    int bad_times, bad_lbas;
    /* corrupt a byte of disc.img as this action is reported (-1: never) */
    int corrupt_at_action;
    int64_t corrupt_lba;
    unsigned stride;
} prog;

static int pread_all(core_file *f, void *buf, size_t len, uint64_t off)
{
    size_t done = 0;
    int r = core_file_pread(f, buf, len, off, &done);
    return r ? r : done == len ? 0 : -1;
}

static uint64_t fake_now(void *ctx) { prog *p = ctx; return p->clock += 100; }
static void fake_sleep(void *ctx, unsigned ms) { prog *p = ctx; p->clock += ms; }

static void corrupt(int64_t lba, unsigned stride)
{
    char path[1200];
    uint8_t b;
    core_file *f;
    snprintf(path, sizeof(path), "%s/disc.img", vt_dir);
    if (core_file_open(path, CORE_FILE_READ | CORE_FILE_WRITE, &f)) { CHECK(!"open disc.img"); return; }
    CHECK_EQ_INT(pread_all(f, &b, 1, (uint64_t)lba * stride + 100), 0);
    b ^= 0x01;
    CHECK_EQ_INT(core_file_pwrite(f, &b, 1, (uint64_t)lba * stride + 100), 0);
    core_file_close(f);
}

static int on_progress(void *ctx, const mmc_burn_progress *p)
{
    prog *g = ctx;
    if (!g->nactions || g->actions[g->nactions - 1] != (int)p->action)
        if (g->nactions < 64) g->actions[g->nactions++] = (int)p->action;
    if (p->elapsed_s + p->remaining_s != p->total_s) g->bad_times++;
    if (p->action == MMC_BURN_WRITING)
    {
        g->writing_reports++;
        if (p->last_written_lba < p->start_lba - 1 || p->last_written_lba > p->last_read_lba ||
            p->last_read_lba >= p->start_lba + (int32_t)p->sector_count || p->buffer_used > p->buffer_total)
            g->bad_lbas++;
    }
    if (g->corrupt_at_action == (int)p->action) { corrupt(g->corrupt_lba, g->stride); g->corrupt_at_action = -1; }
    if (g->cancel_at_action == (int)p->action)
        return p->action != MMC_BURN_WRITING || g->writing_reports >= g->cancel_after_writes;
    return 0;
}

static void prog_init(prog *g)
{
    memset(g, 0, sizeof(*g));
    g->cancel_at_action = g->corrupt_at_action = -1;
}

static int32_t burn(rec *r, const uint8_t *data, unsigned blocks, const mmc_burn_options *opt, prog *g)
{
    core_mem_stream ms;
    mmc_burn_job job;
    prog local;
    if (!g) { prog_init(&local); g = &local; }
    core_mem_stream_init(&ms, (void *)data, (size_t)blocks * 2048);
    memset(&job, 0, sizeof(job));
    job.dev = &r->d;
    job.source = &ms.base;
    job.source_bytes = (uint64_t)blocks * 2048;
    if (opt) job.opt = *opt;
    else { job.opt.speed = -1; }
    job.progress = on_progress;
    job.ctx = g;
    job.interval_ms = 500;
    job.now_ms = fake_now;
    job.sleep_ms = fake_sleep;
    job.buffer = buffer;
    job.buffer_size = BUFFER_SIZE;
    return mmc_burn_data(&job);
}

static mmc_burn_options defaults(void)
{
    mmc_burn_options o;
    memset(&o, 0, sizeof(o));
    o.speed = -1;
    return o;
}

static int read_equals(rec *r, int32_t lba, const uint8_t *data, unsigned blocks)
{
    uint8_t *buf = malloc(32 * 2048);
    unsigned done = 0;
    int ok = 1;
    while (done < blocks && ok)
    {
        unsigned n = blocks - done < 32 ? blocks - done : 32;
        mmc_command c;
        mmc_cdb_read10(&c, buf, (uint32_t)(lba + (int32_t)done), (uint16_t)n, 2048);
        if (mmc_dev_execute(&r->d, &c) || memcmp(buf, data + (size_t)done * 2048, (size_t)n * 2048)) ok = 0;
        done += n;
    }
    free(buf);
    return ok;
}

static mmc_media_facts facts(rec *r)
{
    mmc_media_facts f;
    CHECK_EQ_INT(mmc_media_query(&r->d, &f), 0);
    return f;
}

static int same_facts(const mmc_media_facts *a, const mmc_media_facts *b)
{
    return a->present == b->present && a->profile == b->profile && a->disc_status == b->disc_status &&
           a->sessions == b->sessions && a->next_writable == b->next_writable && a->free_blocks == b->free_blocks &&
           a->total_blocks == b->total_blocks && a->last_written == b->last_written &&
           a->needs_format == b->needs_format && a->last_session_state == b->last_session_state;
}

/* ---- every writable profile ---- */
typedef struct profile_case
{
    uint16_t profile;
    const char *name;
    enum mmc_media_type type;
    enum mmc_write_class cls;
    uint32_t capacity;
    uint32_t after_nwa;      /* sequential: NWA after a BLOCKS-block burn (overhead of the model) */
    uint32_t state_after;    /* CurrentMediaStatus after the burn */
} profile_case;

static const profile_case cases[] =
{
    /* CD: data + 150 post-gap, then the vdrive's first-session overhead 6750 + 4500 + 150 */
    { 0x0009, "cdr", MMC_MEDIA_CDR, MMC_CLASS_SEQUENTIAL, 359849, BLOCKS + 150 + 11400, MMC_STATE_APPENDABLE },
    { 0x000A, "cdrw", MMC_MEDIA_CDRW, MMC_CLASS_SEQUENTIAL, 359849, BLOCKS + 150 + 11400, MMC_STATE_APPENDABLE },
    /* DVD-R: sessions start on 16-block ECC boundaries */
    { 0x0011, "dvdr", MMC_MEDIA_DVDDASHR, MMC_CLASS_SEQUENTIAL, 2298496, 304, MMC_STATE_APPENDABLE },
    /* DVD-RW sequential: single session for IMAPI, closed by the write */
    { 0x0014, "dvdrw", MMC_MEDIA_DVDDASHRW, MMC_CLASS_SEQUENTIAL, 2298496, 0,
      MMC_STATE_FINALIZED | MMC_STATE_ERASE_REQUIRED },
    /* DVD+R(DL) in the default compatibility mode: closed */
    { 0x001B, "dvdplusr", MMC_MEDIA_DVDPLUSR, MMC_CLASS_SEQUENTIAL, 2295104, 0, MMC_STATE_FINALIZED },
    { 0x002B, "dvdplusrdl", MMC_MEDIA_DVDPLUSR_DUALLAYER, MMC_CLASS_SEQUENTIAL, 4173824, 0, MMC_STATE_FINALIZED },
    { 0x001A, "dvdplusrw", MMC_MEDIA_DVDPLUSRW, MMC_CLASS_OVERWRITE, 2295104, 0, MMC_STATE_OVERWRITE_ONLY },
    { 0x0012, "dvdram", MMC_MEDIA_DVDRAM, MMC_CLASS_OVERWRITE, 2236704, 0, MMC_STATE_OVERWRITE_ONLY },
    { 0x0013, "dvdrwro", MMC_MEDIA_DVDDASHRW, MMC_CLASS_OVERWRITE, 2298496, 0, MMC_STATE_OVERWRITE_ONLY },
    /* BD-R: sessions on 32-block clusters */
    { 0x0041, "bdr", MMC_MEDIA_BDR, MMC_CLASS_SEQUENTIAL, 12219392, 320, MMC_STATE_APPENDABLE },
    { 0x0043, "bdre", MMC_MEDIA_BDRE, MMC_CLASS_OVERWRITE, 11826176, 0, MMC_STATE_OVERWRITE_ONLY },
};

static void test_profile(const profile_case *pc)
{
    char name[64];
    rec r;
    mmc_media_facts f, g;
    prog p;
    int blank = 0;
    int32_t free_before, free_after;
    uint32_t state;
    unsigned i;
    int formatting = 0;

    snprintf(name, sizeof(name), "burn_%s", pc->name);
    rec_open(&r, name, pc->profile);

    /* blank facts */
    f = facts(&r);
    CHECK_EQ_INT(f.present, 1);
    CHECK_EQ_INT(f.profile, pc->profile);
    CHECK_EQ_INT(f.type, pc->type);
    CHECK_EQ_INT(f.write_class, pc->cls);
    CHECK_EQ_INT(f.write_protect, 0);
    CHECK_EQ_INT(f.next_writable, 0);
    CHECK_EQ_INT(f.total_blocks, pc->capacity);
    CHECK_EQ_INT(f.prev_session_start, -1);
    CHECK_EQ_INT(f.prev_session_last, -1);
    CHECK_EQ_INT(mmc_media_data_check(&f), 0);
    CHECK_EQ_INT(mmc_format_media_supported(MMC_FORMAT_DATA, &f), 1);
    CHECK_EQ_INT(mmc_format_media_supported(MMC_FORMAT_TAO, &f), f.cd);
    CHECK_EQ_INT(mmc_media_heuristically_blank(&r.d, &f, &blank), 0);
    CHECK_EQ_INT(blank, 1);
    state = mmc_media_data_state(&f);
    free_before = mmc_media_data_free_sectors(&f, 0);
    if (pc->cls == MMC_CLASS_SEQUENTIAL)
    {
        CHECK_EQ_INT(mmc_media_physically_blank(&f), 1);
        CHECK_EQ_INT(state, MMC_STATE_BLANK | (pc->profile == 0x0014 ? MMC_STATE_FINAL_SESSION : 0));
        CHECK_EQ_INT(f.nwa_valid, 1);
        CHECK_EQ_INT(f.sessions, 1);
        CHECK_EQ_INT(free_before, (int32_t)pc->capacity - (f.cd ? 152 : 0));
        CHECK_EQ_INT(mmc_media_data_free_sectors(&f, 1), (int32_t)pc->capacity - (f.cd ? 2 : 0));
    }
    else
    {
        formatting = pc->profile == 0x001A || pc->profile == 0x0043;
        CHECK_EQ_INT(f.needs_format, formatting);
        CHECK_EQ_INT(state, MMC_STATE_OVERWRITE_ONLY | (formatting ? MMC_STATE_BLANK : 0));
        CHECK_EQ_INT(free_before, (int32_t)pc->capacity);
    }

    /* the burn, fully verified */
    prog_init(&p);
    {
        mmc_burn_options o = defaults();
        o.verify = MMC_VERIFY_FULL;
        CHECK_EQ_INT(burn(&r, source, BLOCKS, &o, &p), 0);
    }
    {
        /* the documented action sequence */
        int expect[8], n = 0;
        expect[n++] = MMC_BURN_VALIDATING;
        if (formatting) expect[n++] = MMC_BURN_FORMATTING;
        expect[n++] = MMC_BURN_INITIALIZING;
        expect[n++] = MMC_BURN_CALIBRATING;
        expect[n++] = MMC_BURN_WRITING;
        expect[n++] = MMC_BURN_FINALIZING;
        expect[n++] = MMC_BURN_VERIFYING;
        expect[n++] = MMC_BURN_COMPLETED;
        CHECK_EQ_INT(p.nactions, n);
        for (i = 0; i < p.nactions && i < (unsigned)n; i++) CHECK_EQ_INT(p.actions[i], expect[i]);
        CHECK(p.writing_reports >= 3);
        CHECK_EQ_INT(p.bad_times, 0);
        CHECK_EQ_INT(p.bad_lbas, 0);
    }
    CHECK(read_equals(&r, 0, source, BLOCKS));

    /* facts afterwards */
    g = facts(&r);
    CHECK_EQ_INT(mmc_media_data_state(&g), pc->state_after);
    CHECK_EQ_INT(mmc_media_physically_blank(&g), 0);
    CHECK_EQ_INT(mmc_media_heuristically_blank(&r.d, &g, &blank), 0);
    CHECK_EQ_INT(blank, 0);
    free_after = mmc_media_data_free_sectors(&g, 0);
    if (pc->cls == MMC_CLASS_SEQUENTIAL && (pc->state_after & MMC_STATE_APPENDABLE))
    {
        CHECK_EQ_INT(g.next_writable, pc->after_nwa);
        /* free decreased by exactly the blocks written plus the session's overhead */
        CHECK_EQ_INT(free_before - free_after, (int32_t)pc->after_nwa);
        CHECK_EQ_INT(g.total_blocks, f.total_blocks);
        CHECK_EQ_INT(g.prev_session_start, 0);
        CHECK_EQ_INT(g.prev_session_last, BLOCKS - 1 + (g.cd ? 150 : 0));
        CHECK_EQ_INT(g.sessions, 2);
        CHECK_EQ_INT(mmc_format_media_supported(MMC_FORMAT_DATA, &g), 1);
    }
    else if (pc->cls == MMC_CLASS_SEQUENTIAL)
    {
        CHECK_EQ_INT(g.nwa_valid, 0);
        CHECK_EQ_INT(free_after, 0);
        CHECK_EQ_INT(mmc_media_data_check(&g), E_IMAPI_DF2DATA_INVALID_MEDIA_STATE);
        CHECK_EQ_INT(mmc_format_media_supported(MMC_FORMAT_DATA, &g), 0);
        CHECK_EQ_INT(g.prev_session_start, 0);
        /* closed: a second write is refused and changes nothing */
        CHECK_EQ_INT(burn(&r, source, 10, NULL, NULL), E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED);
        f = facts(&r);
        CHECK(same_facts(&f, &g));
    }
    else
    {
        CHECK_EQ_INT(g.needs_format, 0);
        CHECK_EQ_INT(free_after, (int32_t)g.total_blocks);
        CHECK_EQ_INT(g.next_writable, 0);
        CHECK_EQ_INT(mmc_format_media_supported(MMC_FORMAT_DATA, &g), 1);
        /* used overwrite media: refused without ForceOverwrite, disc unchanged */
        CHECK_EQ_INT(burn(&r, source + 2048, 10, NULL, NULL), E_IMAPI_DF2DATA_MEDIA_NOT_BLANK);
        CHECK(read_equals(&r, 0, source, BLOCKS));
        {
            mmc_burn_options o = defaults();
            o.force_overwrite = 1;
            CHECK_EQ_INT(burn(&r, source + 2048, 10, &o, NULL), 0);
            CHECK(read_equals(&r, 0, source + 2048, 10));
            CHECK(read_equals(&r, 10, source + 10 * 2048, BLOCKS - 10));
        }
    }
    rec_close(&r);
}

/* ---- second sessions ---- */
static void test_second_session(uint16_t profile, const char *name)
{
    rec r;
    mmc_media_facts f, g;
    mmc_burn_options o = defaults();
    uint8_t *second = malloc(200 * 2048), *toc = NULL;
    size_t len = 0;
    mmc_toc_header h;
    mmc_toc_track tr[4];
    size_t n = 0;

    make_source(second, 200, 99);
    o.disable_dvd_compat = 1;           /* DVD+R: only the session is closed */
    o.verify = MMC_VERIFY_QUICK;
    rec_open(&r, name, profile);
    CHECK_EQ_INT(burn(&r, source, BLOCKS, &o, NULL), 0);
    f = facts(&r);
    CHECK_EQ_INT(mmc_media_data_state(&f), MMC_STATE_APPENDABLE);
    CHECK_EQ_INT(burn(&r, second, 200, &o, NULL), 0);
    g = facts(&r);
    CHECK_EQ_INT(mmc_media_data_state(&g), MMC_STATE_APPENDABLE);
    CHECK_EQ_INT(g.sessions, 3);                       /* two complete and the empty third */
    CHECK_EQ_INT(g.prev_session_start, f.next_writable);  /* the second landed at the NWA */
    CHECK_EQ_INT(g.prev_session_last, f.next_writable + 200 - 1 + (g.cd ? 150 : 0));
    CHECK(g.next_writable > g.prev_session_last);
    CHECK(read_equals(&r, 0, source, BLOCKS));
    CHECK(read_equals(&r, f.next_writable, second, 200));
    /* READ TOC, session format: last complete session 2, starting at the second NWA */
    CHECK_EQ_INT(mmc_dev_read_toc(&r.d, MMC_TOC_FORMAT_SESSION, 0, 0, &toc, &len), 0);
    if (toc)
    {
        CHECK_EQ_INT(mmc_parse_toc(toc, len, 0, &h, tr, 4, &n), 0);
        CHECK_EQ_INT(h.first, 1);
        CHECK_EQ_INT(h.last, 2);
        CHECK(n >= 1 && tr[0].lba == f.next_writable);
        free(toc);
    }
    rec_close(&r);
    free(second);
}

/* ---- refusals: each leaves the disc as it was ---- */
static void test_refusals(void)
{
    rec r;
    mmc_media_facts f, g;
    mmc_burn_options o = defaults();
    char path[1200];
    core_file *img;

    /* no medium */
    rec_open(&r, "burn_nomedia", 0);
    f = facts(&r);
    CHECK_EQ_INT(f.present, 0);
    CHECK_EQ_INT(mmc_media_data_state(&f), MMC_STATE_UNKNOWN);
    CHECK_EQ_INT(mmc_media_data_check(&f), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    CHECK_EQ_INT(burn(&r, source, BLOCKS, NULL, NULL), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    rec_close(&r);

    /* pressed DVD-ROM */
    rec_open(&r, "burn_rom", 0);
    snprintf(path, sizeof(path), "%s/rom.iso", vt_dir);
    if (!core_file_open(path, CORE_FILE_WRITE | CORE_FILE_CREATE | CORE_FILE_TRUNCATE, &img))
    {
        CHECK_EQ_INT(core_file_pwrite(img, source, (size_t)BLOCKS * 2048, 0), 0);
        core_file_close(img);
    }
    CHECK_EQ_INT(vdrive_insert_rom(r.vd, 0x0010, path), 0);
    f = facts(&r);
    CHECK_EQ_INT(f.type, MMC_MEDIA_DVDROM);
    CHECK_EQ_INT(f.write_class, MMC_CLASS_NONE);
    CHECK_EQ_INT(f.write_protect, MMC_WP_READ_ONLY_MEDIA);
    CHECK_EQ_INT(mmc_media_data_state(&f), MMC_STATE_UNSUPPORTED_MEDIA);
    CHECK_EQ_INT(mmc_format_media_supported(MMC_FORMAT_DATA, &f), 0);
    CHECK_EQ_INT(burn(&r, source, 10, NULL, NULL), E_IMAPI_DF2DATA_MEDIA_IS_NOT_SUPPORTED);
    CHECK(read_equals(&r, 0, source, BLOCKS));
    rec_close(&r);

    /* write protected CD-R */
    rec_open(&r, "burn_protected", 0x0009);
    CHECK_EQ_INT(vdrive_set_write_protect(r.vd, 1), 0);
    f = facts(&r);
    CHECK_EQ_INT(f.write_protect, MMC_WP_BY_CARTRIDGE);
    CHECK_EQ_INT(mmc_media_data_state(&f), MMC_STATE_BLANK | MMC_STATE_WRITE_PROTECTED);
    CHECK_EQ_INT(mmc_format_media_supported(MMC_FORMAT_DATA, &f), 0);
    CHECK_EQ_INT(burn(&r, source, BLOCKS, NULL, NULL), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    g = facts(&r);
    CHECK(same_facts(&f, &g));
    CHECK_EQ_INT(vdrive_set_write_protect(r.vd, 0), 0);
    g = facts(&r);
    CHECK_EQ_INT(mmc_media_data_state(&g), MMC_STATE_BLANK);
    rec_close(&r);

    /* too large for the medium (validation never reads the stream): CD, exactly the
     * free sectors fit, one more does not */
    rec_open(&r, "burn_toolarge", 0x0009);
    f = facts(&r);
    {
        core_mem_stream ms;
        mmc_burn_job job;
        core_mem_stream_init(&ms, source, (size_t)BLOCKS * 2048);
        memset(&job, 0, sizeof(job));
        job.dev = &r.d;
        job.source = &ms.base;
        job.source_bytes = ((uint64_t)mmc_media_data_free_sectors(&f, 0) + 1) * 2048;
        job.opt = o;
        job.buffer = buffer;
        job.buffer_size = BUFFER_SIZE;
        CHECK_EQ_INT(mmc_burn_data(&job), E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA);
        job.opt.postgap_in_image = 1;     /* without our post-gap 150 more blocks fit */
        job.source_bytes = ((uint64_t)mmc_media_data_free_sectors(&f, 1) + 1) * 2048;
        CHECK_EQ_INT(mmc_burn_data(&job), E_IMAPI_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA);
        job.source_bytes = 2048 * 10 + 1;
        CHECK_EQ_INT(mmc_burn_data(&job), E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED);
        job.source_bytes = 0;
        CHECK_EQ_INT(mmc_burn_data(&job), E_IMAPI_DF2DATA_STREAM_NOT_SUPPORTED);
    }
    g = facts(&r);
    CHECK(same_facts(&f, &g));
    CHECK_EQ_INT(mmc_media_data_state(&g), MMC_STATE_BLANK);
    rec_close(&r);

    /* DVD-RAM too small for the stream */
    rec_open(&r, "burn_toolarge_ram", 0x0012);
    f = facts(&r);
    {
        mmc_block_range range = { 0, 10 };
        o.ranges = &range;
        o.range_count = 1;
        CHECK_EQ_INT(burn(&r, source, 5, &o, NULL), MMC_HR_INVALIDARG);   /* range past the stream */
        o.ranges = NULL;
        o.range_count = 0;
    }
    g = facts(&r);
    CHECK(same_facts(&f, &g));
    rec_close(&r);
}

/* ---- cancel ---- */
static void test_cancel(void)
{
    rec r;
    mmc_media_facts f, g;
    prog p;
    int blank;

    /* before anything is written: nothing changes */
    rec_open(&r, "burn_cancel_early", 0x0009);
    f = facts(&r);
    prog_init(&p);
    p.cancel_at_action = MMC_BURN_CALIBRATING;
    CHECK_EQ_INT(burn(&r, source, BLOCKS, NULL, &p), E_IMAPI_REQUEST_CANCELLED);
    g = facts(&r);
    CHECK(same_facts(&f, &g));
    CHECK_EQ_INT(mmc_media_data_state(&g), MMC_STATE_BLANK);
    rec_close(&r);

    /* while writing a CD-R: the blocks written so far become a closed session, the
     * disc stays appendable and takes another session */
    rec_open(&r, "burn_cancel_cd", 0x0009);
    prog_init(&p);
    p.cancel_at_action = MMC_BURN_WRITING;
    p.cancel_after_writes = 4;
    CHECK_EQ_INT(burn(&r, source, BLOCKS, NULL, &p), E_IMAPI_REQUEST_CANCELLED);
    CHECK_EQ_INT(p.actions[p.nactions - 1], MMC_BURN_WRITING);    /* no FINALIZING reported */
    g = facts(&r);
    CHECK_EQ_INT(mmc_media_data_state(&g), MMC_STATE_APPENDABLE);
    CHECK_EQ_INT(g.sessions, 2);
    CHECK_EQ_INT(g.prev_session_start, 0);
    CHECK(g.prev_session_last >= 0 && g.prev_session_last < BLOCKS - 1);
    CHECK(read_equals(&r, 0, source, (unsigned)g.prev_session_last + 1));
    CHECK_EQ_INT(burn(&r, source, 20, NULL, NULL), 0);
    CHECK(read_equals(&r, g.next_writable, source, 20));
    rec_close(&r);

    /* while writing a DVD+RW (overwrite): what was written stays, nothing to close */
    rec_open(&r, "burn_cancel_dvdrw", 0x001A);
    prog_init(&p);
    p.cancel_at_action = MMC_BURN_WRITING;
    p.cancel_after_writes = 3;
    CHECK_EQ_INT(burn(&r, source, BLOCKS, NULL, &p), E_IMAPI_REQUEST_CANCELLED);
    g = facts(&r);
    CHECK_EQ_INT(g.needs_format, 0);
    CHECK_EQ_INT(mmc_media_heuristically_blank(&r.d, &g, &blank), 0);
    CHECK_EQ_INT(blank, 0);
    rec_close(&r);
}

/* ---- a WRITE the drive fails: the error comes back, the part written is a closed
 * session and the disc stays appendable ---- */
static void test_write_error(void)
{
    rec r;
    mmc_media_facts g;
    vdrive_fault fault;
    int32_t hr;

    rec_open(&r, "burn_write_error", 0x0009);
    CHECK_EQ_INT(vdrive_fault_parse("op=2a lba=100-100 sense=03/0c/00 once", &fault), 0);
    CHECK_EQ_INT(vdrive_add_fault(r.vd, &fault), 0);
    hr = burn(&r, source, BLOCKS, NULL, NULL);
    CHECK_EQ_INT(hr, E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);   /* 03/0C/xx: write error */
    g = facts(&r);
    CHECK_EQ_INT(mmc_media_data_state(&g), MMC_STATE_APPENDABLE);
    CHECK_EQ_INT(g.prev_session_start, 0);
    CHECK_EQ_INT(g.prev_session_last, 95);       /* 16-block writes: 0..95 made it */
    CHECK(read_equals(&r, 0, source, 96));
    rec_close(&r);

    /* the disc becomes write protected during the burn */
    rec_open(&r, "burn_write_protect_late", 0x0041);
    CHECK_EQ_INT(vdrive_fault_parse("op=2a lba=64-64 protect once", &fault), 0);
    CHECK_EQ_INT(vdrive_add_fault(r.vd, &fault), 0);
    CHECK_EQ_INT(burn(&r, source, BLOCKS, NULL, NULL), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    g = facts(&r);
    CHECK_EQ_INT(mmc_media_data_state(&g) & MMC_STATE_WRITE_PROTECTED, MMC_STATE_WRITE_PROTECTED);
    rec_close(&r);
}

/* ---- verification catches a corrupted sector ---- */
static void test_verify(void)
{
    static const struct { int level; int64_t lba; int32_t expect; } v[] =
    {
        { MMC_VERIFY_QUICK, 16, E_IMAPI_BURN_VERIFICATION_FAILED },   /* a sampled block */
        { MMC_VERIFY_QUICK, 100, 0 },                                 /* not sampled: QUICK misses it */
        { MMC_VERIFY_FULL, 100, E_IMAPI_BURN_VERIFICATION_FAILED },
        { MMC_VERIFY_FULL, BLOCKS - 1, E_IMAPI_BURN_VERIFICATION_FAILED },
        { MMC_VERIFY_NONE, 16, 0 },
    };
    unsigned i;
    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
    {
        rec r;
        prog p;
        mmc_burn_options o = defaults();
        rec_open(&r, "burn_verify", 0x0011);
        prog_init(&p);
        o.verify = (enum mmc_verify_level)v[i].level;
        /* corrupt the written disc as FINALIZING is reported: the data is out, closing
         * and verification follow */
        p.corrupt_at_action = MMC_BURN_FINALIZING;
        p.corrupt_lba = v[i].lba;
        p.stride = 2048;
        CHECK_EQ_INT(burn(&r, source, BLOCKS, &o, &p), v[i].expect);
        CHECK_EQ_INT(p.actions[p.nactions - 1], v[i].expect ? MMC_BURN_VERIFYING : MMC_BURN_COMPLETED);
        rec_close(&r);
    }
    /* a CD too (2352-byte slots in the image), block 0 is sampled */
    {
        rec r;
        prog p;
        mmc_burn_options o = defaults();
        rec_open(&r, "burn_verify_cd", 0x0009);
        prog_init(&p);
        o.verify = MMC_VERIFY_QUICK;
        p.corrupt_at_action = MMC_BURN_VERIFYING;
        p.corrupt_lba = 0;
        p.stride = 2352;
        CHECK_EQ_INT(burn(&r, source, BLOCKS, &o, &p), E_IMAPI_BURN_VERIFICATION_FAILED);
        rec_close(&r);
    }
}

/* ---- speeds ---- */
static void test_speeds(void)
{
    rec r;
    mmc_media_facts f;
    int32_t adj;
    uint32_t cur;
    int cav;
    mmc_burn_options o = defaults();

    /* vdrive CD speeds 48, 40, 32, 24, 16, 10, 4 x (176 kB/s units) */
    CHECK_EQ_INT(mmc_burn_kbps_to_sectors(0x0009, 48 * 176), 3600);
    CHECK_EQ_INT(mmc_burn_kbps_to_sectors(0x0009, 7056), 3000);       /* 40 x at 176.4 */
    CHECK_EQ_INT(mmc_burn_kbps_to_sectors(0x001B, 16 * 1385), 16 * 680);
    CHECK_EQ_INT(mmc_burn_kbps_to_sectors(0x0041, 2 * 4496), 2 * 2195);
    rec_open(&r, "burn_speed", 0x0009);
    f = facts(&r);
    CHECK_EQ_INT(mmc_burn_set_speed(&r.d, &f, -1, 0, &adj, &cur, &cav), 0);
    CHECK_EQ_INT(adj, 0);
    CHECK_EQ_INT(cur, 3600);
    CHECK_EQ_INT(cav, 0);
    CHECK_EQ_INT(mmc_burn_set_speed(&r.d, &f, 1800, 0, &adj, &cur, &cav), 0);
    CHECK_EQ_INT(adj, 0);
    CHECK_EQ_INT(cur, 1800);
    CHECK_EQ_INT(mmc_burn_set_speed(&r.d, &f, 2000, 0, &adj, &cur, &cav), 0);
    CHECK_EQ_INT(adj, S_IMAPI_SPEEDADJUSTED);
    CHECK_EQ_INT(cur, 1800);
    CHECK_EQ_INT(mmc_burn_set_speed(&r.d, &f, 100000, 0, &adj, &cur, &cav), 0);
    CHECK_EQ_INT(adj, S_IMAPI_SPEEDADJUSTED);
    CHECK_EQ_INT(cur, 3600);
    /* the emulated drive writes CLV only */
    CHECK_EQ_INT(mmc_burn_set_speed(&r.d, &f, 1800, 1, &adj, &cur, &cav), 0);
    CHECK_EQ_INT(adj, S_IMAPI_ROTATIONADJUSTED);
    CHECK_EQ_INT(cav, 0);
    CHECK_EQ_INT(mmc_burn_set_speed(&r.d, &f, 2000, 1, &adj, &cur, &cav), 0);
    CHECK_EQ_INT(adj, S_IMAPI_BOTHADJUSTED);
    /* the drive now uses it: GET PERFORMANCE (type 0, write) reports 24 x (1800/s) */
    {
        uint8_t buf[8 + 16];
        mmc_command c;
        mmc_performance_desc pd;
        size_t n = 0;
        int w = 0;
        mmc_cdb_get_performance(&c, buf, 1, 1, 0);
        CHECK_EQ_INT(mmc_dev_execute(&r.d, &c), 0);
        CHECK_EQ_INT(mmc_parse_performance(buf, c.transferred, &w, &pd, 1, &n), 0);
        CHECK_EQ_INT(n, 1);
        CHECK_EQ_INT(pd.end_kbps, 24 * 176);
    }
    /* the success code of an adjusted speed comes out of the burn */
    o.speed = 2000;
    CHECK_EQ_INT(burn(&r, source, 20, &o, NULL), S_IMAPI_SPEEDADJUSTED);
    rec_close(&r);
}

/* ---- overwrite media: only the given ranges, in order ---- */
static void test_ranges(void)
{
    rec r;
    mmc_burn_options o = defaults();
    uint8_t *second = malloc((size_t)BLOCKS * 2048);
    mmc_block_range ranges[2] = { { 100, 109 }, { 10, 19 } };
    prog p;

    make_source(second, BLOCKS, 55);
    rec_open(&r, "burn_ranges", 0x0043);
    CHECK_EQ_INT(burn(&r, source, BLOCKS, NULL, NULL), 0);
    o.ranges = ranges;
    o.range_count = 2;
    o.verify = MMC_VERIFY_FULL;
    prog_init(&p);
    CHECK_EQ_INT(burn(&r, second, BLOCKS, &o, &p), 0);     /* no ForceOverwrite needed */
    CHECK_EQ_INT(p.bad_times, 0);
    CHECK(read_equals(&r, 0, source, 10));
    CHECK(read_equals(&r, 10, second + 10 * 2048, 10));
    CHECK(read_equals(&r, 20, source + 20 * 2048, 80));
    CHECK(read_equals(&r, 100, second + 100 * 2048, 10));
    CHECK(read_equals(&r, 110, source + 110 * 2048, BLOCKS - 110));
    /* verification of ranges catches a corrupted block inside a range */
    prog_init(&p);
    p.corrupt_at_action = MMC_BURN_FINALIZING;
    p.corrupt_lba = 105;
    p.stride = 2048;
    CHECK_EQ_INT(burn(&r, second, BLOCKS, &o, &p), E_IMAPI_BURN_VERIFICATION_FAILED);
    rec_close(&r);
    free(second);
}

/* ---- the drive's profiles: what each format supports ---- */
static void test_supported(void)
{
    rec r;
    uint32_t *types = NULL;
    size_t n = 0, i;
    int sup = 0, cdr = 0, bdre = 0, rom = 0;
    rec_open(&r, "burn_supported", 0);
    CHECK_EQ_INT(mmc_format_recorder_supported(&r.d, MMC_FORMAT_DATA, &sup), 0);
    CHECK_EQ_INT(sup, 1);
    CHECK_EQ_INT(mmc_format_supported_types(&r.d, MMC_FORMAT_DATA, &types, &n), 0);
    for (i = 0; i < n; i++)
    {
        cdr |= types[i] == MMC_MEDIA_CDR;
        bdre |= types[i] == MMC_MEDIA_BDRE;
        rom |= types[i] == MMC_MEDIA_CDROM || types[i] == MMC_MEDIA_DVDROM || types[i] == MMC_MEDIA_BDROM;
    }
    /* CD-R CD-RW DVD-R DVD-RAM DVD-RW(once for both modes) DVD+RW DVD+R DVD+R DL BD-R BD-RE */
    CHECK_EQ_INT(n, 10);
    CHECK(cdr && bdre && !rom);
    free(types);
    CHECK_EQ_INT(mmc_format_supported_types(&r.d, MMC_FORMAT_TAO, &types, &n), 0);
    CHECK_EQ_INT(n, 2);
    if (n == 2) { CHECK_EQ_INT(types[0], MMC_MEDIA_CDR); CHECK_EQ_INT(types[1], MMC_MEDIA_CDRW); }
    free(types);
    CHECK_EQ_INT(mmc_format_supported_types(&r.d, MMC_FORMAT_ERASE, &types, &n), 0);
    CHECK_EQ_INT(n, 2);                          /* CD-RW, DVD-RW */
    free(types);
    rec_close(&r);
    /* the table itself */
    CHECK_EQ_INT(mmc_media_class_of_profile(0x0013), MMC_CLASS_OVERWRITE);
    CHECK_EQ_INT(mmc_media_class_of_profile(0x0014), MMC_CLASS_SEQUENTIAL);
    CHECK_EQ_INT(mmc_media_class_of_profile(0x0041), MMC_CLASS_SEQUENTIAL);
    CHECK_EQ_INT(mmc_media_class_of_profile(0x0042), MMC_CLASS_OVERWRITE);
    CHECK_EQ_INT(mmc_media_class_of_profile(0x0008), MMC_CLASS_NONE);
    CHECK_EQ_INT(mmc_media_type_of_profile(0x0002), MMC_MEDIA_DISK);
    CHECK_EQ_INT(mmc_media_type_of_profile(0x0015), MMC_MEDIA_DVDDASHR_DUALLAYER);
}

/* ---- the closing decision ---- */
static void test_closing_rules(void)
{
    mmc_media_facts f;
    mmc_burn_options o;
    memset(&f, 0, sizeof(f));
    memset(&o, 0, sizeof(o));
    f.present = 1;
    f.write_class = MMC_CLASS_SEQUENTIAL;
    f.nwa_valid = 1;
    f.total_blocks = f.free_blocks = 100000;
    f.profile = 0x001B;                                       /* DVD+R: the spec's table */
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 10), 1);        /* compat, no force: closed */
    o.force_close = 1;
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 10), 1);
    o.disable_dvd_compat = 1;
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 10), 1);
    o.force_close = 0;
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 10), 0);        /* DVD+R: only the session */
    f.profile = 0x002B;
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 10), 1);        /* DVD+R DL: closed normally */
    f.profile = 0x0041;                                       /* BD-R: the 2 % rule */
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 97999), 0);     /* 2001 left: 2.001 % */
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 98000), 1);     /* 2000 left: 2 % */
    f.profile = 0x0009;
    f.cd = 1;                                                 /* CD: post-gap and run-out count */
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 98000 - 152 - 1), 0);
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 98000 - 152), 1);
    o.postgap_in_image = 1;
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 98000 - 152), 0);
    f.free_blocks = 2100;                                     /* one more session only */
    CHECK_EQ_INT(mmc_media_data_state(&(mmc_media_facts){ .present = 1, .profile = 0x0009, .cd = 1,
        .write_class = MMC_CLASS_SEQUENTIAL, .disc_status = MMC_DISC_APPENDABLE, .nwa_valid = 1,
        .free_blocks = 2100, .total_blocks = 100000 }), MMC_STATE_APPENDABLE | MMC_STATE_FINAL_SESSION);
    f.profile = 0x1A;
    f.write_class = MMC_CLASS_OVERWRITE;
    o.force_close = 1;
    CHECK_EQ_INT(mmc_burn_closes_disc(&f, &o, 10), 0);        /* overwrite media: no closing */
}

/* ---- an exported disc judged by independent readers ---- */
static void test_export(void)
{
    char dir[1100], iso[1200], out[1200], cmd[8000];
    const char *tmp = getenv("IMAPI_TEST_TMP");
    uint8_t *img;
    size_t size;
    core_file *f;
    uint64_t fsize = 0;
    rec r;
    int rc;

    if (system("genisoimage --version >/dev/null 2>&1") != 0)
    {
        printf("SKIP export: genisoimage missing\n");
        return;
    }
    if (!tmp) tmp = "/tmp";
    snprintf(dir, sizeof(dir), "%s/burn_export_src", tmp);
    snprintf(iso, sizeof(iso), "%s/burn_export.iso", tmp);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s/docs' && printf 'hello burn\\n' > '%s/docs/readme.txt' && "
             "head -c 300000 /dev/zero | tr '\\0' 'x' > '%s/big.bin' && genisoimage -quiet -J -R -V BURNTEST -o '%s' '%s'",
             dir, dir, dir, dir, iso, dir);
    CHECK_EQ_INT(system(cmd), 0);
    if (core_file_open(iso, CORE_FILE_READ, &f)) { CHECK(!"genisoimage output"); return; }
    core_file_size(f, &fsize);
    size = (size_t)fsize;
    img = malloc(size);
    CHECK_EQ_INT(pread_all(f, img, size, 0), 0);
    core_file_close(f);
    CHECK_EQ_INT(size % 2048, 0);

    rec_open(&r, "burn_export", 0x0009);
    {
        mmc_burn_options o = defaults();
        o.verify = MMC_VERIFY_FULL;
        CHECK_EQ_INT(burn(&r, img, (unsigned)(size / 2048), &o, NULL), 0);
    }
    snprintf(out, sizeof(out), "%s/burn_export_out.iso", tmp);
    CHECK_EQ_INT(vdrive_export_iso(r.vd, 1, out), 0);
    rec_close(&r);

    /* the exported track is the image followed by the 150-block zero post-gap */
    if (!core_file_open(out, CORE_FILE_READ, &f))
    {
        uint8_t *back = malloc(size);
        core_file_size(f, &fsize);
        CHECK_EQ_INT(fsize, size + 150 * 2048);
        CHECK_EQ_INT(pread_all(f, back, size, 0), 0);
        CHECK(!memcmp(back, img, size));
        core_file_close(f);
        free(back);
    }
    else CHECK(!"exported iso");
    snprintf(cmd, sizeof(cmd), "isoinfo -d -i '%s' | grep -q 'Volume id: BURNTEST' && "
             "isoinfo -J -f -i '%s' | grep -q '^/docs/readme.txt$'", out, out);
    rc = system(cmd);
    CHECK_EQ_INT(rc, 0);
    if (system("xorriso -version >/dev/null 2>&1") == 0)
    {
        snprintf(cmd, sizeof(cmd), "xorriso -indev '%s' -toc 2>&1 | grep -q \"BURNTEST\"", out);
        CHECK_EQ_INT(system(cmd), 0);
        snprintf(cmd, sizeof(cmd), "xorriso -osirrox on -indev '%s' -extract /docs/readme.txt '%s/readme.out' >/dev/null 2>&1 && "
                 "cmp -s '%s/readme.out' '%s/docs/readme.txt'", out, tmp, tmp, dir);
        CHECK_EQ_INT(system(cmd), 0);
    }
    else printf("SKIP xorriso part of export: xorriso missing\n");
    free(img);
}

int main(void)
{
    unsigned i;
    source = malloc((size_t)BLOCKS * 2048);
    buffer = malloc(BUFFER_SIZE);
    make_source(source, BLOCKS, 1);

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) test_profile(&cases[i]);
    test_second_session(0x0009, "burn_2s_cdr");
    test_second_session(0x001B, "burn_2s_dvdplusr");
    test_second_session(0x0041, "burn_2s_bdr");
    test_refusals();
    test_cancel();
    test_write_error();
    test_verify();
    test_speeds();
    test_ranges();
    test_supported();
    test_closing_rules();
    test_export();
    free(source);
    free(buffer);
    return check_finish("test_burn");
}
