#define _POSIX_C_SOURCE 200809L   /* setenv */
/* Drive-level behaviour: tray and no-media sense, becoming ready, INQUIRY, REQUEST SENSE,
 * unknown opcodes, eject against the prevent lock, media events, mode pages, speeds. */
#include "check.h"
#include "vd_test_util.h"

static void test_tray_and_ready(void)
{
    vdrive_config cfg;
    vdrive *vd;
    uint8_t c[12] = { 0 }, buf[64];
    vt_result r;

    vdrive_config_default(&cfg);
    cfg.becoming_ready = 3;
    vt_fresh_dir("basic_tray", &cfg);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x3A, 0x01));              /* closed, empty */
    c[0] = 0x03; c[4] = 18;                                    /* REQUEST SENSE reports it again */
    r = vt_run(vd, c, 6, MMC_DIR_IN, buf, 18);
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[0], 0x70);
    CHECK_EQ_INT(buf[2] & 0x0F, 2);
    CHECK_EQ_INT(buf[12], 0x3A);
    CHECK_EQ_INT(buf[7], 10);
    CHECK_EQ_INT(vdrive_open_tray(vd, 0), 0);
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x3A, 0x02));              /* tray open */
    CHECK(SENSE_IS(vt_disc_info(vd, buf), 2, 0x3A, 0x02));
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);          /* insert closes the tray */
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x04, 0x01));
    CHECK(SENSE_IS(vt_disc_info(vd, buf), 2, 0x04, 0x01));     /* media commands wait too */
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x04, 0x01));
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x04, 0x01));
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);          /* after exactly 3 */
    CHECK_EQ_INT(vt_disc_info(vd, buf).status, MMC_STATUS_GOOD);

    /* GESN media class: a new-media event once, then no change; media present bit */
    memset(c, 0, sizeof(c));
    c[0] = 0x4A; c[1] = 0x01; c[4] = 0x10; vt_put16(c + 7, 8);
    CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_IN, buf, 8).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[2] & 0x07, 4);
    CHECK_EQ_INT(buf[4] & 0x0F, 2);
    CHECK_EQ_INT(buf[5] & 0x03, 0x02);
    CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_IN, buf, 8).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[4] & 0x0F, 0);
    c[1] = 0;                                                  /* asynchronous: not supported */
    CHECK(SENSE_IS(vt_run(vd, c, 10, MMC_DIR_IN, buf, 8), 5, 0x24, 0x00));

    /* prevent lock: eject refused with 05/53/02, allowed after ALLOW */
    memset(c, 0, sizeof(c));
    c[0] = 0x1E; c[4] = 0x01;
    CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    memset(c, 0, sizeof(c));
    c[0] = 0x1B; c[4] = 0x02;                                  /* LoEj, !Start: eject */
    CHECK(SENSE_IS(vt_run(vd, c, 6, MMC_DIR_NONE, NULL, 0), 5, 0x53, 0x02));
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);
    memset(c, 0, sizeof(c));
    c[0] = 0x1E; c[4] = 0x00;
    vt_run(vd, c, 6, MMC_DIR_NONE, NULL, 0);
    memset(c, 0, sizeof(c));
    c[0] = 0x1B; c[4] = 0x02;
    CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x3A, 0x02));
    c[4] = 0x03;                                               /* load */
    CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x04, 0x01));                /* spins up again */
    CHECK_EQ_INT(vdrive_remove_media(vd), 0);
    CHECK(SENSE_IS(vt_tur(vd), 2, 0x3A, 0x01));
    vdrive_close(vd);
}

