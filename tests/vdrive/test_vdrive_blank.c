/* The emulated recorder's immediate BLANK and FORMAT UNIT (vdrive_cmd_blank.c): the disc
 * is blank (formatted) at once, while for a while TEST UNIT READY and the media commands
 * answer 02/04/07 (02/04/04) with the fraction done in the sense-key specific bytes,
 * REQUEST SENSE returns that progress, INQUIRY / GET CONFIGURATION still answer, and
 * another open of the same recorder sees the same. Media that cannot be blanked:
 * 05/64/00 and the disc untouched. Then the erase recipe (core/mmc/mmc_erase.c) end to
 * end on written CD-RW and DVD-RW through the transport the DLL uses, on real time. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include "check.h"
#include "vd_test_util.h"
#include "vdrive/vdrive.h"
#include "mmc/mmc_erase.h"

static uint8_t blocks[64 * 2048];
static uint64_t fake_now = 5000;
static uint64_t fake_clock(void *ctx) { (void)ctx; return fake_now; }

static vdrive *fresh(const char *name, unsigned profile)
{
    vdrive *vd;
    vt_fresh_dir(name, NULL);
    if (vdrive_open(vt_dir, &vd)) exit(2);
    CHECK_EQ_INT(vdrive_insert_blank(vd, (uint16_t)profile), 0);
    vdrive_set_clock(vd, fake_clock, NULL);
    return vd;
}

static vt_result blank(vdrive *vd, int immed, unsigned type)
{
    uint8_t c[12] = { 0xA1 };
    c[1] = (uint8_t)((immed ? 0x10 : 0) | type);
    return vt_run(vd, c, 12, MMC_DIR_NONE, NULL, 0);
}

/* TUR answers 02/04/asq with SKSV and returns the progress (or -1). */
static long busy_progress(vdrive *vd, unsigned ascq)
{
    uint8_t c[6] = { 0x00 };
    mmc_command cmd;
    int status;
    memset(&cmd, 0, sizeof(cmd));
    memcpy(cmd.cdb, c, 6);
    cmd.cdb_len = 6;
    status = vdrive_execute(vd, &cmd);
    if (status != MMC_STATUS_CHECK_CONDITION || (cmd.sense[2] & 0x0F) != 2 || cmd.sense[12] != 4 ||
        cmd.sense[13] != ascq || !(cmd.sense[15] & 0x80))
    {
        fprintf(stderr, "  TUR: status %d sense %02x/%02x/%02x sksv %02x\n", status, cmd.sense[2] & 0x0F,
                cmd.sense[12], cmd.sense[13], cmd.sense[15]);
        return -1;
    }
    return (long)vt_get16(cmd.sense + 16);
}

static void write_some(vdrive *vd, unsigned n)
{
    memset(blocks, 0x5A, sizeof(blocks));
    CHECK_EQ_INT(vt_write10(vd, 0, n, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_close(vd, 1, 1).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_close(vd, 2, 0).status, MMC_STATUS_GOOD);
}

static void test_cd_rw_quick(void)
{
    vdrive *vd = fresh("blank_cdrw_quick", 0x000A), *other;
    uint8_t di[34], inq[36], c6[6] = { 0x12, 0, 0, 0, 36, 0 }, rs[18], rsc[6] = { 0x03, 0, 0, 0, 18, 0 };
    long p;

    write_some(vd, 32);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK(di[2] & 3);                                 /* not blank */
    CHECK_EQ_INT(blank(vd, 1, 1).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(busy_progress(vd, 0x07), 0);
    fake_now += 750;                                  /* half of the default 1500 ms */
    p = busy_progress(vd, 0x07);
    CHECK(p >= 0x7F00 && p <= 0x8000);
    /* REQUEST SENSE: GOOD, with the progress as data */
    CHECK_EQ_INT(vt_run(vd, rsc, 6, MMC_DIR_IN, rs, 18).status, MMC_STATUS_GOOD);
    CHECK(rs[0] == 0x70 && (rs[2] & 0x0F) == 2 && rs[12] == 4 && rs[13] == 7 && (rs[15] & 0x80));
    CHECK(vt_get16(rs + 16) >= 0x7F00);
    /* commands that do not touch the medium still answer; media commands do not */
    CHECK_EQ_INT(vt_run(vd, c6, 6, MMC_DIR_IN, inq, 36).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_disc_info(vd, di), 2, 0x04, 0x07));
    CHECK(SENSE_IS(vt_write10(vd, 0, 1, blocks, 2048), 2, 0x04, 0x07));
    /* another open of the recorder sees the same operation */
    if (!vdrive_open(vt_dir, &other))
    {
        vdrive_set_clock(other, fake_clock, NULL);
        p = busy_progress(other, 0x07);
        CHECK(p >= 0x7F00 && p <= 0x8000);
        vdrive_close(other);
    }
    else CHECK(0);
    fake_now += 800;
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 0);                       /* blank */
    CHECK(di[2] & 0x10);                              /* erasable */
    vdrive_close(vd);
}

