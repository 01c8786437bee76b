/* Every media type: current profile, its defining feature marked current, and the real
 * capacity (MMC-6 numbers: 80-min CD lead-out 79:59:74, DVD+R 2,295,104, DVD-R 2,298,496,
 * DVD+R DL 4,173,824, DVD-RAM 2,236,704, BD-R 12,219,392, BD-RE formatted 11,826,176). */
#include "check.h"
#include "vd_test_util.h"

struct media_case
{
    const char *name;
    unsigned profile;
    unsigned feature;        /* a feature that must be current with this media */
    unsigned absent_current; /* a feature that must not be current (0: none) */
    uint32_t free_blocks;    /* track FFh free blocks when blank (0: not sequential) */
    int format_type;         /* FORMAT UNIT type for overwrite media, -1 if none */
    uint32_t formatted_last_lba;
    int erasable;
};

static const struct media_case cases[] =
{
    { "cdr", 0x0009, 0x002D, 0x002B, 359849, -1, 0, 0 },
    { "cdrw", 0x000A, 0x002E, 0x001F, 359849, -1, 0, 1 },
    { "dvd-r", 0x0011, 0x002F, 0x002D, 2298496, -1, 0, 0 },
    { "dvd-rw", 0x0014, 0x0021, 0x0026, 2298496, -1, 0, 1 },
    { "dvd-rw-ro", 0x0013, 0x0026, 0x0021, 0, -1, 2298495, 1 },
    { "dvd+r", 0x001B, 0x002B, 0x003B, 2295104, -1, 0, 0 },
    { "dvd+r-dl", 0x002B, 0x003B, 0x002A, 4173824, -1, 0, 0 },
    { "dvd+rw", 0x001A, 0x002A, 0x002B, 0, 0x26, 2295103, 1 },
    { "dvd-ram", 0x0012, 0x0020, 0x0041, 0, -1, 2236703, 1 },
    { "bdr", 0x0041, 0x0041, 0x001F, 12219392, -1, 0, 0 },
    { "bdre", 0x0043, 0x0040, 0x001E, 0, 0x00, 11826175, 1 },
};

static void check_profile_current(vdrive *vd, unsigned profile, unsigned feature, unsigned absent)
{
    uint8_t cfg[2048];
    const uint8_t *f;
    vt_result r = vt_get_config(vd, 0, 0, cfg, sizeof(cfg));
    unsigned i, n, found = 0;
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get16(cfg + 6), profile);
    f = vt_find_feature(cfg, 0x0000);
    CHECK(f != NULL);
    if (f)
    {
        n = f[3] / 4;
        for (i = 0; i < n; i++)
            if (vt_get16(f + 4 + 4 * i) == profile) { found = 1; CHECK_EQ_INT(f[4 + 4 * i + 2] & 1, 1); }
        CHECK(found);
    }
    f = vt_find_feature(cfg, feature);
    CHECK(f != NULL);
    if (f) CHECK_EQ_INT(f[2] & 1, 1);
    if (absent)
    {
        f = vt_find_feature(cfg, absent);
        CHECK(!f || !(f[2] & 1));
    }
    /* descriptors come in ascending feature order with lengths in multiples of 4 */
    {
        uint32_t total = vt_get32(cfg) + 4, off = 8;
        int prev = -1;
        while (off + 4 <= total)
        {
            CHECK((int)vt_get16(cfg + off) > prev);
            CHECK_EQ_INT(cfg[off + 3] % 4, 0);
            prev = (int)vt_get16(cfg + off);
            off += 4u + cfg[off + 3];
        }
        CHECK_EQ_INT(off, total);
    }
    /* RT=1: only current features; every one returned must carry the current bit */
    r = vt_get_config(vd, 1, 0, cfg, sizeof(cfg));
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    {
        uint32_t total = vt_get32(cfg) + 4, off = 8;
        while (off + 4 <= total) { CHECK_EQ_INT(cfg[off + 2] & 1, 1); off += 4u + cfg[off + 3]; }
    }
    /* RT=2: exactly the one feature asked for */
    r = vt_get_config(vd, 2, feature, cfg, sizeof(cfg));
    CHECK_EQ_INT(vt_get32(cfg), 4 + 4 + cfg[8 + 3]);
    CHECK_EQ_INT(vt_get16(cfg + 8), feature);
}

static uint32_t read_capacity_last(vdrive *vd)
{
    uint8_t c[10] = { 0x25 }, d[8];
    vt_result r = vt_run(vd, c, 10, MMC_DIR_IN, d, 8);
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(d + 4), 2048);
    return vt_get32(d);
}

