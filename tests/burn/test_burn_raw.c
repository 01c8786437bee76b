/* Disc-at-once raw recording (core/mmc/mmc_burn_raw.c) against the emulated recorder:
 * an image made with core/cd (two audio tracks, MCN, ISRC, an index 2) streamed from
 * 95:00:00 in each raw sector type becomes a closed disc whose TOC and audio are what the
 * image says; the refusals (wrong media, used disc, not prepared, ragged stream, a lead-in
 * too short, more than the disc holds) each leave the disc as it was. The exported BIN/CUE
 * is judged by cd-info (tracks, MCN, the copy flag), its cue text (ISRC, indexes) and bchunk
 * (each track byte for byte). The same layout written session at once (mmc_burn_sao.c,
 * SEND CUE SHEET) gives the same TOC, MCN, ISRC and cue. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "vdrive/vd_test_util.h"
#include "mmc/mmc_burn_raw.h"
#include "cd/cd_image.h"
#include "mmc/mmc_burn_sao.h"

#define SECTOR 2352
static uint8_t buffer[16 * 2448];
static cd_layout layout;

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

static uint8_t audio_byte(int32_t lba, unsigned k) { return (uint8_t)(lba * 7 + k * 13 + (k >> 8)); }

/* A stream generating the raw image of `layout` (silence outside the tracks). */
struct gen { int type; unsigned bytes; uint64_t pos, size; int32_t first; };
static int gen_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    struct gen *g = s->ctx;
    uint8_t *out = buf, sec[2448];
    size_t n = 0;
    while (n < len && g->pos < g->size)
    {
        uint64_t sector = g->pos / g->bytes;
        unsigned off = (unsigned)(g->pos % g->bytes), k, take;
        int32_t lba = g->first + (int32_t)sector;
        int in_track = 0;
        for (k = 0; k < layout.ntracks; k++)
            if (lba >= layout.tracks[k].start && lba < layout.tracks[k].start + (int32_t)layout.tracks[k].length) in_track = 1;
        for (k = 0; k < SECTOR; k++) sec[k] = in_track ? audio_byte(lba, k) : 0;
        if (g->type) cd_image_subcode(&layout, lba, g->type, NULL, sec + SECTOR);   /* type 0: main channel only */
        take = g->bytes - off;
        if (take > len - n) take = (unsigned)(len - n);
        memcpy(out + n, sec + off, take);
        n += take;
        g->pos += take;
    }
    *done = n;
    return 0;
}
static int gen_seek(core_stream *s, uint64_t offset) { ((struct gen *)s->ctx)->pos = offset; return 0; }
static const core_stream_ops gen_ops = { gen_read, NULL, gen_seek, NULL, NULL, NULL, NULL };

static int32_t write_image(mmc_raw *r, int type, int32_t leadin, int64_t extra_bytes)
{
    struct gen g;
    core_stream s = { &gen_ops, &g };
    mmc_raw_job job;
    memset(&g, 0, sizeof(g));
    g.type = type;
    g.bytes = cd_image_sector_bytes(type);
    g.first = -leadin;
    g.size = (uint64_t)(layout.leadout + CD_LEADOUT_SECTORS + leadin) * g.bytes + (uint64_t)extra_bytes;
    memset(&job, 0, sizeof(job));
    job.source = &s;
    job.source_bytes = g.size;
    job.leadin_sectors = leadin;
    job.buffer = buffer;
    job.buffer_size = sizeof(buffer);
    return mmc_raw_write(r, &job);
}

static void make_layout(void)
{
    memset(&layout, 0, sizeof(layout));
    strcpy(layout.mcn, "0012345678905");
    cd_image_layout_add(&layout, 1, 400, 0, 150);
    cd_image_layout_add(&layout, 2, 350, 0, 150);
    strcpy(layout.tracks[0].isrc, "USK7Y9812345");
    layout.tracks[1].control = CD_CTL_COPY_PERMITTED;
    layout.tracks[1].nindex = 1;
    layout.tracks[1].index[0] = 650;
}

