/* Issue 16, finding 1: READ of a reserved block not yet written must end (it used to
 * spin forever in the read loop with a run of 0 blocks, holding the drive lock).
 * Unrecorded blocks of a reserved or open track answer 05/21/00 on every write-once
 * medium; recorded blocks of the same track still read. */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include "check.h"
#include "vd_test_util.h"

static vt_result reserve(vdrive *vd, uint32_t blocks)
{
    uint8_t c[10] = { 0x53 };
    vt_put32(c + 5, blocks);
    return vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0);
}

static vt_result read_cd(vdrive *vd, uint32_t lba, unsigned count, void *buf)
{
    uint8_t c[12] = { 0xBE };
    vt_put32(c + 2, lba);
    c[8] = (uint8_t)count;
    c[9] = 0x10;                                   /* user data */
    return vt_run(vd, c, 12, MMC_DIR_IN, buf, count * 2048u);
}

static void check_media(uint16_t profile, const char *name)
{
    static uint8_t data[4 * 2048], rd[8 * 2048];
    vdrive *vd;
    unsigned i;

    fprintf(stderr, "%s\n", name);
    vt_fresh_dir("reserved_read", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, profile), 0);
    CHECK_EQ_INT(reserve(vd, 64).status, MMC_STATUS_GOOD);
    /* nothing written yet: the reserved track's first block (its NWA) */
    CHECK(SENSE_IS(vt_read10(vd, 0, 1, rd), 5, 0x21, 0x00));
    CHECK(SENSE_IS(vt_read10(vd, 10, 1, rd), 5, 0x21, 0x00));
    for (i = 0; i < 4; i++) { memset(data + i * 2048, 0x40 + i, 2048); }
    CHECK_EQ_INT(vt_write10(vd, 0, 4, data, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_read10(vd, 0, 4, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[3 * 2048 + 7], 0x43);
    CHECK(SENSE_IS(vt_read10(vd, 4, 1, rd), 5, 0x21, 0x00));    /* the reserved track's NWA */
    CHECK(SENSE_IS(vt_read10(vd, 2, 4, rd), 5, 0x21, 0x00));    /* runs into it */
    if (profile == 0x0009)
    {
        CHECK(SENSE_IS(read_cd(vd, 4, 1, rd), 5, 0x21, 0x00));
        CHECK_EQ_INT(read_cd(vd, 3, 1, rd).status, MMC_STATUS_GOOD);
    }
    /* after a sync (state committed) the same answers */
    CHECK_EQ_INT(vt_sync(vd).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_read10(vd, 4, 1, rd), 5, 0x21, 0x00));
    /* the drive is still usable: the command lock was released */
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
}

int main(void)
{
    alarm(60);           /* a hang is the failure this test guards against: die, not wait */
    check_media(0x0011, "DVD-R");
    check_media(0x0009, "CD-R");
    check_media(0x001B, "DVD+R");
    check_media(0x0041, "BD-R");
    return check_finish("test_vdrive_reserved_read");
}
