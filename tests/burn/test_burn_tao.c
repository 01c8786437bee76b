/* Track-at-once audio (core/mmc/mmc_burn_tao.c) against the emulated recorder: a
 * prepared blank CD-R takes tracks at the drive's NWA with the 2 s gap between them,
 * a short track is padded to 4 s, the session is finalized; the refusals (wrong media,
 * used disc, not prepared, stream not a multiple of 2352, not enough space, the 100th
 * track) each leave the disc as it was. The exported BIN/CUE is judged by cd-info and
 * bchunk (each split track equals its source byte for byte). */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "vdrive/vd_test_util.h"
#include "mmc/mmc_burn_tao.h"

#define SECTOR 2352
static uint8_t buffer[16 * SECTOR];

typedef struct rec { vdrive *vd; mmc_transport *t; mmc_device d; } rec;

static void rec_open(rec *r, const char *name, uint16_t profile)
{
    vt_fresh_dir(name, NULL);
    if (vdrive_open(vt_dir, &r->vd)) exit(2);
    if (profile) CHECK_EQ_INT(vdrive_insert_blank(r->vd, profile), 0);
    if (vdrive_transport_open(vt_dir, &r->t)) exit(2);
    mmc_dev_init(&r->d, r->t);
}

static void rec_close(rec *r) { r->t->release(r->t); vdrive_close(r->vd); }

static uint8_t *make_audio(unsigned sectors, unsigned seed)
{
    uint8_t *p = malloc((size_t)sectors * SECTOR + 1);
    size_t i;
    for (i = 0; i < (size_t)sectors * SECTOR; i++) p[i] = (uint8_t)(i * 31 + seed + (i >> 11));
    return p;
}

struct prog { uint64_t clock; unsigned reports, writing, bad; int cancel_after; unsigned last_track; };
static uint64_t fake_now(void *ctx) { struct prog *g = ctx; return g->clock += 100; }
static int on_progress(void *ctx, const mmc_tao_progress *p)
{
    struct prog *g = ctx;
    g->reports++;
    g->last_track = p->track;
    if (p->action == MMC_TAO_WRITING) g->writing++;
    if (p->p.last_written_lba > p->p.start_lba + (int32_t)p->p.sector_count - 1 || p->p.total_s != p->p.elapsed_s + p->p.remaining_s)
        g->bad++;
    return g->cancel_after && g->writing >= (unsigned)g->cancel_after;
}

static int32_t add(mmc_tao *t, const uint8_t *data, uint64_t bytes, struct prog *g)
{
    core_mem_stream ms;
    mmc_tao_track job;
    struct prog local;
    if (!g) { memset(&local, 0, sizeof(local)); g = &local; }
    core_mem_stream_init(&ms, (void *)data, (size_t)(bytes > 0x7FFFFFF ? 0 : bytes));
    memset(&job, 0, sizeof(job));
    job.source = &ms.base;
    job.source_bytes = bytes;
    job.progress = on_progress;
    job.ctx = g;
    job.interval_ms = 500;
    job.now_ms = fake_now;
    job.buffer = buffer;
    job.buffer_size = sizeof(buffer);
    return mmc_tao_add_track(t, &job);
}

static int disc_status(rec *r)
{
    uint8_t di[34];
    if (vt_disc_info(r->vd, di).status) return -1;
    return di[2] & 3;
}

static int file_equals(const char *path, const uint8_t *data, size_t len, size_t *actual)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    size_t n;
    int ok;
    if (!f) return 0;
    fseek(f, 0, SEEK_END);
    n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n + 1);
    n = fread(buf, 1, n, f);
    fclose(f);
    if (actual) *actual = n;
    ok = n >= len && !memcmp(buf, data, len);
    /* what follows the source (padding, the gap before the next track) is silence */
    for (; ok && len < n; len++) if (buf[len]) ok = 0;
    free(buf);
    return ok;
}