static void test_full_and_not_immediate(void)
{
    vdrive *vd = fresh("blank_dvdrw_full", 0x0014);
    uint8_t di[34];

    write_some(vd, 16);
    CHECK_EQ_INT(blank(vd, 1, 0).status, MMC_STATUS_GOOD);
    fake_now += 1500;                                 /* a full blank takes twice as long */
    {
        long p = busy_progress(vd, 0x07);
        CHECK(p >= 0x7F00 && p <= 0x8000);
    }
    fake_now += 1600;
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 0);
    /* without Immed: done when it returns */
    write_some(vd, 16);
    CHECK_EQ_INT(blank(vd, 0, 1).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 0);
    /* inserting another disc ends the operation */
    CHECK_EQ_INT(blank(vd, 1, 1).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0014), 0);
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    /* a clock behind the start (another process's base) ends the operation */
    CHECK_EQ_INT(blank(vd, 1, 1).status, MMC_STATUS_GOOD);
    fake_now -= 10;
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
}

static void test_not_erasable(void)
{
    static const unsigned profiles[] = { 0x0009, 0x0011, 0x001A, 0x001B, 0x0043 };
    unsigned i;
    for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
    {
        vdrive *vd = fresh("blank_not_erasable", profiles[i]);
        uint8_t before[34], after[34];
        if (profiles[i] == 0x0009 || profiles[i] == 0x0011) write_some(vd, 16);
        CHECK_EQ_INT(vt_disc_info(vd, before).status, MMC_STATUS_GOOD);
        CHECK(SENSE_IS(blank(vd, 1, 1), 5, 0x64, 0x00));
        CHECK(SENSE_IS(blank(vd, 0, 0), 5, 0x64, 0x00));
        CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);           /* nothing runs */
        CHECK_EQ_INT(vt_disc_info(vd, after).status, MMC_STATUS_GOOD);
        CHECK(!memcmp(before, after, 34));
        vdrive_close(vd);
    }
}

static void test_format_progress(void)
{
    vdrive *vd = fresh("format_immed", 0x001A);   /* blank DVD+RW */
    uint8_t c[6] = { 0x04, 0x11 }, p[12] = { 0 };
    long prog;

    p[1] = 0x82;                                  /* FOV, IMMED */
    vt_put16(p + 2, 8);
    vt_put32(p + 4, 2295104);
    p[8] = 0x26 << 2;
    CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_OUT, p, sizeof(p)).status, MMC_STATUS_GOOD);
    fake_now += 500;
    prog = busy_progress(vd, 0x04);
    CHECK(prog >= 0x3F00 && prog <= 0x4000);      /* a quarter of 2000 ms */
    fake_now += 1600;
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
}

/* ---- the erase recipe end to end, through the DLL's transport, real time ---- */

