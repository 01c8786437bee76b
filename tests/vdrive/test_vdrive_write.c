/* Recording: writes at the NWA and refused elsewhere, closing tracks and sessions and
 * the resulting disc/track information and TOC, reservations, CD TAO and SAO, blanking
 * and formatting, write protection, loss of streaming with BUFE off, fault injection. */
#include "check.h"
#include "vd_test_util.h"

static uint8_t blocks[64 * 2352];

static void fill(unsigned first_lba, unsigned count, unsigned size)
{
    unsigned i;
    for (i = 0; i < count; i++) { memset(blocks + (size_t)i * size, (int)((first_lba + i) & 0xFF), size); blocks[(size_t)i * size] = 0xA5; }
}

static vdrive *fresh(const char *name, unsigned profile)
{
    vdrive *vd;
    vt_fresh_dir(name, NULL);
    if (vdrive_open(vt_dir, &vd)) exit(2);
    CHECK_EQ_INT(vdrive_insert_blank(vd, (uint16_t)profile), 0);
    return vd;
}

static void test_dvd_plus_r_sessions(void)
{
    vdrive *vd = fresh("write_dvdplusr", 0x001B);
    uint8_t di[34], ti[48], toc[64], rd[2048 * 2];

    fill(0, 32, 2048);
    CHECK_EQ_INT(vt_write10(vd, 0, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_write10(vd, 100, 1, blocks, 2048), 5, 0x21, 0x02));   /* not the NWA */
    CHECK(SENSE_IS(vt_write10(vd, 0, 1, blocks, 2048), 5, 0x21, 0x02));     /* already written */
    fill(32, 32, 2048);
    CHECK_EQ_INT(vt_write10(vd, 32, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_track_info(vd, 0xFF, ti).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(ti + 12), 64);                                     /* NWA */
    CHECK_EQ_INT(vt_get32(ti + 16), 2295104 - 64);                           /* free */
    CHECK_EQ_INT(vt_get32(ti + 28), 63);                                     /* last recorded */
    CHECK_EQ_INT(ti[7] & 3, 3);                                              /* LRA_V, NWA_V */
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 1);                                              /* appendable */
    CHECK_EQ_INT((di[2] >> 2) & 3, 1);                                       /* incomplete session */
    CHECK_EQ_INT(vt_read10(vd, 62, 2, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[0], 0xA5); CHECK_EQ_INT(rd[1], 62); CHECK_EQ_INT(rd[2048 + 1], 63);
    CHECK(SENSE_IS(vt_read10(vd, 63, 2, rd), 5, 0x21, 0x00));                /* beyond recorded */
    {
        /* the 12-byte forms: WRITE(12) at the NWA, READ(12) back */
        uint8_t w12[12] = { 0xAA }, r12[12] = { 0xA8 };
        vt_put32(w12 + 2, 64); vt_put32(w12 + 6, 1);
        fill(64, 1, 2048);
        CHECK_EQ_INT(vt_run(vd, w12, 12, MMC_DIR_OUT, blocks, 2048).status, MMC_STATUS_GOOD);
        vt_put32(r12 + 2, 64); vt_put32(r12 + 6, 1);
        CHECK_EQ_INT(vt_run(vd, r12, 12, MMC_DIR_IN, rd, 2048).transferred, 2048);
        CHECK_EQ_INT(rd[1], 64);
        vt_put32(w12 + 2, 66);
        CHECK(SENSE_IS(vt_run(vd, w12, 12, MMC_DIR_OUT, blocks, 2048), 5, 0x21, 0x02));
    }

    CHECK_EQ_INT(vt_close(vd, 1, 1).status, MMC_STATUS_GOOD);                /* close track */
    CHECK_EQ_INT(vt_track_info(vd, 1, ti).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(ti + 24), 65);                                     /* track size */
    CHECK_EQ_INT(ti[7] & 1, 0);                                              /* no NWA */
    CHECK_EQ_INT(vt_track_info(vd, 0xFF, ti).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(ti[2], 2);
    CHECK_EQ_INT(vt_get32(ti + 8), 80);                                      /* next ECC block (16) */
    CHECK_EQ_INT(vt_close(vd, 2, 0).status, MMC_STATUS_GOOD);                /* close session */
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 1);                                              /* still appendable */
    CHECK_EQ_INT((di[2] >> 2) & 3, 0);                                       /* new empty session */
    CHECK_EQ_INT(di[4], 2);                                                  /* sessions */
    CHECK_EQ_INT(vt_read_toc(vd, 0, 0, 0, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get16(toc), 2 + 2 * 8);
    CHECK_EQ_INT(toc[2], 1); CHECK_EQ_INT(toc[3], 1);
    CHECK_EQ_INT(toc[4 + 2], 1);
    CHECK_EQ_INT(toc[4 + 1] & 0x0F, 4);                                      /* data track */
    CHECK_EQ_INT(vt_get32(toc + 4 + 4), 0);
    CHECK_EQ_INT(toc[12 + 2], 0xAA);
    CHECK_EQ_INT(vt_get32(toc + 12 + 4), 65);                                /* lead-out */
    CHECK_EQ_INT(vt_close(vd, 6, 0).status, MMC_STATUS_GOOD);                /* finalize */
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 2);                                              /* complete */
    CHECK_EQ_INT(di[4], 1);
    CHECK(SENSE_IS(vt_write10(vd, 80, 1, blocks, 2048), 5, 0x21, 0x02));
    CHECK(SENSE_IS(vt_track_info(vd, 0xFF, ti), 5, 0x24, 0x00));             /* no invisible track */
    vdrive_close(vd);
}

static void test_cd_tao_and_blank(void)
{
    vdrive *vd = fresh("write_cdrw", 0x000A);
    uint8_t toc[64], ti[48], di[34], c[12] = { 0 }, rd[2048];
    unsigned i;

    CHECK_EQ_INT(vt_set_write_params(vd, 1, 1, 3, 4, 8).status, MMC_STATUS_GOOD);   /* TAO, multi-session */
    for (i = 0; i < 300; i += 60)
    {
        fill(i, 60, 2048);
        CHECK_EQ_INT(vt_write10(vd, i, 60, blocks, 2048).status, MMC_STATUS_GOOD);
    }
    CHECK_EQ_INT(vt_close(vd, 1, 1).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_track_info(vd, 0xFF, ti).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(ti + 12), 300 + 150);                              /* next track after a 2 s pre-gap */
    CHECK_EQ_INT(vt_close(vd, 2, 0).status, MMC_STATUS_GOOD);
    /* TOC in MSF: track 1 at 00:02:00, lead-out at LBA 300 = 00:06:00 */
    CHECK_EQ_INT(vt_read_toc(vd, 0, 1, 1, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(toc[4 + 5], 0); CHECK_EQ_INT(toc[4 + 6], 2); CHECK_EQ_INT(toc[4 + 7], 0);
    CHECK_EQ_INT(toc[12 + 2], 0xAA);
    CHECK_EQ_INT(toc[12 + 5], 0); CHECK_EQ_INT(toc[12 + 6], 6); CHECK_EQ_INT(toc[12 + 7], 0);
    /* session information (format 1): first complete session 1, last 1, its first track */
    CHECK_EQ_INT(vt_read_toc(vd, 1, 0, 0, toc, 12).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get16(toc), 10);
    CHECK_EQ_INT(toc[2], 1); CHECK_EQ_INT(toc[3], 1);
    CHECK_EQ_INT(toc[6], 1);
    CHECK_EQ_INT(vt_get32(toc + 8), 0);
    /* second session starts after lead-out (6750) + lead-in (4500) + pre-gap (150) */
    CHECK_EQ_INT(vt_track_info(vd, 0xFF, ti).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(ti + 8), 300 + 11400);
    CHECK_EQ_INT(ti[3], 2);
    /* full TOC: A0/A1/A2 points and B0 for the next session */
    CHECK_EQ_INT(vt_read_toc(vd, 2, 1, 0, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(toc[3], 1);
    CHECK_EQ_INT(toc[4 + 3], 0xA0); CHECK_EQ_INT(toc[4 + 8], 1);
    CHECK_EQ_INT(toc[4 + 11 + 3], 0xA1);
    CHECK_EQ_INT(toc[4 + 22 + 3], 0xA2); CHECK_EQ_INT(toc[4 + 22 + 9], 6);
    CHECK_EQ_INT(toc[4 + 33 + 3], 1);
    CHECK_EQ_INT(toc[4 + 44 + 3], 0xB0); CHECK_EQ_INT(toc[4 + 44 + 1] >> 4, 5);
    CHECK_EQ_INT(vt_read10(vd, 299, 1, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[1], 299 & 0xFF);
    /* READ CD user data of a data sector equals READ(10) */
    c[0] = 0xBE; vt_put32(c + 2, 299); c[8] = 1; c[9] = 0x10;
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, rd, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[1], 299 & 0xFF);

    /* BLANK minimal: a blank disc again */
    memset(c, 0, sizeof(c));
    c[0] = 0xA1; c[1] = 0x01;
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 0);
    CHECK_EQ_INT(vt_track_info(vd, 0xFF, ti).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(ti + 12), 0);
    CHECK(SENSE_IS(vt_read_toc(vd, 0, 0, 0, toc, sizeof(toc)), 5, 0x24, 0x00));
    c[1] = 0x02;                                                             /* blank track: not offered */
    CHECK(SENSE_IS(vt_run(vd, c, 12, MMC_DIR_NONE, NULL, 0), 5, 0x24, 0x00));
    /* write-once media cannot be blanked: 05/64/00 ILLEGAL MODE FOR THIS TRACK (vdrive_cmd_blank.c) */
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0009), 0);
    c[1] = 0x00;
    CHECK(SENSE_IS(vt_run(vd, c, 12, MMC_DIR_NONE, NULL, 0), 5, 0x64, 0x00));
    vdrive_close(vd);
}

static void test_cd_sao_audio(void)
{
    vdrive *vd = fresh("write_cdr_sao", 0x0009);
    /* cue: lead-in, track 1 index 0 at 00:00:00 (LBA -150), index 1 at 00:02:00, lead-out 00:06:00 */
    uint8_t cue[32] = {
        0x01, 0x00, 0x00, 0x01, 0x00, 0, 0, 0,
        0x01, 0x01, 0x00, 0x00, 0x00, 0, 0, 0,
        0x01, 0x01, 0x01, 0x00, 0x00, 0, 2, 0,
        0x01, 0xAA, 0x01, 0x00, 0x00, 0, 6, 0 };
    uint8_t c[12] = { 0 }, toc[32], raw[2352];
    int32_t lba;

    CHECK_EQ_INT(vt_set_write_params(vd, 1, 2, 0, 0, 0).status, MMC_STATUS_GOOD);   /* SAO, audio, raw */
    c[0] = 0x5D; c[8] = sizeof(cue);
    CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_OUT, cue, sizeof(cue)).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_write10(vd, 0, 1, blocks, 2352), 5, 0x21, 0x02));     /* must start at -150 */
    for (lba = -150; lba < 300; lba += 50)
    {
        fill((unsigned)(lba + 150), 50, 2352);
        CHECK_EQ_INT(vt_write10(vd, (uint32_t)lba, 50, blocks, 2352).status, MMC_STATUS_GOOD);
    }
    CHECK_EQ_INT(vt_sync(vd).status, MMC_STATUS_GOOD);                       /* lead-out reached */
    CHECK_EQ_INT(vt_read_toc(vd, 0, 0, 0, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(toc[4 + 1] & 0x0F, 0);                                      /* audio track */
    CHECK_EQ_INT(vt_get32(toc + 12 + 4), 300);
    {
        uint8_t di[34];
        vt_disc_info(vd, di);
        CHECK_EQ_INT(di[2] & 3, 2);                                          /* no next session: complete */
    }
    memset(c, 0, sizeof(c));
    c[0] = 0xBE; c[1] = 0x04; vt_put32(c + 2, 10); c[8] = 1; c[9] = 0x10;    /* CD-DA, 2352 raw */
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, raw, sizeof(raw)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(raw[0], 0xA5); CHECK_EQ_INT(raw[1], (10 + 150) & 0xFF); CHECK_EQ_INT(raw[2351], (10 + 150) & 0xFF);
    CHECK(SENSE_IS(vt_read10(vd, 10, 1, raw), 5, 0x64, 0x00));              /* READ(10) on audio */
    vdrive_close(vd);
}

/* One raw DAO-96 sector: main channel stamped with its LBA, Q sub-channel (mode 1) in
 * bit 6 of each of the 96 sub-channel bytes, as MMC's raw P-W layout has it. */
static void raw_sector(uint8_t *p, int32_t lba, unsigned ctl, unsigned tno_bcd, unsigned index_bcd)
{
    uint8_t q[12] = { 0 };
    unsigned i;
    memset(p, (int)(lba & 0xFF), 2352);
    p[0] = 0x5A;
    q[0] = (uint8_t)(ctl << 4 | 1);
    q[1] = (uint8_t)tno_bcd;
    q[2] = (uint8_t)index_bcd;
    memset(p + 2352, 0, 96);
    for (i = 0; i < 96; i++) if (q[i / 8] & (0x80 >> (i % 8))) p[2352 + i] |= 0x40;
}

static void test_cd_raw_dao(void)
{
    vdrive *vd = fresh("write_cdr_raw", 0x0009);
    uint8_t toc[64], di[34], c[12] = { 0 }, rd[2352];
    int32_t lba, at;

    CHECK_EQ_INT(vt_set_write_params(vd, 1, 3, 0, 0, 3).status, MMC_STATUS_GOOD);   /* raw, P-W raw */
    CHECK(SENSE_IS(vt_write10(vd, 0, 1, blocks, 2448), 5, 0x21, 0x02));     /* not inside the lead-in */
    /* pre-gap of track 1 (index 0), audio track 1 at 0, data track 2 at 300, lead-out at 450 */
    for (lba = -150; lba < 460; lba += 20)
    {
        for (at = lba; at < lba + 20; at++)
        {
            uint8_t *p = blocks + (size_t)(at - lba) * 2448;
            if (at < 0) raw_sector(p, at, 0, 0x01, 0x00);
            else if (at < 300) raw_sector(p, at, 0, 0x01, 0x01);
            else if (at < 450) raw_sector(p, at, 4, 0x02, 0x01);
            else raw_sector(p, at, 4, 0xAA, 0x01);
        }
        CHECK_EQ_INT(vt_write10(vd, (uint32_t)lba, 20, blocks, 2448).status, MMC_STATUS_GOOD);
    }
    CHECK_EQ_INT(vt_sync(vd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 2);
    CHECK_EQ_INT(vt_read_toc(vd, 0, 0, 0, toc, sizeof(toc)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(toc[3], 2);
    CHECK_EQ_INT(toc[4 + 1] & 0x0F, 0);   CHECK_EQ_INT(vt_get32(toc + 4 + 4), 0);
    CHECK_EQ_INT(toc[12 + 1] & 0x0F, 4);  CHECK_EQ_INT(vt_get32(toc + 12 + 4), 300);
    CHECK_EQ_INT(toc[20 + 2], 0xAA);      CHECK_EQ_INT(vt_get32(toc + 20 + 4), 450);
    c[0] = 0xBE; vt_put32(c + 2, 299); c[8] = 1; c[9] = 0xF8;            /* last audio sector, raw */
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, rd, sizeof(rd)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[0], 0x5A); CHECK_EQ_INT(rd[1], 299 & 0xFF);
    c[1] = 0x08; vt_put32(c + 2, 449);                                   /* data track, raw */
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, rd, sizeof(rd)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[0], 0x5A); CHECK_EQ_INT(rd[2351], 449 & 0xFF);
    vdrive_close(vd);
}

static void test_reserve_and_dvd_rw(void)
{
    vdrive *vd = fresh("write_dvdr_reserve", 0x0011);
    uint8_t c[12] = { 0 }, ti[48], p[12] = { 0, 0x02, 0, 8 }, di[34];

    c[0] = 0x53; vt_put32(c + 5, 1000);
    CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_track_info(vd, 1, ti).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(ti + 24), 1008);                                   /* whole ECC blocks */
    CHECK_EQ_INT(ti[6] & 0x80, 0x80);                                        /* reserved track */
    CHECK_EQ_INT(vt_track_info(vd, 0xFF, ti).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(ti + 8), 1008);
    CHECK_EQ_INT(vt_write10(vd, 1008, 16, blocks, 2048).status, MMC_STATUS_GOOD);  /* the open track */
    CHECK_EQ_INT(vt_write10(vd, 0, 16, blocks, 2048).status, MMC_STATUS_GOOD);     /* the reserved one */
    CHECK(SENSE_IS(vt_write10(vd, 8, 1, blocks, 2048), 5, 0x21, 0x02));
    CHECK(SENSE_IS(vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0), 5, 0x2C, 0x00)); /* open track has data */
    vdrive_close(vd);

    /* DVD-RW: quick format to restricted overwrite, write anywhere, blank back to sequential */
    vd = fresh("write_dvdrw", 0x0014);
    memset(c, 0, sizeof(c));
    c[0] = 0x04; c[1] = 0x11;
    vt_put32(p + 4, 2298496);
    p[8] = 0x15 << 2;
    CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_OUT, p, sizeof(p)).status, MMC_STATUS_GOOD);
    {
        uint8_t cfg[16];
        vt_get_config(vd, 0, 0, cfg, sizeof(cfg));
        CHECK_EQ_INT(vt_get16(cfg + 6), 0x0013);
    }
    CHECK_EQ_INT(vt_write10(vd, 5000, 16, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_write10(vd, 16, 16, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_write10(vd, 2298496 - 8, 16, blocks, 2048), 5, 0x21, 0x00));
    memset(c, 0, sizeof(c));
    c[0] = 0xA1; c[1] = 0x00;
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    {
        uint8_t cfg[16];
        vt_get_config(vd, 0, 0, cfg, sizeof(cfg));
        CHECK_EQ_INT(vt_get16(cfg + 6), 0x0014);
    }
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 0);
    /* FORMAT UNIT on write-once media */
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    memset(c, 0, sizeof(c));
    c[0] = 0x04; c[1] = 0x11; p[8] = 0x26 << 2;
    CHECK(SENSE_IS(vt_run(vd, c, 6, MMC_DIR_OUT, p, sizeof(p)), 5, 0x30, 0x06));
    /* DVD+RW refuses writes until formatted */
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001A), 0);
    CHECK(SENSE_IS(vt_write10(vd, 0, 1, blocks, 2048), 5, 0x30, 0x05));
    vdrive_close(vd);
}