static void burn_and_check(int type)
{
    rec r;
    mmc_raw raw;
    uint8_t toc[4 + 8 * 3], *back = malloc(400 * SECTOR);
    char name[32];
    int32_t lba;
    unsigned bad = 0, k;
    mmc_command c;

    snprintf(name, sizeof(name), "raw_cdr_%d", type);
    rec_open(&r, name, 0x0009);
    memset(&raw, 0, sizeof(raw));
    raw.dev = &r.d;
    raw.speed = -1;
    raw.sector_type = type;
    CHECK(mmc_raw_prepare(&raw) >= 0);
    CHECK(raw.leadin_start < -150 && raw.leadin_start > CD_IMAGE_FIRST_LBA);
    CHECK_EQ_INT(raw.last_leadout, 359849);
    CHECK_EQ_INT(write_image(&raw, type, 22650, 0), 0);
    CHECK_EQ_INT(write_image(&raw, type, 22650, 0), E_IMAPI_DF2RAW_MEDIA_IS_NOT_BLANK);
    CHECK_EQ_INT(mmc_raw_release(&raw), 0);

    CHECK_EQ_INT(vt_read_toc(r.vd, 0, 0, 1, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
    CHECK(toc[2] == 1 && toc[3] == 2);
    CHECK(toc[6] == 1 && vt_get32(toc + 8) == 0 && (toc[5] & 0x0F) == 0);
    CHECK(toc[14] == 2 && vt_get32(toc + 16) == 550 && (toc[13] & 0x0F) == 2);
    CHECK(toc[22] == 0xAA && vt_get32(toc + 24) == 900);
    /* the audio reads back as the image had it */
    mmc_cdb_read_cd(&c, back, 550, 350, SECTOR, 1, 0x10, 0);
    CHECK_EQ_INT(mmc_dev_execute(&r.d, &c), 0);
    for (lba = 550; lba < 900; lba++)
        for (k = 0; k < SECTOR; k++) if (back[(lba - 550) * SECTOR + k] != audio_byte(lba, k)) { bad++; break; }
    CHECK_EQ_INT(bad, 0);
    {
        /* READ SUB-CHANNEL: the MCN (format 02h) and track 1's ISRC (03h) recorded from Q */
        uint8_t cdb[10] = { 0x42, 0, 0x40, 2, 0, 0, 0, 0, 24 }, sub[24];
        CHECK_EQ_INT(vt_run(r.vd, cdb, 10, MMC_DIR_IN, sub, sizeof(sub)).status, MMC_STATUS_GOOD);
        CHECK(sub[4] == 2 && (sub[8] & 0x80) && !memcmp(sub + 9, "0012345678905", 13));
        cdb[3] = 3; cdb[6] = 1;
        CHECK_EQ_INT(vt_run(r.vd, cdb, 10, MMC_DIR_IN, sub, sizeof(sub)).status, MMC_STATUS_GOOD);
        CHECK(sub[4] == 3 && sub[6] == 1 && (sub[8] & 0x80) && !memcmp(sub + 9, "USK7Y9812345", 12));
        cdb[6] = 2;
        CHECK_EQ_INT(vt_run(r.vd, cdb, 10, MMC_DIR_IN, sub, sizeof(sub)).status, MMC_STATUS_GOOD);
        CHECK(sub[4] == 3 && sub[6] == 2 && !(sub[8] & 0x80));
    }
    rec_close(&r);
    free(back);
}

static void test_refusals(void)
{
    rec r;
    mmc_raw raw;

    rec_open(&r, "raw_dvd", 0x001B);
    memset(&raw, 0, sizeof(raw));
    raw.dev = &r.d;
    raw.speed = -1;
    raw.sector_type = 1;
    CHECK_EQ_INT(mmc_raw_prepare(&raw), E_IMAPI_DF2RAW_MEDIA_IS_NOT_SUPPORTED);
    rec_close(&r);

    rec_open(&r, "raw_refuse", 0x000A);
    memset(&raw, 0, sizeof(raw));
    raw.dev = &r.d;
    raw.speed = -1;
    raw.sector_type = 3;
    CHECK_EQ_INT(write_image(&raw, 3, 22650, 0), E_IMAPI_DF2RAW_MEDIA_IS_NOT_PREPARED);
    CHECK(mmc_raw_prepare(&raw) >= 0);
    CHECK_EQ_INT(write_image(&raw, 3, 22650, 5), E_IMAPI_DF2RAW_STREAM_NOT_SUPPORTED);
    CHECK_EQ_INT(write_image(&raw, 3, 1000, 0), E_IMAPI_DF2RAW_STREAM_LEADIN_TOO_SHORT);
    {
        int32_t keep = layout.leadout;
        layout.leadout = 400000;                     /* past the disc's last lead-out */
        CHECK_EQ_INT(write_image(&raw, 3, 22650, 0), E_IMAPI_DF2RAW_NOT_ENOUGH_SPACE);
        layout.leadout = keep;
    }
    {
        uint8_t di[34];
        CHECK_EQ_INT(vt_disc_info(r.vd, di).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(di[2] & 3, 0);                  /* still blank */
    }
    /* the lead-in as WriteMedia2 gives it: only what the medium needs */
    CHECK_EQ_INT(write_image(&raw, 3, -raw.leadin_start, 0), 0);
    mmc_raw_release(&raw);
    rec_close(&r);
}

static void test_export(void)
{
    char cmd[16384], cue[1200];
    int rc;

    snprintf(cue, sizeof(cue), "%s/../raw_out.cue", vt_dir);
    /* the last disc written by burn_and_check(3) */
    snprintf(cmd, sizeof(cmd), "'%s' export-cue '%s/../raw_cdr_3' '%s'", getenv("VDRIVE_CLI"), vt_dir, cue);
    CHECK_EQ_INT(system(cmd), 0);
    if (system("command -v cd-info >/dev/null && command -v bchunk >/dev/null") != 0)
    {
        CHECK(!"cd-info and bchunk present (tools/install-deps.sh installs them)");
        return;
    }
    snprintf(cmd, sizeof(cmd), "cd '%s/..' && cd-info --no-header --no-device-info --no-cddb --no-analyze --cue-file raw_out.cue > raw_out.info 2>&1; "
             "grep -Eq '^ +1: 00:02:00  000000 audio' raw_out.info && grep -Eq '^ +2: 00:09:25  000550 audio' raw_out.info && "
             "grep -Eq '^170: 00:14:00  000900 leadout' raw_out.info && grep -q 'Media Catalog Number (MCN): 0012345678905' raw_out.info && "
             "grep -Eq '^ +2: 00:09:25  000550 audio  false  yes' raw_out.info", vt_dir);
    rc = system(cmd);
    if (rc) { snprintf(cmd, sizeof(cmd), "cat '%s/../raw_out.info' '%s' >&2", vt_dir, cue); (void)system(cmd); }
    CHECK_EQ_INT(rc, 0);
    /* cd-info (libcdio 2.1) does not print a BIN/CUE's ISRCs: the cue sheet is read for them,
     * and the drive's READ SUB-CHANNEL answer is checked in burn_and_check */
    snprintf(cmd, sizeof(cmd), "grep -q 'INDEX 02 00:08:50' '%s' && grep -q 'INDEX 00 00:05:25' '%s' && grep -q 'CATALOG 0012345678905' '%s' && "
             "grep -q 'ISRC USK7Y9812345' '%s' && grep -q 'FLAGS DCP' '%s'", cue, cue, cue, cue, cue);
    CHECK_EQ_INT(system(cmd), 0);
    /* bchunk takes a track's last INDEX line as its start: it reads a copy without INDEX 02 */
    snprintf(cmd, sizeof(cmd), "cd '%s/..' && rm -f raw_split*.cdr && grep -v 'INDEX 02' raw_out.cue > raw_bchunk.cue && "
             "bchunk raw_out.bin raw_bchunk.cue raw_split >/dev/null", vt_dir);
    CHECK_EQ_INT(system(cmd), 0);
    {
        char path[1300];
        FILE *f;
        int t;
        for (t = 0; t < 2; t++)
        {
            int32_t start = layout.tracks[t].start, lba;
            uint32_t len = layout.tracks[t].length, bad = 0, k;
            uint8_t sec[SECTOR];
            long size;
            snprintf(path, sizeof(path), "%s/../raw_split%02d.cdr", vt_dir, t + 1);
            if (!(f = fopen(path, "rb"))) { CHECK(!"bchunk track"); continue; }
            fseek(f, 0, SEEK_END);
            size = ftell(f);
            fseek(f, 0, SEEK_SET);
            CHECK_EQ_INT(size, (long)len * SECTOR);
            for (lba = start; lba < start + (int32_t)len && fread(sec, 1, SECTOR, f) == SECTOR; lba++)
                for (k = 0; k < SECTOR; k++) if (sec[k] != audio_byte(lba, k)) { bad++; break; }
            CHECK_EQ_INT(bad, 0);
            fclose(f);
        }
    }
}

/* Session at once: the same layout through SEND CUE SHEET (core/cd's entries) and the main
 * channel from -150; the drive's TOC, READ SUB-CHANNEL and export follow the cue sheet. */
static void test_sao(void)
{
    rec r;
    struct gen g;
    core_stream s = { &gen_ops, &g };
    mmc_sao_job job;
    uint8_t toc[4 + 8 * 3], sub[24], cdb[10] = { 0x42, 0, 0x40, 2, 0, 0, 0, 0, 24 };
    char cmd[16384], cue[1200];

    rec_open(&r, "sao_cdr", 0x0009);
    memset(&g, 0, sizeof(g));
    g.type = 0;
    g.bytes = SECTOR;
    g.first = -150;
    g.size = (uint64_t)(layout.leadout + 150) * SECTOR;
    memset(&job, 0, sizeof(job));
    job.dev = &r.d;
    job.layout = &layout;
    job.source = &s;
    job.finalize = 1;
    job.buffer = buffer;
    job.buffer_size = sizeof(buffer);
    CHECK_EQ_INT(mmc_sao_write(&job), 0);
    CHECK_EQ_INT(mmc_sao_write(&job), E_IMAPI_DF2TAO_MEDIA_IS_NOT_BLANK);
    CHECK_EQ_INT(vt_read_toc(r.vd, 0, 0, 1, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
    CHECK(toc[3] == 2 && vt_get32(toc + 16) == 550 && (toc[13] & 0x0F) == 2 && vt_get32(toc + 24) == 900);
    CHECK_EQ_INT(vt_run(r.vd, cdb, 10, MMC_DIR_IN, sub, sizeof(sub)).status, MMC_STATUS_GOOD);
    CHECK((sub[8] & 0x80) && !memcmp(sub + 9, "0012345678905", 13));
    cdb[3] = 3; cdb[6] = 1;
    CHECK_EQ_INT(vt_run(r.vd, cdb, 10, MMC_DIR_IN, sub, sizeof(sub)).status, MMC_STATUS_GOOD);
    CHECK((sub[8] & 0x80) && !memcmp(sub + 9, "USK7Y9812345", 12));
    rec_close(&r);
    snprintf(cue, sizeof(cue), "%s/../sao_out.cue", vt_dir);
    snprintf(cmd, sizeof(cmd), "'%s' export-cue '%s' '%s' && grep -q 'CATALOG 0012345678905' '%s' && grep -q 'ISRC USK7Y9812345' '%s' && "
             "grep -q 'INDEX 00 00:05:25' '%s' && grep -q 'INDEX 02 00:08:50' '%s' && grep -q 'FLAGS DCP' '%s'",
             getenv("VDRIVE_CLI"), vt_dir, cue, cue, cue, cue, cue, cue);
    CHECK_EQ_INT(system(cmd), 0);
}

int main(void)
{
    make_layout();
    burn_and_check(1);
    burn_and_check(3);
    test_export();
    test_refusals();
    test_sao();
    return check_finish("test_burn_raw");
}