static void test_inquiry_and_errors(void)
{
    vdrive_config cfg;
    vdrive *vd;
    uint8_t c[12] = { 0 }, buf[96];
    vt_result r;

    vdrive_config_default(&cfg);
    strcpy(cfg.vendor, "ACME");
    strcpy(cfg.product, "BURNER 9000");
    strcpy(cfg.revision, "2.5");
    strcpy(cfg.serial, "SN-42");
    vt_fresh_dir("basic_inquiry", &cfg);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    c[0] = 0x12; vt_put16(c + 3, 96);
    r = vt_run(vd, c, 6, MMC_DIR_IN, buf, 96);
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(r.transferred, 36);
    CHECK_EQ_INT(buf[0], 0x05);                                /* CD/DVD device */
    CHECK_EQ_INT(buf[1] & 0x80, 0x80);                         /* removable */
    CHECK(!memcmp(buf + 8, "ACME    ", 8));
    CHECK(!memcmp(buf + 16, "BURNER 9000     ", 16));
    CHECK(!memcmp(buf + 32, "2.5 ", 4));
    vt_put16(c + 3, 5);                                        /* allocation length honoured */
    CHECK_EQ_INT(vt_run(vd, c, 6, MMC_DIR_IN, buf, 96).transferred, 5);
    c[1] = 0x01; c[2] = 0x80; vt_put16(c + 3, 96);
    r = vt_run(vd, c, 6, MMC_DIR_IN, buf, 96);
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[1], 0x80);
    CHECK_EQ_INT(buf[3], 5);
    CHECK(!memcmp(buf + 4, "SN-42", 5));
    c[2] = 0x83;
    CHECK(SENSE_IS(vt_run(vd, c, 6, MMC_DIR_IN, buf, 96), 5, 0x24, 0x00));
    memset(c, 0, sizeof(c));
    c[0] = 0xFE;                                               /* no such command */
    CHECK(SENSE_IS(vt_run(vd, c, 12, MMC_DIR_NONE, NULL, 0), 5, 0x20, 0x00));
    c[0] = 0x03; c[4] = 18;                                    /* REQUEST SENSE returns the last error */
    r = vt_run(vd, c, 6, MMC_DIR_IN, buf, 18);
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[2] & 0x0F, 5);
    CHECK_EQ_INT(buf[12], 0x20);
    vdrive_close(vd);
}