static void test_write_protect(void)
{
    vdrive *vd = fresh("write_protect", 0x0041);
    uint8_t c[12] = { 0 }, mode[8 + 52];
    CHECK_EQ_INT(vt_mode_sense(vd, 0, 0x05, mode, sizeof(mode)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(mode[3] & 0x80, 0);                  /* WP bit of the mode header */
    CHECK_EQ_INT(vdrive_set_write_protect(vd, 1), 0);
    CHECK_EQ_INT(vt_mode_sense(vd, 0, 0x05, mode, sizeof(mode)).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(mode[3] & 0x80, 0x80);
    CHECK(SENSE_IS(vt_write10(vd, 0, 1, blocks, 2048), 7, 0x27, 0x00));
    CHECK(SENSE_IS(vt_close(vd, 2, 0), 7, 0x27, 0x00));
    c[0] = 0x53; vt_put32(c + 5, 64);
    CHECK(SENSE_IS(vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0), 7, 0x27, 0x00));
    CHECK_EQ_INT(vdrive_set_write_protect(vd, 0), 0);
    CHECK_EQ_INT(vt_write10(vd, 0, 1, blocks, 2048).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
}

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx) { (void)ctx; return fake_now; }

static void test_streaming(void)
{
    vdrive *vd = fresh("write_streaming", 0x001B);
    vdrive_set_clock(vd, fake_clock, NULL);
    /* BUFE on (default): a host pause empties the buffer without an error */
    CHECK_EQ_INT(vt_write10(vd, 0, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    fake_now += 10000;
    CHECK_EQ_INT(vt_write10(vd, 32, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    /* BUFE off: keeping up is fine, a 10 s pause at 16x underruns: 03/0C/09 */
    CHECK_EQ_INT(vt_set_write_params(vd, 0, 0, 0, 4, 8).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_write10(vd, 64, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    fake_now += 1;
    CHECK_EQ_INT(vt_write10(vd, 96, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    {
        /* READ BUFFER CAPACITY sees what is still waiting to be recorded */
        uint8_t c[10] = { 0x5C }, d[12];
        c[8] = 12;
        CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_IN, d, 12).status, MMC_STATUS_GOOD);
        /* three 64 KiB writes since the buffer last ran empty, 1 ms of recording at 16x
         * (16 * 1385 bytes per ms) in between */
        CHECK_EQ_INT(vt_get32(d + 4), 4096 * 1024);
        CHECK_EQ_INT(vt_get32(d + 4) - vt_get32(d + 8), 3 * 65536 - 16 * 1385);
    }
    fake_now += 10000;
    {
        /* asking the buffer in between does not hide the underrun from the next WRITE */
        uint8_t c[10] = { 0x5C }, d[12];
        c[8] = 12;
        CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_IN, d, 12).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(vt_get32(d + 8), 4096 * 1024);         /* empty */
    }
    CHECK(SENSE_IS(vt_write10(vd, 128, 32, blocks, 2048), 3, 0x0C, 0x09));
    /* after SYNCHRONIZE CACHE the stream starts afresh: no false alarm on a pause */
    CHECK_EQ_INT(vt_write10(vd, 128, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_sync(vd).status, MMC_STATUS_GOOD);
    fake_now += 10000;
    CHECK_EQ_INT(vt_write10(vd, 160, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
}

/* `realtime 1`: data is taken no faster than the write speed; a WRITE with no room in
 * the buffer answers 02/04/08 and changes nothing, and is taken once the buffer drained. */
static void test_realtime(void)
{
    vdrive_config cfg;
    vdrive *vd;
    unsigned i;

    vdrive_config_default(&cfg);
    cfg.becoming_ready = 0;
    cfg.realtime = 1;
    cfg.buffer_kb = 256;            /* two 64-block (128 KiB) WRITEs fill it */
    cfg.dvd_speeds[0] = 1;          /* 1x DVD: 1385 bytes per ms */
    cfg.ndvd_speeds = 1;
    vt_fresh_dir("write_realtime", &cfg);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    vdrive_set_clock(vd, fake_clock, NULL);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    for (i = 0; i < 2; i++) CHECK_EQ_INT(vt_write10(vd, i * 64, 64, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_write10(vd, 128, 64, blocks, 2048), 2, 0x04, 0x08));   /* full: wait */
    fake_now += 50;                                                          /* 69 KB recorded: not yet */
    CHECK(SENSE_IS(vt_write10(vd, 128, 64, blocks, 2048), 2, 0x04, 0x08));
    fake_now += 50;                                                          /* 138 KB: room for 128 KiB */
    CHECK_EQ_INT(vt_write10(vd, 128, 64, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_write10(vd, 192, 64, blocks, 2048), 2, 0x04, 0x08));   /* the refused one left no trace */
    vdrive_close(vd);
}

static void test_faults(void)
{
    vdrive_config cfg;
    vdrive *vd;
    vdrive_fault f;
    uint8_t rd[2048 * 4];
    char text[160];
    mmc_command cmd;

    vdrive_config_default(&cfg);
    cfg.becoming_ready = 0;
    CHECK_EQ_INT(vdrive_fault_parse("op=5c sense=04/44/00", &cfg.faults[0]), 0);   /* from config: always */
    cfg.nfaults = 1;
    vt_fresh_dir("write_faults", &cfg);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    CHECK_EQ_INT(vt_write10(vd, 0, 64, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vdrive_fault_parse("op=28 lba=10-20 sense=03/11/00 once", &f), 0);
    vdrive_fault_format(&f, text, sizeof(text));
    CHECK(!strcmp(text, "op=28 lba=10-20 sense=03/11/00 once"));
    CHECK(vdrive_fault_parse("op=28 bogus", &f) != 0);
    CHECK(vdrive_fault_parse("op=28", &f) != 0);                                   /* no action */
    vdrive_fault_parse("op=28 lba=10-20 sense=03/11/00 once", &f);
    CHECK_EQ_INT(vdrive_add_fault(vd, &f), 0);
    CHECK_EQ_INT(vt_read10(vd, 0, 4, rd).status, MMC_STATUS_GOOD);                /* outside the range */
    CHECK(SENSE_IS(vt_read10(vd, 8, 4, rd), 3, 0x11, 0x00));                       /* overlaps 10-20 */
    CHECK_EQ_INT(vt_read10(vd, 8, 4, rd).status, MMC_STATUS_GOOD);                /* once: gone */
    CHECK_EQ_INT(vdrive_fault_parse("op=00 timeout", &f), 0);
    CHECK_EQ_INT(vdrive_add_fault(vd, &f), 0);
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_TIMEOUT);
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_TIMEOUT);                           /* always */
    CHECK_EQ_INT(vdrive_clear_faults(vd), 0);
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    memset(&cmd, 0, sizeof(cmd));
    cmd.cdb[0] = 0x5C; cmd.cdb[8] = 12; cmd.dir = MMC_DIR_IN; cmd.buf = rd; cmd.len = 12;
    CHECK_EQ_INT(vdrive_execute(vd, &cmd), MMC_STATUS_CHECK_CONDITION);            /* the config fault */
    CHECK_EQ_INT(cmd.sense[2], 4);
    CHECK_EQ_INT(cmd.sense[12], 0x44);

    /* write protection arriving with the 3rd write, then the disc pulled on a READ */
    CHECK_EQ_INT(vdrive_fault_parse("op=2a lba=80-80 protect once", &f), 0);
    CHECK_EQ_INT(vdrive_add_fault(vd, &f), 0);
    CHECK_EQ_INT(vt_write10(vd, 64, 16, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_write10(vd, 80, 16, blocks, 2048), 7, 0x27, 0x00));
    CHECK(SENSE_IS(vt_write10(vd, 80, 16, blocks, 2048), 7, 0x27, 0x00));   /* stays protected */
    CHECK_EQ_INT(vdrive_fault_parse("op=28 remove once", &f), 0);
    CHECK_EQ_INT(vdrive_add_fault(vd, &f), 0);
    CHECK(SENSE_IS(vt_read10(vd, 0, 1, rd), 2, 0x3A, 0x01));
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x3A, 0x01));
    vdrive_close(vd);
}

int main(void)
{
    test_dvd_plus_r_sessions();
    test_cd_tao_and_blank();
    test_cd_sao_audio();
    test_cd_raw_dao();
    test_reserve_and_dvd_rw();
    test_write_protect();
    test_streaming();
    test_realtime();
    test_faults();
    return check_finish("test_vdrive_write");
}
