/* Response parsers: well-formed responses laid out by hand from the MMC-6 /
 * SPC-4 tables, every truncation 0..n (each copied into a buffer of exactly
 * that size, so ASan sees any overread), and hostile length fields. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mmc/mmc_parse.h"

typedef int32_t (*parse_fn)(const uint8_t *buf, size_t n);

/* Runs fn on every prefix of resp; prefixes shorter than min_ok must fail with
 * the invalid-response code, longer ones must succeed. */
static void truncations(const char *name, parse_fn fn, const uint8_t *resp, size_t n, size_t min_ok)
{
    size_t len;

    for (len = 0; len <= n; len++)
    {
        uint8_t *copy = malloc(len ? len : 1);
        int32_t hr;
        memcpy(copy, resp, len);
        hr = fn(len ? copy : NULL, len);
        if (len < min_ok && hr != E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE)
        {
            fprintf(stderr, "%s: prefix %u accepted (hr %08x)\n", name, (unsigned)len, (unsigned)hr);
            CHECK(0);
        }
        if (len >= min_ok && hr != 0)
        {
            fprintf(stderr, "%s: prefix %u rejected (hr %08x)\n", name, (unsigned)len, (unsigned)hr);
            CHECK(0);
        }
        free(copy);
    }
}

/* ---------------- INQUIRY ---------------- */
static const uint8_t inquiry[36] = {
    0x05, 0x80, 0x05, 0x32, 0x1F, 0x00, 0x00, 0x00,
    'H', 'L', '-', 'D', 'T', '-', 'S', 'T',
    'B', 'D', '-', 'R', 'E', ' ', ' ', 'B', 'H', '1', '6', 'N', 'S', '4', '0', ' ',
    '1', '.', '0', '2' };

static int32_t p_inquiry(const uint8_t *b, size_t n) { mmc_inquiry i; return mmc_parse_inquiry(b, n, &i); }