static void test_writable(const struct media_case *mc)
{
    vdrive *vd;
    uint16_t profile;
    uint8_t di[34], ti[48];
    char name[64];

    snprintf(name, sizeof(name), "media_%s", mc->name);
    vt_fresh_dir(name, NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_media_from_name(mc->name, &profile), 0);
    CHECK_EQ_INT(profile, mc->profile);
    CHECK_EQ_INT(vdrive_insert_blank(vd, profile), 0);
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    check_profile_current(vd, mc->profile, mc->feature, mc->absent_current);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT((di[2] >> 4) & 1, mc->erasable);
    if (mc->free_blocks)
    {
        CHECK_EQ_INT(di[2] & 3, 0);                 /* blank */
        CHECK_EQ_INT(vt_track_info(vd, 0xFF, ti).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(vt_get32(ti + 16), mc->free_blocks);
        CHECK_EQ_INT(vt_get32(ti + 12), 0);         /* NWA */
        CHECK_EQ_INT(ti[7] & 1, 1);                 /* NWA_V */
        CHECK_EQ_INT(ti[6] & 0x40, 0x40);           /* blank */
        if (mc->profile == 0x0009 || mc->profile == 0x000A)
        {
            uint8_t atip[28];
            /* last possible lead-out in MSF: 79:59:74 (disc information bytes 20-23, ATIP 12-14) */
            CHECK_EQ_INT(di[21], 79); CHECK_EQ_INT(di[22], 59); CHECK_EQ_INT(di[23], 74);
            CHECK_EQ_INT(vt_read_toc(vd, 4, 1, 0, atip, sizeof(atip)).status, MMC_STATUS_GOOD);
            CHECK_EQ_INT(atip[12], 79); CHECK_EQ_INT(atip[13], 59); CHECK_EQ_INT(atip[14], 74);
            CHECK_EQ_INT((atip[6] >> 6) & 1, mc->profile == 0x000A);  /* disc type: CD-RW */
        }
        else
            CHECK_EQ_INT(vt_get32(di + 20), mc->free_blocks);
    }
    if (mc->format_type >= 0)
    {
        uint8_t c[6] = { 0x04, 0x11 }, p[12] = { 0, 0x02, 0, 8 };
        CHECK_EQ_INT(di[2] & 3, 0);                 /* unformatted: nothing readable yet */
        vt_put32(p + 4, 0xFFFFFFFFu);
        p[8] = (uint8_t)(mc->format_type << 2);
        CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_OUT, p, sizeof(p)).status, MMC_STATUS_GOOD);
    }
    if (mc->formatted_last_lba)
    {
        CHECK_EQ_INT(read_capacity_last(vd), mc->formatted_last_lba);
        CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(di[2] & 3, 2);                 /* complete: random writable */
        {
            uint8_t cfg[2048];
            const uint8_t *f;
            vt_get_config(vd, 0, 0, cfg, sizeof(cfg));
            f = vt_find_feature(cfg, 0x0020);
            CHECK(f && (f[2] & 1) && vt_get32(f + 4) == mc->formatted_last_lba);
        }
    }
    vdrive_close(vd);
}

static void test_rom(const char *name, unsigned profile, unsigned read_feature)
{
    char image[1200], dirname[64];
    uint8_t block[2048], di[34], buf[2048 * 2];
    core_file *f;
    vdrive *vd;
    unsigned i;

    snprintf(dirname, sizeof(dirname), "media_%s", name);
    vt_fresh_dir(dirname, NULL);
    snprintf(image, sizeof(image), "%s/pressed.iso", vt_dir);
    CHECK_EQ_INT(core_file_open(image, CORE_FILE_WRITE | CORE_FILE_CREATE | CORE_FILE_TRUNCATE, &f), 0);
    for (i = 0; i < 10; i++) { memset(block, (int)(i + 1), sizeof(block)); core_file_pwrite(f, block, 2048, (uint64_t)i * 2048); }
    core_file_close(f);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_rom(vd, (uint16_t)profile, image), 0);
    check_profile_current(vd, profile, read_feature, 0x0021);
    CHECK_EQ_INT(read_capacity_last(vd), 9);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 2);
    CHECK_EQ_INT(vt_read10(vd, 8, 2, buf).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[0], 9);
    CHECK_EQ_INT(buf[2048], 10);
    CHECK(SENSE_IS(vt_read10(vd, 9, 2, buf), 5, 0x21, 0x00));       /* past the end */
    CHECK(SENSE_IS(vt_write10(vd, 10, 1, buf, 2048), 5, 0x30, 0x00)); /* pressed media */
    vdrive_close(vd);
}

int main(void)
{
    unsigned i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) test_writable(&cases[i]);
    test_rom("cdrom", 0x0008, 0x001E);
    test_rom("dvdrom", 0x0010, 0x001F);
    test_rom("bdrom", 0x0040, 0x0040);
    return check_finish("test_vdrive_media");
}
