/* Issue 16, finding 3: sectors the drive state says were recorded but that disc.img
 * lacks (file removed or cut short) read as 03/11/00 UNRECOVERED READ ERROR, never as
 * zeros with GOOD status, and export fails (the CLI exits nonzero). Formatted
 * overwritable media still read never-written blocks as zeros. */
#include "check.h"
#include "vd_test_util.h"

static uint8_t data[32 * 2352], rd[32 * 2352];

static void cut_image(uint64_t size)
{
    char path[1200];
    core_file *f;
    snprintf(path, sizeof(path), "%s/disc.img", vt_dir);
    if (core_file_open(path, CORE_FILE_WRITE, &f)) { CHECK(0); return; }
    CHECK_EQ_INT(core_file_set_size(f, size), 0);
    core_file_close(f);
}

static void remove_image(void)
{
    char path[1200];
    snprintf(path, sizeof(path), "%s/disc.img", vt_dir);
    CHECK_EQ_INT(core_file_remove(path), 0);
}

static int cli_export(const char *out)
{
    const char *cli = getenv("VDRIVE_CLI");
    char cmd[4096];
    if (!cli) return -1;
    snprintf(cmd, sizeof(cmd), "'%s' export-iso '%s' '%s' 2>/dev/null", cli, vt_dir, out);
    return system(cmd);
}

static void burn_dvd(unsigned blocks)
{
    vdrive *vd;
    memset(data, 0x5A, sizeof(data));
    vt_fresh_dir("lost", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    CHECK_EQ_INT(vt_write10(vd, 0, blocks, data, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_close(vd, 2, 0).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
}

static void test_dvd_short_and_missing(void)
{
    char out[1200];
    vdrive *vd;

    snprintf(out, sizeof(out), "%s/lost_export.iso", getenv("IMAPI_TEST_TMP") ? getenv("IMAPI_TEST_TMP") : "/tmp");
    burn_dvd(32);
    CHECK_EQ_INT(cli_export(out), 0);                 /* intact: exports */
    cut_image(16 * 2048 + 100);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vt_read10(vd, 0, 16, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[15 * 2048 + 9], 0x5A);
    CHECK(SENSE_IS(vt_read10(vd, 16, 1, rd), 3, 0x11, 0x00));     /* partly present */
    CHECK(SENSE_IS(vt_read10(vd, 20, 1, rd), 3, 0x11, 0x00));
    CHECK(SENSE_IS(vt_read10(vd, 10, 12, rd), 3, 0x11, 0x00));    /* a run crossing the cut */
    CHECK(vdrive_export_iso(vd, 0, out) == VDRIVE_E_LOST);
    vdrive_close(vd);
    CHECK(cli_export(out) != 0);

    remove_image();
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK(SENSE_IS(vt_read10(vd, 0, 1, rd), 3, 0x11, 0x00));
    vdrive_close(vd);
    CHECK(cli_export(out) != 0);
}

static void test_cd(void)
{
    vdrive *vd;
    uint8_t c[12] = { 0xBE };
    vt_result r;

    memset(data, 0x33, sizeof(data));
    vt_fresh_dir("lost_cd", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0009), 0);
    CHECK_EQ_INT(vt_write10(vd, 0, 10, data, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_sync(vd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_read10(vd, 9, 1, rd).status, MMC_STATUS_GOOD);   /* the last, short slot */
    vdrive_close(vd);
    cut_image(5 * 2352);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vt_read10(vd, 4, 1, rd).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_read10(vd, 7, 1, rd), 3, 0x11, 0x00));
    vt_put32(c + 2, 7); c[8] = 1; c[9] = 0x10;
    r = vt_run(vd, c, 12, MMC_DIR_IN, rd, 2048);
    CHECK(SENSE_IS(r, 3, 0x11, 0x00));
    vdrive_close(vd);
}

static void test_rom(void)
{
    char image[1200];
    core_file *f;
    vdrive *vd;

    vt_fresh_dir("lost_rom", NULL);
    snprintf(image, sizeof(image), "%s/pressed.iso", vt_dir);
    memset(data, 0x77, 64 * 2);
    CHECK_EQ_INT(core_file_open(image, CORE_FILE_WRITE | CORE_FILE_CREATE | CORE_FILE_TRUNCATE, &f), 0);
    CHECK_EQ_INT(core_file_set_size(f, 64 * 2048), 0);
    core_file_close(f);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_rom(vd, 0x0010, image), 0);
    CHECK_EQ_INT(vt_read10(vd, 63, 1, rd).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
    cut_image(10 * 2048);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vt_read10(vd, 9, 1, rd).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_read10(vd, 10, 1, rd), 3, 0x11, 0x00));
    vdrive_close(vd);
}

/* DVD+RW after FORMAT UNIT: every block reads, zeros until written (not "lost") */
static void test_overwrite_zeros(void)
{
    uint8_t c[6] = { 0x04, 0x11 }, p[12] = { 0, 0x02, 0, 8 };
    vdrive *vd;

    vt_fresh_dir("lost_rw", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001A), 0);
    p[8] = 0x26 << 2;
    CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_OUT, p, sizeof(p)).status, MMC_STATUS_GOOD);
    memset(rd, 0xEE, 2048);
    CHECK_EQ_INT(vt_read10(vd, 1000, 1, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[100], 0);
    vdrive_close(vd);
}

int main(void)
{
    CHECK(getenv("VDRIVE_CLI") != NULL);
    test_dvd_short_and_missing();
    test_cd();
    test_rom();
    test_overwrite_zeros();
    return check_finish("test_vdrive_lost");
}