static uint64_t real_now(void *ctx) { (void)ctx; return core_time_ms(); }
static void real_sleep(void *ctx, unsigned ms) { (void)ctx; core_sleep_ms(ms); }
static unsigned updates;
static uint32_t last_elapsed, last_total;
static int went_back;
static void on_progress(void *ctx, uint32_t e, uint32_t t)
{
    (void)ctx;
    if (updates && e < last_elapsed) went_back = 1;
    last_elapsed = e;
    last_total = t;
    updates++;
}

static void erase_recipe(const char *name, uint16_t profile, int full, int restricted)
{
    mmc_erase_job job = { full, 100, real_now, real_sleep, on_progress, NULL };
    vdrive *vd = fresh(name, profile);
    mmc_transport *t;
    mmc_device d;
    uint8_t di[34];

    vdrive_set_clock(vd, NULL, NULL);
    if (restricted)
    {
        uint8_t c[6] = { 0x04, 0x11 }, p[12] = { 0 };
        vt_put16(p + 2, 8);
        vt_put32(p + 4, 2298496);
        p[8] = 0x15 << 2;
        CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_OUT, p, sizeof(p)).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(vt_write10(vd, 100, 16, blocks, 2048).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(vt_sync(vd).status, MMC_STATUS_GOOD);
    }
    else write_some(vd, 32);
    if (vdrive_transport_open(vt_dir, &t)) exit(2);
    mmc_dev_init(&d, t);
    updates = 0;
    went_back = 0;
    CHECK_EQ_INT(mmc_erase(&d, &job), 0);
    CHECK(updates >= 3);                       /* start, polls while busy (300/600 ms at 100 ms), end */
    CHECK(!went_back);
    CHECK_EQ_INT(last_elapsed, last_total);
    t->release(t);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 0);
    vdrive_close(vd);
}

static void test_recipe(void)
{
    mmc_erase_job job = { 0, 100, real_now, real_sleep, on_progress, NULL };
    mmc_transport *t;
    mmc_device d;
    vdrive *vd;
    uint8_t before[34], after[34];

    setenv("IMAPI_VDRIVE_ERASE_MS", "300", 1);
    erase_recipe("erase_cdrw_quick", 0x000A, 0, 0);
    erase_recipe("erase_cdrw_full", 0x000A, 1, 0);
    erase_recipe("erase_dvdrw_quick", 0x0014, 0, 0);
    erase_recipe("erase_dvdrw_ro_full", 0x0014, 1, 1);

    /* a written CD-R: refused before any BLANK, the disc as it was */
    vd = fresh("erase_cdr", 0x0009);
    vdrive_set_clock(vd, NULL, NULL);
    write_some(vd, 16);
    CHECK_EQ_INT(vt_disc_info(vd, before).status, MMC_STATUS_GOOD);
    if (vdrive_transport_open(vt_dir, &t)) exit(2);
    mmc_dev_init(&d, t);
    updates = 0;
    CHECK_EQ_INT(mmc_erase(&d, &job), E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED);
    CHECK_EQ_INT(updates, 0);
    t->release(t);
    CHECK_EQ_INT(vt_disc_info(vd, after).status, MMC_STATUS_GOOD);
    CHECK(!memcmp(before, after, 34));
    /* write protected CD-RW */
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x000A), 0);
    CHECK_EQ_INT(vdrive_set_write_protect(vd, 1), 0);
    if (vdrive_transport_open(vt_dir, &t)) exit(2);
    mmc_dev_init(&d, t);
    CHECK_EQ_INT(mmc_erase(&d, &job), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    /* no medium */
    CHECK_EQ_INT(vdrive_remove_media(vd), 0);
    CHECK_EQ_INT(mmc_erase(&d, &job), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    t->release(t);
    vdrive_close(vd);
    unsetenv("IMAPI_VDRIVE_ERASE_MS");
}

int main(void)
{
    test_cd_rw_quick();
    test_full_and_not_immediate();
    test_not_erasable();
    test_format_progress();
    test_recipe();
    return check_finish("test_vdrive_blank");
}