static void test_inquiry(void)
{
    mmc_inquiry i;
    uint8_t r[36];

    CHECK_EQ_INT(mmc_parse_inquiry(inquiry, sizeof(inquiry), &i), 0);
    CHECK_EQ_INT(i.peripheral_type, 5);
    CHECK_EQ_INT(i.peripheral_qualifier, 0);
    CHECK(i.removable);
    CHECK(!strcmp(i.vendor, "HL-DT-ST"));
    CHECK(!strcmp(i.product, "BD-RE  BH16NS40"));
    CHECK(!strcmp(i.revision, "1.02"));
    truncations("inquiry", p_inquiry, inquiry, sizeof(inquiry), 36);

    /* NUL padding and control characters are not text */
    memcpy(r, inquiry, 36);
    memcpy(r + 8, "TSST\0\0\0\0", 8);
    r[33] = 0x07;
    CHECK_EQ_INT(mmc_parse_inquiry(r, 36, &i), 0);
    CHECK(!strcmp(i.vendor, "TSST"));
    CHECK(!strcmp(i.revision, "1 02"));
    /* additional length too small to hold the identification fields */
    r[4] = 0x10;
    CHECK_EQ_INT(mmc_parse_inquiry(r, 36, &i), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
}

/* ---------------- GET CONFIGURATION ---------------- */
static const uint8_t config[52] = {
    0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x1B,        /* data length 48, current DVD+R */
    0x00, 0x00, 0x03, 0x0C,                                /* Profile List, persistent, current */
    0x00, 0x11, 0x00, 0x00,  0x00, 0x1B, 0x01, 0x00,  0x00, 0x09, 0x00, 0x00,
    0x00, 0x01, 0x0B, 0x08,                                /* Core, version 2 */
    0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x2B, 0x01, 0x04, 0x01, 0x00, 0x00, 0x00,        /* DVD+R, current, Write */
    0x01, 0x07, 0x0C, 0x04, 0x1F, 0x00, 0x00, 0x00 };      /* Real Time Streaming, v3, not current */

static int32_t p_config_walk(const uint8_t *b, size_t n)
{
    mmc_feature_iter it;
    mmc_feature_desc f;
    int32_t r = mmc_feature_iter_init(&it, b, n);
    if (r)
        return r;
    while ((r = mmc_feature_iter_next(&it, &f)) == 1)
        ;
    return r;
}

static void test_config(void)
{
    mmc_config_header h;
    mmc_feature_iter it;
    mmc_feature_desc f;
    mmc_profile_entry p[MMC_MAX_PROFILES];
    uint16_t codes[8];
    size_t k = 0, count;
    uint8_t r[52];

    CHECK_EQ_INT(mmc_parse_config_header(config, sizeof(config), &h), 0);
    CHECK_EQ_INT(h.data_length, 48);
    CHECK_EQ_INT(h.current_profile, MMC_PROFILE_DVD_PLUS_R);
    CHECK_EQ_INT(mmc_feature_iter_init(&it, config, sizeof(config)), 0);
    while (mmc_feature_iter_next(&it, &f) == 1 && k < 8)
        codes[k++] = f.code;
    CHECK_EQ_INT(k, 4);
    CHECK(codes[0] == 0x0000 && codes[1] == 0x0001 && codes[2] == 0x002B && codes[3] == 0x0107);
    CHECK(!it.truncated);

    CHECK_EQ_INT(mmc_config_find_feature(config, sizeof(config), MMC_FEATURE_CORE, &f), 0);
    CHECK_EQ_INT(f.version, 2);
    CHECK(f.persistent && f.current);
    CHECK_EQ_INT(f.additional_length, 8);
    CHECK_EQ_INT(f.data[3], 0x02);                   /* physical interface standard: ATAPI */
    CHECK_EQ_INT(f.raw_len, 12);
    CHECK(f.raw == config + 24);
    CHECK_EQ_INT(mmc_config_find_feature(config, sizeof(config), MMC_FEATURE_DVD_PLUS_R, &f), 0);
    CHECK(f.current && !f.persistent && f.version == 0 && f.data[0] == 0x01);
    CHECK_EQ_INT(mmc_config_find_feature(config, sizeof(config), MMC_FEATURE_REAL_TIME_STREAMING, &f), 0);
    CHECK(!f.current && f.version == 3);
    CHECK_EQ_INT(mmc_config_find_feature(config, sizeof(config), MMC_FEATURE_BD_READ, &f),
                 E_IMAPI_RECORDER_NO_SUCH_FEATURE);

    CHECK_EQ_INT(mmc_config_find_feature(config, sizeof(config), MMC_FEATURE_PROFILE_LIST, &f), 0);
    CHECK_EQ_INT(mmc_parse_profile_list(&f, p, &count), 0);
    CHECK_EQ_INT(count, 3);
    CHECK(p[0].profile == 0x0011 && !p[0].current);
    CHECK(p[1].profile == 0x001B && p[1].current);
    CHECK(p[2].profile == 0x0009 && !p[2].current);

    /* a walk over any prefix of at least the header is fine (cut descriptors end it) */
    truncations("config walk", p_config_walk, config, sizeof(config), 8);
    CHECK_EQ_INT(mmc_feature_iter_init(&it, config, 30), 0);
    CHECK_EQ_INT(mmc_feature_iter_next(&it, &f), 1);
    CHECK_EQ_INT(mmc_feature_iter_next(&it, &f), 0);
    CHECK(it.truncated);
    CHECK_EQ_INT(mmc_config_find_feature(config, 51, MMC_FEATURE_REAL_TIME_STREAMING, &f),
                 E_IMAPI_RECORDER_NO_SUCH_FEATURE);

    /* hostile: a descriptor running past the declared data length */
    memcpy(r, config, sizeof(r));
    r[3] = 0x0C;                                       /* data length: only the Profile List's header fits */
    CHECK_EQ_INT(p_config_walk(r, sizeof(r)), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    memcpy(r, config, sizeof(r));
    r[27] = 0xFF;                                      /* Core claims 255 bytes inside a 48-byte list */
    CHECK_EQ_INT(p_config_walk(r, sizeof(r)), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    /* data length smaller than the header itself */
    memcpy(r, config, sizeof(r));
    r[3] = 0x03;
    CHECK_EQ_INT(mmc_parse_config_header(r, sizeof(r), &h), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    /* absurd data length with a short transfer: read only what arrived */
    memcpy(r, config, sizeof(r));
    r[0] = r[1] = r[2] = r[3] = 0xFF;
    CHECK_EQ_INT(p_config_walk(r, sizeof(r)), 0);
    CHECK_EQ_INT(mmc_config_find_feature(r, sizeof(r), MMC_FEATURE_REAL_TIME_STREAMING, &f), 0);
    /* ragged profile list */
    memcpy(r, config, sizeof(r));
    r[11] = 0x0A;                                      /* 10 bytes: not whole profile descriptors */
    r[3] = 0x2E;                                       /* keep the list consistent: 46 bytes */
    CHECK_EQ_INT(mmc_feature_iter_init(&it, r, 50), 0);
    CHECK_EQ_INT(mmc_feature_iter_next(&it, &f), 1);
    CHECK_EQ_INT(mmc_parse_profile_list(&f, p, &count), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(count, 0);
}

/* ---------------- GET EVENT STATUS NOTIFICATION ---------------- */
static const uint8_t gesn_media[8] = { 0x00, 0x06, 0x04, 0x5E, 0x02, 0x02, 0x00, 0x00 };

static int32_t p_gesn(const uint8_t *b, size_t n) { mmc_event_status e; return mmc_parse_event_status(b, n, &e); }

static void test_gesn(void)
{
    mmc_event_status e;
    uint8_t r[8];

    CHECK_EQ_INT(mmc_parse_event_status(gesn_media, 8, &e), 0);
    CHECK(!e.no_event_available && e.has_media);
    CHECK_EQ_INT(e.notification_class, 4);
    CHECK_EQ_INT(e.supported_classes, 0x5E);
    CHECK_EQ_INT(e.media_event_code, 2);             /* new media */
    CHECK(e.media_present && !e.tray_open);
    truncations("gesn", p_gesn, gesn_media, 8, 8);

    memcpy(r, gesn_media, 8);
    r[4] = 0x00; r[5] = 0x01;                         /* no event, tray open, no medium */
    CHECK_EQ_INT(mmc_parse_event_status(r, 8, &e), 0);
    CHECK(!e.media_present && e.tray_open);

    { static const uint8_t nea[4] = { 0x00, 0x02, 0x80, 0x5E };
      CHECK_EQ_INT(mmc_parse_event_status(nea, 4, &e), 0);
      CHECK(e.no_event_available && !e.has_media); }
    memcpy(r, gesn_media, 8);
    r[1] = 0x01;                                      /* length cannot hold the class bytes */
    CHECK_EQ_INT(mmc_parse_event_status(r, 8, &e), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[1] = 0x02;                                      /* media class but no descriptor */
    CHECK_EQ_INT(mmc_parse_event_status(r, 8, &e), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
}

/* ---------------- READ DISC INFORMATION ---------------- */
static const uint8_t disc_info[34] = {
    0x00, 0x20,             /* 32 bytes follow */
    0x15,                   /* erasable, last session incomplete, disc appendable */
    0x01, 0x02, 0x03, 0x03, /* first track 1, 2 sessions, tracks 3..3 in last session (LSB) */
    0x20, 0x00,             /* URU; disc type CD-DA/CD-ROM */
    0x00, 0x00, 0x01,       /* MSBs: last track in last session 0x0103 */
    0, 0, 0, 0,
    0x00, 0x01, 0x02, 0x03, /* last session lead-in start */
    0x00, 0x4F, 0x3B, 0x4A, /* last possible lead-out start: 79:59:74 */
    0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00 };

static int32_t p_disc(const uint8_t *b, size_t n) { mmc_disc_info d; return mmc_parse_disc_info(b, n, &d); }

static void test_disc_info(void)
{
    mmc_disc_info d;
    uint8_t r[34];

    CHECK_EQ_INT(mmc_parse_disc_info(disc_info, 34, &d), 0);
    CHECK_EQ_INT(d.disc_status, MMC_DISC_APPENDABLE);
    CHECK_EQ_INT(d.last_session_state, MMC_SESSION_INCOMPLETE);
    CHECK(d.erasable);
    CHECK_EQ_INT(d.first_track, 1);
    CHECK_EQ_INT(d.sessions, 2);
    CHECK_EQ_INT(d.first_track_last_session, 3);
    CHECK_EQ_INT(d.last_track_last_session, 0x0103);
    CHECK(d.has_addresses);
    CHECK_EQ_INT(d.last_session_leadin_start, 0x00010203);
    CHECK_EQ_INT(d.last_possible_leadout_start, 0x004F3B4A);
    { int32_t lba;
      CHECK_EQ_INT(mmc_disc_info_msf_to_lba(d.last_possible_leadout_start, &lba), 0);
      CHECK_EQ_INT(lba, 359849);
      CHECK_EQ_INT(mmc_disc_info_msf_to_lba(0x00610000, &lba), 0);   /* 97:00:00 lead-in */
      CHECK_EQ_INT(lba, -13650);
      CHECK_EQ_INT(mmc_disc_info_msf_to_lba(0xFFFFFFFF, &lba), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
      CHECK_EQ_INT(mmc_disc_info_msf_to_lba(0x00004B00, &lba), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE); }
    truncations("disc info", p_disc, disc_info, 34, 12);
    CHECK_EQ_INT(mmc_parse_disc_info(disc_info, 23, &d), 0);
    CHECK(!d.has_addresses);

    memcpy(r, disc_info, 34);
    r[2] = 0x0E;                                      /* complete disc, complete session, not erasable */
    CHECK_EQ_INT(mmc_parse_disc_info(r, 34, &d), 0);
    CHECK(d.disc_status == MMC_DISC_COMPLETE && d.last_session_state == MMC_SESSION_COMPLETE && !d.erasable);
    r[2] = 0x20;                                      /* data type 001b: track resources, not ours */
    CHECK_EQ_INT(mmc_parse_disc_info(r, 34, &d), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    memcpy(r, disc_info, 34);
    r[1] = 0x08;                                      /* declares 10 bytes: too short */
    CHECK_EQ_INT(mmc_parse_disc_info(r, 34, &d), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[0] = 0xFF; r[1] = 0xFF;                         /* declares 64 KiB, 34 arrived: fine */
    CHECK_EQ_INT(mmc_parse_disc_info(r, 34, &d), 0);
}

/* ---------------- READ TRACK INFORMATION ---------------- */
static const uint8_t track_info[48] = {
    0x00, 0x2E, 0x02, 0x02, 0x00,
    0x04,                   /* track mode 4 */
    0x61,                   /* blank, packet/incremental, data mode 1 */
    0x01,                   /* NWA_V */
    0x00, 0x00, 0x30, 0x00, /* track start 12288 */
    0x00, 0x00, 0x30, 0x00, /* next writable address */
    0x00, 0x22, 0xD5, 0x3F, /* free blocks */
    0x00, 0x00, 0x00, 0x10, /* fixed packet size */
    0x00, 0x22, 0xD5, 0x3F, /* track size */
    0x00, 0x00, 0x00, 0x00, /* last recorded address */
    0x01, 0x00,             /* track number MSB 1 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

static int32_t p_track(const uint8_t *b, size_t n) { mmc_track_info t; return mmc_parse_track_info(b, n, &t); }

static void test_track_info(void)
{
    mmc_track_info t;
    uint8_t r[48];

    CHECK_EQ_INT(mmc_parse_track_info(track_info, 48, &t), 0);
    CHECK_EQ_INT(t.track, 0x0102);
    CHECK_EQ_INT(t.session, 2);
    CHECK_EQ_INT(t.track_mode, 4);
    CHECK(t.blank && t.packet && !t.fixed_packet && !t.reserved_track);
    CHECK_EQ_INT(t.data_mode, 1);
    CHECK(t.nwa_valid && !t.lra_valid);
    CHECK_EQ_INT(t.track_start, 12288);
    CHECK_EQ_INT(t.next_writable, 12288);
    CHECK_EQ_INT(t.free_blocks, 0x0022D53F);
    CHECK_EQ_INT(t.packet_size, 16);
    CHECK_EQ_INT(t.track_size, 0x0022D53F);
    truncations("track info", p_track, track_info, 48, 28);
    CHECK_EQ_INT(mmc_parse_track_info(track_info, 33, &t), 0);
    CHECK_EQ_INT(t.track, 2);                        /* MSB not present yet */

    memcpy(r, track_info, 48);
    r[7] = 0x02;                                      /* LRA valid, but the field is cut */
    r[31] = 0x99;
    CHECK_EQ_INT(mmc_parse_track_info(r, 30, &t), 0);
    CHECK(!t.lra_valid && t.last_recorded == 0);
    CHECK_EQ_INT(mmc_parse_track_info(r, 48, &t), 0);
    CHECK(t.lra_valid && t.last_recorded == 0x99);
    r[1] = 0x10;                                      /* declares 18 bytes */
    CHECK_EQ_INT(mmc_parse_track_info(r, 48, &t), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
}

/* ---------------- READ TOC/PMA/ATIP ---------------- */
static const uint8_t toc_lba[28] = {
    0x00, 0x1A, 0x01, 0x02,
    0x00, 0x14, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x10, 0x02, 0x00, 0x00, 0x00, 0x4E, 0x20,
    0x00, 0x14, 0xAA, 0x00, 0x00, 0x01, 0x00, 0x00 };
static const uint8_t toc_msf[28] = {
    0x00, 0x1A, 0x01, 0x02,
    0x00, 0x14, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,
    0x00, 0x10, 0x02, 0x00, 0x00, 0x04, 0x1C, 0x32,
    0x00, 0x14, 0xAA, 0x00, 0x00, 0x0E, 0x23, 0x3D };

static int32_t p_toc(const uint8_t *b, size_t n)
{
    mmc_toc_header h; mmc_toc_track t[4]; size_t k;
    return mmc_parse_toc(b, n, 0, &h, t, 4, &k);
}

static const uint8_t full_toc[59] = {
    0x00, 0x39, 0x01, 0x01,
    0x01, 0x14, 0x00, 0xA0, 0, 0, 0, 0, 0x01, 0x00, 0x00,
    0x01, 0x14, 0x00, 0xA1, 0, 0, 0, 0, 0x02, 0x00, 0x00,
    0x01, 0x14, 0x00, 0xA2, 0, 0, 0, 0, 0x0E, 0x23, 0x3D,
    0x01, 0x14, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0x00,
    0x01, 0x10, 0x00, 0x02, 0, 0, 0, 0, 0x04, 0x1C, 0x32 };

static int32_t p_full(const uint8_t *b, size_t n)
{
    mmc_toc_header h; mmc_toc_full_entry e[8]; size_t k;
    return mmc_parse_full_toc(b, n, &h, e, 8, &k);
}

static const uint8_t atip[28] = {
    0x00, 0x1A, 0x00, 0x00,
    0xD2, 0x40, 0xCC, 0x00,
    0x61, 0x1A, 0x42, 0x00,      /* lead-in start 97:26:66 */
    0x4F, 0x3B, 0x4A, 0x00,      /* last possible lead-out 79:59:74 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

static int32_t p_atip(const uint8_t *b, size_t n) { mmc_atip a; return mmc_parse_atip(b, n, &a); }

static int32_t p_cdtext(const uint8_t *b, size_t n) { const uint8_t *p; size_t k; return mmc_parse_cdtext(b, n, &p, &k); }

static void test_toc(void)
{
    mmc_toc_header h;
    mmc_toc_track t[4];
    mmc_toc_full_entry e[8];
    mmc_atip a;
    size_t k;
    int32_t lba;
    uint8_t r[64];

    CHECK_EQ_INT(mmc_parse_toc(toc_lba, 28, 0, &h, t, 4, &k), 0);
    CHECK_EQ_INT(k, 3);
    CHECK(h.first == 1 && h.last == 2 && h.data_length == 26);
    CHECK(t[0].track == 1 && t[0].adr == 1 && t[0].control == 4 && t[0].lba == 0);
    CHECK(t[1].track == 2 && t[1].control == 0 && t[1].lba == 20000);
    CHECK(t[2].track == MMC_TOC_LEADOUT && t[2].lba == 65536);
    CHECK_EQ_INT(mmc_parse_toc(toc_msf, 28, 1, &h, t, 4, &k), 0);
    CHECK(k == 3 && t[0].lba == 0 && t[1].lba == 20000 && t[2].lba == 65536);
    /* cap smaller than the list: count is the total, only cap written */
    memset(t, 0x55, sizeof(t));
    CHECK_EQ_INT(mmc_parse_toc(toc_lba, 28, 0, &h, t, 1, &k), 0);
    CHECK_EQ_INT(k, 3);
    CHECK_EQ_INT(t[1].track, 0x55);
    truncations("toc", p_toc, toc_lba, 28, 4);
    CHECK_EQ_INT(mmc_parse_toc(toc_lba, 19, 0, &h, t, 4, &k), 0);
    CHECK_EQ_INT(k, 1);                               /* only whole descriptors */

    memcpy(r, toc_lba, 28);
    r[1] = 0x1B;                                      /* not 2 + 8k */
    CHECK_EQ_INT(p_toc(r, 28), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[1] = 0x01;
    CHECK_EQ_INT(p_toc(r, 28), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    memcpy(r, toc_msf, 28);
    r[18] = 60;                                       /* 60 seconds is not MSF */
    CHECK_EQ_INT(mmc_parse_toc(r, 28, 1, &h, t, 4, &k), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);

    /* format 1: session information */
    { static const uint8_t s[12] = { 0x00, 0x0A, 0x01, 0x02, 0x00, 0x14, 0x03, 0x00, 0x00, 0x00, 0x2E, 0xE0 };
      CHECK_EQ_INT(mmc_parse_toc(s, 12, 0, &h, t, 4, &k), 0);
      CHECK(k == 1 && h.first == 1 && h.last == 2 && t[0].track == 3 && t[0].lba == 12000); }

    /* format 2: full TOC */
    CHECK_EQ_INT(mmc_parse_full_toc(full_toc, sizeof(full_toc), &h, e, 8, &k), 0);
    CHECK_EQ_INT(k, 5);
    CHECK(e[0].point == MMC_POINT_FIRST_TRACK && e[0].p.m == 1);
    CHECK(e[1].point == MMC_POINT_LAST_TRACK && e[1].p.m == 2);
    CHECK(e[4].point == 2 && e[4].control == 0 && e[4].p.m == 4 && e[4].p.s == 28 && e[4].p.f == 50);
    CHECK_EQ_INT(mmc_full_toc_leadout(e, k, 1, &lba), 0);
    CHECK_EQ_INT(lba, 65536);
    CHECK_EQ_INT(mmc_full_toc_leadout(e, k, 2, &lba), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    truncations("full toc", p_full, full_toc, sizeof(full_toc), 4);
    memcpy(r, full_toc, sizeof(full_toc));
    r[1] = 0x3A;
    CHECK_EQ_INT(p_full(r, sizeof(full_toc)), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);

    /* format 4: ATIP */
    CHECK_EQ_INT(mmc_parse_atip(atip, 28, &a), 0);
    CHECK_EQ_INT(a.writing_power, 5);
    CHECK_EQ_INT(a.reference_speed, 2);
    CHECK(a.unrestricted_use && a.disc_type_rw);
    CHECK_EQ_INT(a.disc_subtype, 1);
    CHECK(a.a1_valid && !a.a2_valid && !a.a3_valid);
    CHECK(a.leadin_start.m == 97 && a.leadin_start.s == 26 && a.leadin_start.f == 66);
    CHECK_EQ_INT(a.leadin_start_lba, -11634);
    CHECK_EQ_INT(a.last_leadout_start_lba, 359849);
    truncations("atip", p_atip, atip, 28, 16);
    memcpy(r, atip, 28);
    r[9] = 60;
    CHECK_EQ_INT(p_atip(r, 28), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    memcpy(r, atip, 28);
    r[1] = 0x08;                                      /* declares too little for the times */
    CHECK_EQ_INT(p_atip(r, 28), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);

    /* format 5: CD-TEXT, two packs */
    memset(r, 0, sizeof(r));
    r[1] = 0x26;
    r[4] = 0x80; r[22] = 0x81;
    { const uint8_t *packs; size_t np;
      CHECK_EQ_INT(mmc_parse_cdtext(r, 40, &packs, &np), 0);
      CHECK(np == 2 && packs == r + 4 && packs[18] == 0x81);
      CHECK_EQ_INT(mmc_parse_cdtext(r, 39, &packs, &np), 0);
      CHECK_EQ_INT(np, 1); }
    truncations("cdtext", p_cdtext, r, 40, 4);
    r[1] = 0x25;
    CHECK_EQ_INT(p_cdtext(r, 40), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
}

/* ---------------- capacities ---------------- */
static const uint8_t format_caps[20] = {
    0x00, 0x00, 0x00, 0x10,
    0x00, 0x23, 0x05, 0x40, 0x01, 0x00, 0x08, 0x00,   /* current/max: unformatted, 2048 */
    0x00, 0x23, 0x05, 0x40, 0x98, 0x00, 0x00, 0x00 }; /* formattable: type 26h */

static int32_t p_fcaps(const uint8_t *b, size_t n)
{
    mmc_format_capacity cur, list[4]; size_t k;
    return mmc_parse_format_capacities(b, n, &cur, list, 4, &k);
}

static int32_t p_rcap(const uint8_t *b, size_t n) { uint32_t l, s; return mmc_parse_read_capacity(b, n, &l, &s); }

static void test_capacities(void)
{
    static const uint8_t rcap[8] = { 0x00, 0x05, 0x7F, 0xFF, 0x00, 0x00, 0x08, 0x00 };
    mmc_format_capacity cur, list[4];
    uint32_t last, bl;
    size_t k;
    uint8_t r[20];

    CHECK_EQ_INT(mmc_parse_read_capacity(rcap, 8, &last, &bl), 0);
    CHECK(last == 0x57FFF && bl == 2048);
    truncations("read capacity", p_rcap, rcap, 8, 8);

    CHECK_EQ_INT(mmc_parse_format_capacities(format_caps, 20, &cur, list, 4, &k), 0);
    CHECK(cur.blocks == 0x00230540 && cur.type == MMC_CAPACITY_UNFORMATTED && cur.parameter == 2048);
    CHECK_EQ_INT(k, 1);
    CHECK(list[0].blocks == 0x00230540 && list[0].type == 0x26 && list[0].parameter == 0);
    truncations("format capacities", p_fcaps, format_caps, 20, 12);
    memcpy(r, format_caps, 20);
    r[3] = 0x0C;
    CHECK_EQ_INT(p_fcaps(r, 20), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[3] = 0x00;
    CHECK_EQ_INT(p_fcaps(r, 20), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[3] = 0xF8;                                      /* 31 descriptors declared, 1 arrived */
    CHECK_EQ_INT(mmc_parse_format_capacities(r, 20, &cur, list, 4, &k), 0);
    CHECK_EQ_INT(k, 1);
}

/* ---------------- READ DISC STRUCTURE ---------------- */
static const uint8_t dvd_phys[24] = {
    0x08, 0x02, 0x00, 0x00,
    0xA1, 0x0F, 0x02, 0x10, 0x00, 0x03, 0x00, 0x00,
    0x00, 0x26, 0x05, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0, 0, 0 };

static int32_t p_phys(const uint8_t *b, size_t n) { mmc_dvd_physical p; return mmc_parse_dvd_physical(b, n, &p); }

static void test_structure(void)
{
    mmc_dvd_physical p;
    mmc_bd_disc_info bd;
    uint8_t r[24];
    static const uint8_t bdi[20] = { 0x10, 0x02, 0x00, 0x00, 'D', 'I', 0x01, 0x08, 0x00, 0x00, 0x00, 0x00,
                                     'B', 'D', 'R', 0x02, 0x11, 0, 0, 0 };

    CHECK_EQ_INT(mmc_parse_dvd_physical(dvd_phys, 24, &p), 0);
    CHECK_EQ_INT(p.book_type, 0xA);                  /* DVD+R */
    CHECK_EQ_INT(p.part_version, 1);
    CHECK_EQ_INT(p.disc_size, 0);
    CHECK_EQ_INT(p.max_rate, 0xF);
    CHECK_EQ_INT(p.layers, 1);
    CHECK_EQ_INT(p.layer_type, 2);
    CHECK_EQ_INT(p.data_start_psn, 0x030000);
    CHECK_EQ_INT(p.data_end_psn, 0x26053F);
    truncations("dvd physical", p_phys, dvd_phys, 24, 20);
    memcpy(r, dvd_phys, 24);
    r[6] = 0x31;                                      /* two layers, opposite track path */
    CHECK_EQ_INT(mmc_parse_dvd_physical(r, 24, &p), 0);
    CHECK(p.layers == 2 && p.opposite_track_path && p.layer_type == 1);
    r[0] = 0; r[1] = 0x01;                            /* length below the reserved bytes */
    CHECK_EQ_INT(mmc_parse_dvd_physical(r, 24, &p), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[1] = 0x0A;                                      /* declares 8 payload bytes: too few */
    CHECK_EQ_INT(mmc_parse_dvd_physical(r, 24, &p), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);

    CHECK_EQ_INT(mmc_parse_bd_disc_info(bdi, 20, &bd), 0);
    CHECK(!strcmp(bd.disc_type_id, "BDR"));
    CHECK(bd.disc_size == 0 && bd.disc_class == 0 && bd.version == 2);
    CHECK_EQ_INT(mmc_parse_bd_disc_info(bdi, 15, &bd), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(mmc_parse_bd_disc_info(dvd_phys, 24, &bd), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
}

/* ---------------- MODE SENSE(10) ---------------- */
static uint8_t mode[108];

static void build_mode(void)
{
    static const uint8_t head[16] = { 0x00, 0x6A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08,
                                      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00 }; /* 1 block descriptor */
    static const uint8_t p05[16] = { 0x05, 0x32, 0x52, 0xC4, 0x08, 0x07, 0x00, 0x00,
                                     0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x96 };
    static const uint8_t p2a[40] = {
        0x2A, 0x26, 0x3B, 0x37, 0xC0, 0x00, 0x29, 0x00,
        0x1B, 0x90, 0x01, 0x00, 0x08, 0x00, 0x1B, 0x90,
        0x00, 0x00, 0x1B, 0x90, 0x0D, 0xC8, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x0D, 0xC8, 0x00, 0x02,
        0x00, 0x00, 0x1B, 0x90, 0x00, 0x01, 0x0D, 0xC8 };
    memset(mode, 0, sizeof(mode));
    memcpy(mode, head, 16);
    memcpy(mode + 16, p05, 16);                       /* page 05h is 52 bytes, rest zero */
    memcpy(mode + 68, p2a, 40);
}

static int32_t p_mode2a(const uint8_t *b, size_t n)
{
    const uint8_t *p; size_t l;
    return mmc_mode_find_page(b, n, 0x2A, &p, &l);
}

static int32_t p_caps(const uint8_t *b, size_t n) { mmc_caps_page c; return mmc_parse_caps_page(b, n, &c); }
static int32_t p_wp(const uint8_t *b, size_t n) { mmc_write_params w; return mmc_parse_write_params(b, n, &w); }

static void test_mode(void)
{
    mmc_mode_header h;
    const uint8_t *p;
    size_t len, k, i;
    uint8_t codes[4], r[108];
    mmc_caps_page c;
    mmc_write_params w;
    uint16_t kbps;
    uint8_t rot;

    build_mode();
    CHECK_EQ_INT(mmc_parse_mode_header(mode, 108, &h), 0);
    CHECK(h.mode_data_length == 106 && h.block_desc_length == 8);
    CHECK_EQ_INT(mmc_mode_find_page(mode, 108, 0x05, &p, &len), 0);
    CHECK(p == mode + 16 && len == 52);
    CHECK_EQ_INT(mmc_mode_find_page(mode, 108, 0x2A, &p, &len), 0);
    CHECK(p == mode + 68 && len == 40);
    CHECK_EQ_INT(mmc_mode_find_page(mode, 108, 0x01, &p, &len), E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE);
    CHECK(p == NULL && len == 0);
    CHECK_EQ_INT(mmc_mode_list_pages(mode, 108, codes, 4, &k), 0);
    CHECK(k == 2 && codes[0] == 0x05 && codes[1] == 0x2A);

    /* every prefix: below the header malformed, otherwise found only when whole */
    for (i = 0; i <= 108; i++)
    {
        uint8_t *cp = malloc(i ? i : 1);
        int32_t hr;
        memcpy(cp, mode, i);
        hr = p_mode2a(i ? cp : NULL, i);
        if (i < 8)
            CHECK_EQ_INT(hr, E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
        else if (i < 108)
            CHECK_EQ_INT(hr, E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE);
        else
            CHECK_EQ_INT(hr, 0);
        free(cp);
    }

    CHECK_EQ_INT(mmc_mode_find_page(mode, 108, 0x2A, &p, &len), 0);
    CHECK_EQ_INT(mmc_parse_caps_page(p, len, &c), 0);
    CHECK(c.read_cdr && c.read_cdrw && c.read_dvdrom && c.read_dvdr && c.read_dvdram);
    CHECK(c.write_cdr && c.write_cdrw && c.write_dvdr && c.write_dvdram && c.test_write);
    CHECK(c.buffer_underrun_free && c.multisession);
    CHECK(c.can_eject && c.can_lock && !c.locked);
    CHECK_EQ_INT(c.loading_mechanism, 1);            /* tray */
    CHECK_EQ_INT(c.max_read_speed, 7056);
    CHECK_EQ_INT(c.buffer_size_kb, 2048);
    CHECK_EQ_INT(c.current_read_speed, 7056);
    CHECK(c.has_write_speeds && c.max_write_speed == 7056 && c.current_write_speed == 3528);
    CHECK_EQ_INT(c.current_write_speed_selected, 3528);
    CHECK_EQ_INT(c.write_speed_descriptors, 2);
    CHECK_EQ_INT(mmc_caps_write_speed(p, len, 1, &kbps, &rot), 0);
    CHECK(kbps == 3528 && rot == 1);
    CHECK_EQ_INT(mmc_caps_write_speed(p, len, 2, &kbps, &rot), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    truncations("caps page", p_caps, p, len, 16);
    CHECK_EQ_INT(mmc_parse_caps_page(p, 35, &c), 0);
    CHECK_EQ_INT(c.write_speed_descriptors, 0);      /* first descriptor incomplete */
    CHECK_EQ_INT(mmc_parse_caps_page(p, 21, &c), 0);
    CHECK(!c.has_write_speeds);

    memcpy(r, mode, 108);
    r[68 + 31] = 0xFF;                                /* claims 255 descriptors in a 40-byte page */
    CHECK_EQ_INT(mmc_parse_caps_page(r + 68, 40, &c), 0);
    CHECK_EQ_INT(c.write_speed_descriptors, 2);
    CHECK_EQ_INT(mmc_parse_caps_page(r + 16, 52, &c), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);

    CHECK_EQ_INT(mmc_mode_find_page(mode, 108, 0x05, &p, &len), 0);
    CHECK_EQ_INT(mmc_parse_write_params(p, len, &w), 0);
    CHECK(w.buffer_underrun_free && !w.ls_valid && w.test_write);
    CHECK_EQ_INT(w.write_type, 2);
    CHECK_EQ_INT(w.multisession, 3);
    CHECK(!w.fixed_packet && !w.copy);
    CHECK_EQ_INT(w.track_mode, 4);
    CHECK_EQ_INT(w.data_block_type, 8);
    CHECK_EQ_INT(w.link_size, 7);
    CHECK_EQ_INT(w.packet_size, 16);
    CHECK_EQ_INT(w.audio_pause_length, 150);
    truncations("write params", p_wp, p, len, 16);

    /* hostile: block descriptors beyond the mode data */
    memcpy(r, mode, 108);
    r[6] = 0x01;
    CHECK_EQ_INT(p_mode2a(r, 108), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    /* hostile: page 05h claims more than the declared mode data holds */
    memcpy(r, mode, 108);
    r[17] = 0xF0;
    CHECK_EQ_INT(p_mode2a(r, 108), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    /* huge declared length, short transfer: only what arrived counts */
    memcpy(r, mode, 108);
    r[0] = 0xFF; r[1] = 0xFF;
    CHECK_EQ_INT(p_mode2a(r, 108), 0);
    /* sub-page format pages are walked over by their 16-bit length */
    memcpy(r, mode, 108);
    r[16] = 0x45; r[17] = 0x01; r[18] = 0x00; r[19] = 0x30;   /* 05h/01h, 48 + 4 bytes */
    CHECK_EQ_INT(mmc_mode_find_page(r, 108, 0x05, &p, &len), E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE);
    CHECK_EQ_INT(mmc_mode_find_page(r, 108, 0x2A, &p, &len), 0);
    CHECK(p == r + 68);
}

/* ---------------- GET PERFORMANCE ---------------- */
static const uint8_t perf_ws[40] = {
    0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x2B, 0x48, 0x00, 0x00, 0x2B, 0x48,
    0x0C, 0x00, 0x00, 0x00, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x15, 0xA4, 0x00, 0x00, 0x15, 0xA4 };

static int32_t p_ws(const uint8_t *b, size_t n) { mmc_write_speed_desc d[4]; size_t k; return mmc_parse_write_speeds(b, n, d, 4, &k); }

static void test_performance(void)
{
    mmc_write_speed_desc d[4];
    mmc_performance_desc pd[2];
    size_t k;
    int write;
    uint8_t r[40];
    static const uint8_t perf0[24] = { 0x00, 0x00, 0x00, 0x14, 0x02, 0, 0, 0,
                                       0, 0, 0, 0, 0x00, 0x00, 0x15, 0xA4, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x2B, 0x48 };

    CHECK_EQ_INT(mmc_parse_write_speeds(perf_ws, 40, d, 4, &k), 0);
    CHECK_EQ_INT(k, 2);
    CHECK(d[0].wrc == 0 && !d[0].rdd && d[0].exact && !d[0].mrw);
    CHECK(d[0].end_lba == 0x0023053F && d[0].read_kbps == 11080 && d[0].write_kbps == 11080);
    CHECK(d[1].wrc == 1 && d[1].rdd && !d[1].exact && d[1].write_kbps == 5540);
    truncations("write speeds", p_ws, perf_ws, 40, 8);
    CHECK_EQ_INT(mmc_parse_write_speeds(perf_ws, 39, d, 4, &k), 0);
    CHECK_EQ_INT(k, 1);
    memcpy(r, perf_ws, 40);
    r[3] = 0x25;
    CHECK_EQ_INT(p_ws(r, 40), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[3] = 0x03;
    CHECK_EQ_INT(p_ws(r, 40), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[0] = 0x7F; r[3] = 0x04;                         /* ~2 GiB declared, 40 bytes arrived */
    CHECK_EQ_INT(mmc_parse_write_speeds(r, 40, d, 4, &k), 0);
    CHECK_EQ_INT(k, 2);

    CHECK_EQ_INT(mmc_parse_performance(perf0, 24, &write, pd, 2, &k), 0);
    CHECK(write && k == 1);
    CHECK(pd[0].start_lba == 0 && pd[0].start_kbps == 5540 && pd[0].end_lba == 0x0023053F && pd[0].end_kbps == 11080);
}

/* ---------------- READ BUFFER CAPACITY, sense ---------------- */
static int32_t p_bufcap(const uint8_t *b, size_t n) { uint32_t a, c; return mmc_parse_buffer_capacity(b, n, &a, &c); }
static int32_t p_sense(const uint8_t *b, size_t n) { mmc_sense s; return mmc_parse_sense(b, n, &s); }

static void test_buffer_and_sense(void)
{
    static const uint8_t bc[12] = { 0x00, 0x0A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x1F, 0x00, 0x00 };
    static const uint8_t fixed[18] = { 0x70, 0x00, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x3A, 0x02, 0, 0, 0, 0 };
    static const uint8_t desc[8] = { 0x72, 0x05, 0x24, 0x00, 0, 0, 0, 0 };
    uint32_t size, blank;
    uint8_t r[18];
    mmc_sense s;

    CHECK_EQ_INT(mmc_parse_buffer_capacity(bc, 12, &size, &blank), 0);
    CHECK(size == 0x200000 && blank == 0x1F0000);
    truncations("buffer capacity", p_bufcap, bc, 12, 12);
    memcpy(r, bc, 12);
    r[9] = 0x21;                                      /* more free than the whole buffer */
    CHECK_EQ_INT(p_bufcap(r, 12), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    memcpy(r, bc, 12);
    r[1] = 0x06;
    CHECK_EQ_INT(p_bufcap(r, 12), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);

    CHECK_EQ_INT(mmc_parse_sense(fixed, 18, &s), 0);
    CHECK(s.key == 2 && s.asc == 0x3A && s.ascq == 0x02 && !s.deferred);
    truncations("fixed sense", p_sense, fixed, 18, 8);
    CHECK_EQ_INT(mmc_parse_sense(fixed, 13, &s), 0);
    CHECK(s.key == 2 && s.asc == 0);                  /* ASC not transferred */
    memcpy(r, fixed, 18);
    r[0] = 0xF1;                                      /* valid bit + deferred */
    r[7] = 0x00;                                      /* additional length stops before ASC */
    CHECK_EQ_INT(mmc_parse_sense(r, 18, &s), 0);
    CHECK(s.deferred && s.key == 2 && s.asc == 0 && s.ascq == 0);
    CHECK_EQ_INT(mmc_parse_sense(desc, 8, &s), 0);
    CHECK(s.key == 5 && s.asc == 0x24 && s.ascq == 0);
    truncations("descriptor sense", p_sense, desc, 8, 8);
    r[0] = 0x00;
    CHECK_EQ_INT(mmc_parse_sense(r, 18, &s), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    r[0] = 0x7F;                                      /* vendor-specific format */
    CHECK_EQ_INT(mmc_parse_sense(r, 18, &s), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
}

int main(void)
{
    test_inquiry();
    test_config();
    test_gesn();
    test_disc_info();
    test_track_info();
    test_toc();
    test_capacities();
    test_structure();
    test_mode();
    test_performance();
    test_buffer_and_sense();
    return check_finish("test_mmc_parse");
}