static void test_burn_and_export(void)
{
    rec r;
    mmc_tao t;
    uint8_t toc[4 + 8 * 4];
    uint8_t *a1 = make_audio(400, 1), *a2 = make_audio(100, 2), *a3 = make_audio(350, 3);
    struct prog g;
    uint32_t free0;
    char cmd[16384], cue[1200], out[1200];
    int rc;

    rec_open(&r, "tao_cdr", 0x0009);
    memset(&t, 0, sizeof(t));
    t.dev = &r.d;
    t.speed = -1;
    t.verify = MMC_VERIFY_QUICK;
    CHECK(mmc_tao_prepare(&t) >= 0);
    free0 = mmc_tao_free_sectors(&t);
    CHECK(free0 > 300000 && free0 <= 359849);
    CHECK_EQ_INT(mmc_tao_total_sectors(&t), 359849);

    memset(&g, 0, sizeof(g));
    CHECK_EQ_INT(add(&t, a1, 400 * SECTOR, &g), 0);
    CHECK(g.reports >= 3 && !g.bad && g.last_track == 1);
    CHECK_EQ_INT(t.tracks, 1);
    /* the next track starts after the 2 s gap */
    CHECK_EQ_INT(t.f.next_writable, 400 + 150);
    CHECK_EQ_INT(mmc_tao_free_sectors(&t), free0 - 550);
    CHECK_EQ_INT(add(&t, a2, 100 * SECTOR, NULL), 0);           /* padded to 300 */
    CHECK_EQ_INT(t.f.next_writable, 550 + 300 + 150);
    /* a stream that is not whole sectors: refused, nothing written */
    CHECK_EQ_INT(add(&t, a3, 350 * SECTOR - 1, NULL), E_IMAPI_DF2TAO_STREAM_NOT_SUPPORTED);
    CHECK_EQ_INT(add(&t, a3, 0, NULL), E_IMAPI_DF2TAO_STREAM_NOT_SUPPORTED);
    /* more than the disc holds: refused before anything is read */
    CHECK_EQ_INT(add(&t, a3, (uint64_t)400000 * SECTOR, NULL), E_IMAPI_DF2TAO_NOT_ENOUGH_SPACE);
    CHECK_EQ_INT(t.f.next_writable, 1000);
    CHECK_EQ_INT(t.tracks, 2);
    CHECK_EQ_INT(add(&t, a3, 350 * SECTOR, NULL), 0);
    {
        /* the expected TOC is what the drive answers after closing (checked below) */
        uint8_t exp[4 + 8 * 4];
        CHECK_EQ_INT(mmc_tao_expected_toc(&t, exp, sizeof(exp)), sizeof(exp));
        CHECK_EQ_INT(mmc_tao_release(&t), 0);
        CHECK_EQ_INT(vt_read_toc(r.vd, 0, 0, 1, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
        CHECK(!memcmp(exp + 2, toc + 2, sizeof(toc) - 2));
    }
    CHECK_EQ_INT(mmc_tao_release(&t), E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED);
    CHECK_EQ_INT(disc_status(&r), 2);                            /* finalized */

    /* TOC: three audio tracks (control 0, ADR 1) at 0, 550, 1000; lead-out at 1350 */
    CHECK_EQ_INT(vt_read_toc(r.vd, 0, 0, 1, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
    CHECK(toc[2] == 1 && toc[3] == 3);
    CHECK(toc[5] == 0x10 && toc[6] == 1 && vt_get32(toc + 8) == 0);
    CHECK(toc[13] == 0x10 && toc[14] == 2 && vt_get32(toc + 16) == 550);
    CHECK(toc[21] == 0x10 && toc[22] == 3 && vt_get32(toc + 24) == 1000);
    CHECK(toc[30] == 0xAA && vt_get32(toc + 32) == 1350);

    /* a used disc is not prepared again */
    memset(&t, 0, sizeof(t));
    t.dev = &r.d;
    t.speed = -1;
    CHECK_EQ_INT(mmc_tao_prepare(&t), E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK);
    CHECK_EQ_INT(add(&t, a1, 400 * SECTOR, NULL), E_IMAPI_DF2TAO_MEDIA_IS_NOT_PREPARED);
    rec_close(&r);

    /* export and judge with independent readers */
    snprintf(cue, sizeof(cue), "%s/../tao_out.cue", vt_dir);
    snprintf(cmd, sizeof(cmd), "'%s' export-cue '%s' '%s'", getenv("VDRIVE_CLI"), vt_dir, cue);
    CHECK_EQ_INT(system(cmd), 0);
    if (system("command -v cd-info >/dev/null && command -v bchunk >/dev/null") != 0)
    {
        fprintf(stderr, "cd-info or bchunk missing (tools/install-deps.sh installs them)\n");
        CHECK(!"cd-info and bchunk present");
    }
    else
    {
        /* cd-info lists the tracks with their starting LSNs and the lead-out */
        snprintf(cmd, sizeof(cmd), "cd '%s/..' && cd-info --no-header --no-device-info --no-cddb --no-analyze --cue-file '%s' > '%s.info' 2>&1; "
                 "grep -Eq '^ +1: 00:02:00  000000 audio' '%s.info' && grep -Eq '^ +2: 00:09:25  000550 audio' '%s.info' && "
                 "grep -Eq '^ +3: 00:15:25  001000 audio' '%s.info' && grep -Eq '^170: 00:20:00  001350 leadout' '%s.info'",
                 vt_dir, cue, cue, cue, cue, cue, cue);
        rc = system(cmd);
        if (rc) { snprintf(cmd, sizeof(cmd), "cat '%s.info' '%s' >&2", cue, cue); (void)system(cmd); }
        CHECK_EQ_INT(rc, 0);
        /* bchunk splits at INDEX 01; each piece is its source (the 2 s gaps and the
         * padding of track 2 follow as silence) */
        snprintf(out, sizeof(out), "%s/../tao_split", vt_dir);
        snprintf(cmd, sizeof(cmd), "cd '%s/..' && rm -f tao_split*.cdr && bchunk tao_out.bin tao_out.cue tao_split >/dev/null", vt_dir);
        CHECK_EQ_INT(system(cmd), 0);
        {
            char p1[1300], p2[1300], p3[1300];
            size_t n1 = 0, n2 = 0, n3 = 0;
            snprintf(p1, sizeof(p1), "%s01.cdr", out);
            snprintf(p2, sizeof(p2), "%s02.cdr", out);
            snprintf(p3, sizeof(p3), "%s03.cdr", out);
            CHECK(file_equals(p1, a1, 400 * SECTOR, &n1));
            CHECK(file_equals(p2, a2, 100 * SECTOR, &n2));
            CHECK(file_equals(p3, a3, 350 * SECTOR, &n3));
            /* bchunk ends a track where the next one's INDEX 00 begins: track 1 is its
             * 400 sectors, track 2 its 100 and the 200 sectors of padding */
            CHECK_EQ_INT(n1, 400 * SECTOR);
            CHECK_EQ_INT(n2, 300 * SECTOR);
            CHECK_EQ_INT(n3, 350 * SECTOR);
        }
    }
    free(a1); free(a2); free(a3);
}

static void test_refusals(void)
{
    rec r;
    mmc_tao t;
    uint8_t *a = make_audio(300, 9);
    unsigned i;

    rec_open(&r, "tao_dvd", 0x001B);                 /* DVD+R */
    memset(&t, 0, sizeof(t));
    t.dev = &r.d;
    t.speed = -1;
    CHECK_EQ_INT(mmc_tao_prepare(&t), E_IMAPI_DF2TAO_MEDIA_IS_NOT_SUPPORTED);
    CHECK_EQ_INT(disc_status(&r), 0);
    rec_close(&r);

    rec_open(&r, "tao_none", 0);
    memset(&t, 0, sizeof(t));
    t.dev = &r.d;
    CHECK_EQ_INT(mmc_tao_prepare(&t), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    rec_close(&r);

    /* 99 tracks, then the 100th is refused and the disc keeps 99 */
    rec_open(&r, "tao_99", 0x000A);                  /* CD-RW */
    memset(&t, 0, sizeof(t));
    t.dev = &r.d;
    t.speed = -1;
    t.do_not_finalize = 1;
    CHECK(mmc_tao_prepare(&t) >= 0);
    for (i = 0; i < 99; i++) if (add(&t, a, 300 * SECTOR, NULL)) { CHECK(!"track added"); break; }
    CHECK_EQ_INT(t.tracks, 99);
    CHECK_EQ_INT(mmc_tao_free_sectors(&t), 0);
    CHECK_EQ_INT(add(&t, a, 300 * SECTOR, NULL), E_IMAPI_DF2TAO_TRACK_LIMIT_REACHED);
    CHECK_EQ_INT(mmc_tao_release(&t), 0);
    CHECK_EQ_INT(disc_status(&r), 1);                /* DoNotFinalizeMedia: appendable */
    {
        uint8_t toc[4 + 8 * 2];
        CHECK_EQ_INT(vt_read_toc(r.vd, 0, 0, 0xAA, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(toc[3], 99);
    }
    rec_close(&r);
    free(a);
}

int main(void)
{
    test_burn_and_export();
    test_refusals();
    return check_finish("test_burn_tao");
}