static void test_mode_pages_and_speeds(void)
{
    vdrive *vd;
    uint8_t c[12] = { 0 }, buf[1024], sel[8 + 12];
    vt_result r;
    unsigned off, n, i, codes[8], ncodes = 0;

    vt_fresh_dir("basic_mode", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    /* 2Ah: buffer size and the DVD write speed descriptors (16x = 16 * 1385 kB/s) */
    r = vt_mode_sense(vd, 0, 0x2A, buf, sizeof(buf));
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[8] & 0x3F, 0x2A);
    CHECK_EQ_INT(vt_get16(buf + 8 + 12), 4096);
    n = vt_get16(buf + 8 + 30);
    CHECK_EQ_INT(n, 5);
    CHECK_EQ_INT(vt_get16(buf + 8 + 32 + 2), 16 * 1385);
    CHECK_EQ_INT(vt_get16(buf + 8 + 32 + 4 * (n - 1) + 2), 2 * 1385);
    /* 05h: BUFE on by default; changeable mask allows it; 3Fh lists every page */
    r = vt_mode_sense(vd, 0, 0x05, buf, sizeof(buf));
    CHECK_EQ_INT(buf[8 + 1], 0x32);
    CHECK_EQ_INT(buf[8 + 2] & 0x40, 0x40);
    r = vt_mode_sense(vd, 1, 0x05, buf, sizeof(buf));
    CHECK_EQ_INT(buf[8 + 2] & 0x4F, 0x4F);
    r = vt_mode_sense(vd, 0, 0x3F, buf, sizeof(buf));
    CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    for (off = 8; off < vt_get16(buf) + 2u && ncodes < 8; off += buf[off + 1] + 2u) codes[ncodes++] = buf[off] & 0x3F;
    CHECK_EQ_INT(ncodes, 6);
    CHECK_EQ_INT(codes[0], 0x01); CHECK_EQ_INT(codes[1], 0x05); CHECK_EQ_INT(codes[2], 0x08);
    CHECK_EQ_INT(codes[3], 0x1A); CHECK_EQ_INT(codes[4], 0x1D); CHECK_EQ_INT(codes[5], 0x2A);
    CHECK(SENSE_IS(vt_mode_sense(vd, 0, 0x10, buf, sizeof(buf)), 5, 0x24, 0x00));
    /* BUFE off via MODE SELECT; default page keeps BUFE on */
    CHECK_EQ_INT(vt_set_write_params(vd, 0, 1, 0, 4, 8).status, MMC_STATUS_GOOD);
    vt_mode_sense(vd, 0, 0x05, buf, sizeof(buf));
    CHECK_EQ_INT(buf[8 + 2] & 0x40, 0);
    vt_mode_sense(vd, 2, 0x05, buf, sizeof(buf));
    CHECK_EQ_INT(buf[8 + 2] & 0x40, 0x40);
    vt_mode_sense(vd, 3, 0x05, buf, sizeof(buf));            /* saved: nothing saved, defaults */
    CHECK_EQ_INT(buf[8 + 2] & 0x40, 0x40);
    memset(c, 0, sizeof(c));
    c[0] = 0x54; c[1] = 0x01;                                  /* SEND OPC INFORMATION, DoOpc */
    CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    /* changing a bit that is not changeable (caching page byte 3) is refused */
    vt_mode_sense(vd, 0, 0x08, buf, sizeof(buf));
    memset(sel, 0, 8);
    memcpy(sel + 8, buf + 8, 12);
    sel[8] &= 0x3F;
    sel[8 + 3] ^= 0x80;
    memset(c, 0, sizeof(c));
    c[0] = 0x55; c[1] = 0x10; vt_put16(c + 7, sizeof(sel));
    CHECK(SENSE_IS(vt_run(vd, c, 10, MMC_DIR_OUT, sel, sizeof(sel)), 5, 0x26, 0x00));

    /* SET CD SPEED picks the fastest speed not above the request; GET PERFORMANCE shows it */
    memset(c, 0, sizeof(c));
    c[0] = 0xBB; vt_put16(c + 2, 0xFFFF); vt_put16(c + 4, 5000);
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    memset(c, 0, sizeof(c));
    c[0] = 0xAC; c[1] = 0x04; vt_put16(c + 8, 1); c[10] = 0x00;
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, buf, 24).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(buf), 20);
    CHECK_EQ_INT(vt_get32(buf + 8 + 4), 2 * 1385);             /* 4x (5540) is above 5000 */
    c[1] = 0; c[10] = 0x03; vt_put16(c + 8, 10);
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, buf, 8 + 160).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(buf), 4 + 16 * 5);
    for (i = 0; i < 5; i++) CHECK_EQ_INT(vt_get32(buf + 8 + 16 * i + 4), 2295104 - 1);
    CHECK_EQ_INT(vt_get32(buf + 8 + 12), 16 * 1385);
    /* SET STREAMING: 8000 KB per 1000 ms asks for 8000 kB/s; the drive takes 4x (5540) */
    {
        uint8_t perf[28];
        memset(perf, 0, sizeof(perf));
        vt_put32(perf + 8, 2295103);                  /* end LBA */
        vt_put32(perf + 12, 8000); vt_put32(perf + 16, 1000);
        vt_put32(perf + 20, 8000); vt_put32(perf + 24, 1000);
        memset(c, 0, sizeof(c));
        c[0] = 0xB6; c[10] = sizeof(perf);
        CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_OUT, perf, sizeof(perf)).status, MMC_STATUS_GOOD);
        memset(c, 0, sizeof(c));
        c[0] = 0xAC; c[1] = 0x04; vt_put16(c + 8, 1);
        CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, buf, 24).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(vt_get32(buf + 8 + 4), 4 * 1385);
        memset(c, 0, sizeof(c));
        c[0] = 0xB6; c[8] = 0x05; c[10] = sizeof(perf);  /* DBI cache zone: not offered */
        CHECK(SENSE_IS(vt_run(vd, c, 12, MMC_DIR_OUT, perf, sizeof(perf)), 5, 0x24, 0x00));
    }
    /* READ BUFFER CAPACITY: an idle buffer is all free */
    memset(c, 0, sizeof(c));
    c[0] = 0x5C; vt_put16(c + 7, 12);
    CHECK_EQ_INT(vt_run(vd, c, 10, MMC_DIR_IN, buf, 12).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(buf + 4), 4096 * 1024);
    CHECK_EQ_INT(vt_get32(buf + 8), 4096 * 1024);
    /* READ DISC STRUCTURE: DVD+R book type Ah; not on CD */
    memset(c, 0, sizeof(c));
    c[0] = 0xAD; c[7] = 0x00; vt_put16(c + 8, 2052);
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, buf, 1024).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(buf[4] >> 4, 0xA);
    CHECK_EQ_INT(vt_get32(buf + 8), 0x030000);
    c[7] = 0x01;
    CHECK_EQ_INT(vt_run(vd, c, 12, MMC_DIR_IN, buf, 1024).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0009), 0);
    c[7] = 0x00;
    CHECK(SENSE_IS(vt_run(vd, c, 12, MMC_DIR_IN, buf, 1024), 5, 0x24, 0x00));
    vdrive_close(vd);
}

static void test_transport_and_listing(void)
{
    mmc_transport *t;
    mmc_command cmd;
    uint8_t buf[1024];
    char **dirs, env[2200];
    unsigned n;

    vt_fresh_dir("basic_transport", NULL);
    CHECK_EQ_INT(vdrive_transport_open(vt_dir, &t), 0);
    /* GET CONFIGURATION without media: current profile 0, CD read feature present, not current */
    memset(&cmd, 0, sizeof(cmd));
    cmd.cdb[0] = 0x46; cmd.cdb[8] = 255; cmd.cdb_len = 10;
    cmd.dir = MMC_DIR_IN; cmd.buf = buf; cmd.len = 255;
    CHECK_EQ_INT(t->execute(t, &cmd), MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get16(buf + 6), 0);
    CHECK_EQ_INT(cmd.transferred, 255);        /* truncated to the allocation length */
    cmd.cdb[7] = 0x04; cmd.cdb[8] = 0; cmd.len = sizeof(buf);
    CHECK_EQ_INT(t->execute(t, &cmd), MMC_STATUS_GOOD);
    CHECK(vt_find_feature(buf, 0x001E) && !(vt_find_feature(buf, 0x001E)[2] & 1));
    CHECK(vt_find_feature(buf, 0x0107) && (vt_find_feature(buf, 0x0107)[2] & 1));
    memset(&cmd, 0, sizeof(cmd));
    cmd.cdb[0] = 0x23; cmd.cdb[8] = 252; cmd.cdb_len = 10;       /* READ FORMAT CAPACITIES */
    cmd.dir = MMC_DIR_IN; cmd.buf = buf; cmd.len = 252;
    CHECK_EQ_INT(t->execute(t, &cmd), MMC_STATUS_CHECK_CONDITION);
    CHECK_EQ_INT(cmd.sense[12], 0x3A);
    t->release(t);

    /* a blank BD-RE offers its format types with the standard block counts */
    {
        vdrive *vd;
        uint8_t c[10] = { 0x23 };
        unsigned i, found00 = 0, found31 = 0;
        vt_result r;
        CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
        CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0043), 0);
        vt_put16(c + 7, 252);
        r = vt_run(vd, c, 10, MMC_DIR_IN, buf, 252);
        CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(buf[8] & 3, 1);                              /* unformatted */
        for (i = 12; i < 4u + buf[3]; i += 8)
        {
            if (buf[i + 4] >> 2 == 0x00 && vt_get32(buf + i) == 11826176) found00 = 1;
            if (buf[i + 4] >> 2 == 0x31 && vt_get32(buf + i) == 12219392) found31 = 1;
        }
        CHECK(found00 && found31);
        vdrive_close(vd);
    }

    snprintf(env, sizeof(env), "%s;/nonexistent/other", vt_dir);
    setenv("IMAPI_VDRIVE_DIRS", env, 1);
    n = vdrive_list_configured(&dirs);
    CHECK_EQ_INT(n, 2);
    if (n == 2)
    {
        CHECK(!strcmp(dirs[0], vt_dir));
        CHECK(!strcmp(dirs[1], "/nonexistent/other"));
    }
    vdrive_list_free(dirs, n);
}

static void test_unit_attention(void)
{
    vdrive_config cfg;
    vdrive *vd;
    uint8_t inq[6] = { 0x12, 0, 0, 0, 36, 0 }, buf[36];

    vdrive_config_default(&cfg);
    cfg.becoming_ready = 0;
    cfg.unit_attention = 1;
    vt_fresh_dir("basic_ua", &cfg);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0009), 0);
    CHECK_EQ_INT(vt_run(vd, inq, 6, MMC_DIR_IN, buf, 36).status, MMC_STATUS_GOOD);   /* INQUIRY passes */
    CHECK(SENSE_IS(vt_tur(vd), 6, 0x28, 0x00));
    CHECK_EQ_INT(vt_tur(vd).status, MMC_STATUS_GOOD);                                 /* reported once */
    vdrive_close(vd);
}

/* manual_load: a slot/caddy drive ejects but cannot load; the Removable Medium feature
 * says so; the setting comes back from config.txt. */
static void test_manual_load(void)
{
    vdrive_config cfg;
    vdrive *vd;
    uint8_t buf[512], eject[6] = { 0x1B, 0, 0, 0, 0x02, 0 }, load[6] = { 0x1B, 0, 0, 0, 0x03, 0 };
    const uint8_t *f;

    vdrive_config_default(&cfg);
    cfg.becoming_ready = 0;
    cfg.manual_load = 1;
    vt_fresh_dir("basic_manual_load", &cfg);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001A), 0);
    CHECK_EQ_INT(vt_get_config(vd, 2, 0x0003, buf, sizeof(buf)).status, MMC_STATUS_GOOD);
    f = vt_find_feature(buf, 0x0003);
    CHECK(f != NULL);
    if (f) CHECK_EQ_INT(f[4], 0x09);          /* caddy/slot mechanism, Eject, Lock; no Load */
    CHECK_EQ_INT(vt_run(vd, eject, 6, MMC_DIR_NONE, NULL, 0).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_run(vd, load, 6, MMC_DIR_NONE, NULL, 0), 5, 0x24, 0x00));
    vdrive_close(vd);
}

int main(void)
{
    test_manual_load();
    test_unit_attention();
    test_transport_and_listing();
    test_tray_and_ready();
    test_inquiry_and_errors();
    test_mode_pages_and_speeds();
    return check_finish("test_vdrive_basic");
}
