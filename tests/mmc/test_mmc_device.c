/* Device layer against a scripted fake transport whose replies are laid out by
 * hand from MMC-6: composite queries, sense mapping and the unit-attention
 * retry, transport failures, short transfers and nonsense lengths. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fake_transport.h"
#include "mmc/mmc_device.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define BAD E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE

static fake_transport ft;
static mmc_device dev;

static void setup(const fake_reply *r, size_t n)
{
    fake_init(&ft, r, n);
    mmc_dev_init(&dev, &ft.base);
}

/* ---- canned responses ---- */
static const uint8_t inquiry[36] = {
    0x05, 0x80, 0x05, 0x32, 0x1F, 0x00, 0x00, 0x00,
    'A', 'C', 'M', 'E', ' ', ' ', ' ', ' ',
    'D', 'V', 'D', 'R', 'W', ' ', 'X', '1', '2', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
    '0', '1', '0', '0' };

static const uint8_t cfg_header[8] = { 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x1A };   /* DVD+RW */

static const uint8_t cfg_profiles[24] = {
    0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x1A,
    0x00, 0x00, 0x03, 0x0C,
    0x00, 0x1A, 0x01, 0x00,  0x00, 0x1B, 0x00, 0x00,  0x00, 0x08, 0x00, 0x00 };

static const uint8_t cfg_dvdpr[16] = {          /* RT=2 from 002Bh: DVD+R, current */
    0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x1B,
    0x00, 0x2B, 0x01, 0x04, 0x01, 0x00, 0x00, 0x00 };

static const uint8_t cfg_rts[16] = {            /* RT=2 from 0107h: Real Time Streaming, not current */
    0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x1B,
    0x01, 0x07, 0x0C, 0x04, 0x1F, 0x00, 0x00, 0x00 };

static const uint8_t cfg_none[8] = { 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x1B };

/* RT=0 list in two parts: the first claims far more than it carries (as when the
 * answer exceeds our allocation) and ends in a cut descriptor. */
static const uint8_t cfg_part1[36] = {
    0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1B,
    0x00, 0x00, 0x03, 0x04, 0x00, 0x1B, 0x01, 0x00,
    0x00, 0x01, 0x0B, 0x08, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00,
    0x00, 0x2B, 0x01, 0x04, 0x01, 0x00, 0x00 /* cut */, 0x00 };
static const uint8_t cfg_part2[24] = {
    0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x1B,
    0x00, 0x2B, 0x01, 0x04, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x07, 0x0C, 0x04, 0x1F, 0x00, 0x00, 0x00 };

static const uint8_t disc_info[34] = {
    0x00, 0x20, 0x0E, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
    0, 0, 0, 0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x4F, 0x3B, 0x4A,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

static const uint8_t track_info[36] = {
    0x00, 0x22, 0x01, 0x01, 0x00, 0x04, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2E, 0xE0, 0x00, 0x00, 0x2E, 0xDF, 0x00, 0x00, 0x00, 0x00 };

/* MODE SENSE(10): header, page 05h (trimmed to 16 bytes), page 2Ah with two speeds */
static const uint8_t mode_all[64] = {
    0x00, 0x3E, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x05, 0x0E, 0x01, 0x04, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x96,
    0x2A, 0x26, 0x3B, 0x37, 0xC0, 0x00, 0x29, 0x00, 0x1B, 0x90, 0x01, 0x00, 0x08, 0x00, 0x1B, 0x90,
    0x00, 0x00, 0x1B, 0x90, 0x0D, 0xC8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0D, 0xC8, 0x00, 0x02,
    0x00, 0x00, 0x1B, 0x90, 0x00, 0x01, 0x0D, 0xC8 };

static const uint8_t perf_ws[40] = {
    0x00, 0x00, 0x00, 0x24, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x2B, 0x48, 0x00, 0x00, 0x2B, 0x48,
    0x0C, 0x00, 0x00, 0x00, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x15, 0xA4, 0x00, 0x00, 0x15, 0xA4 };

static const uint8_t gesn_present[8] = { 0x00, 0x06, 0x04, 0x10, 0x00, 0x02, 0x00, 0x00 };
static const uint8_t gesn_open[8] = { 0x00, 0x06, 0x04, 0x10, 0x03, 0x01, 0x00, 0x00 };
static const uint8_t gesn_nea[4] = { 0x00, 0x02, 0x80, 0x10 };

static void test_execute_and_transport(void)
{
    mmc_inquiry inq;
    static const fake_reply good[] = { { .opcode = MMC_INQUIRY, .data = inquiry, .data_len = 36 } };
    static const fake_reply shortr[] = { { .opcode = MMC_INQUIRY, .data = inquiry, .data_len = 20 } };
    static const fake_reply liar[] = { { .opcode = MMC_INQUIRY, .data = inquiry, .data_len = 36, .lie = 1, .claim = 1000 } };
    static const fake_reply timeout[] = { { .opcode = MMC_INQUIRY, .status = MMC_STATUS_TIMEOUT } };
    static const fake_reply busy[] = { { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_BUSY } };
    static const fake_reply gone[] = { { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_TRANSPORT_ERROR } };
    static const fake_reply ua_once[] = {
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 6, .asc = 0x28, .uses = 1 },
        { .opcode = MMC_TEST_UNIT_READY } };
    static const fake_reply ua_always[] = {
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 6, .asc = 0x29 } };
    static const fake_reply no_media[] = {
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 2, .asc = 0x3A, .ascq = 1 } };
    static const fake_reply recovered[] = {
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 1, .asc = 0x17 } };
    static const uint8_t junk_sense[18] = { 0 };
    static const fake_reply junk[] = {
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .raw_sense = junk_sense } };
    mmc_device none;

    setup(good, N(good));
    CHECK_EQ_INT(mmc_dev_inquiry(&dev, &inq), 0);
    CHECK(!strcmp(inq.vendor, "ACME") && !strcmp(inq.product, "DVDRW X12") && !strcmp(inq.revision, "0100"));
    CHECK_EQ_INT(fake_cdb(&ft, 0)[0], 0x12);
    CHECK_EQ_INT(fake_cdb(&ft, 0)[4], 96);
    CHECK_EQ_INT(ft.timeout_log[0], MMC_TIMEOUT_DEFAULT);

    setup(shortr, N(shortr));
    CHECK_EQ_INT(mmc_dev_inquiry(&dev, &inq), BAD);
    setup(liar, N(liar));
    CHECK_EQ_INT(mmc_dev_inquiry(&dev, &inq), BAD);
    setup(timeout, N(timeout));
    CHECK_EQ_INT(mmc_dev_inquiry(&dev, &inq), E_IMAPI_RECORDER_COMMAND_TIMEOUT);
    CHECK_EQ_INT(ft.calls, 1);                        /* timeouts are not retried */
    setup(busy, N(busy));
    CHECK_EQ_INT(mmc_dev_test_unit_ready(&dev), E_IMAPI_RECORDER_LOCKED);
    setup(gone, N(gone));
    CHECK_EQ_INT(mmc_dev_test_unit_ready(&dev), (int32_t)0x80070037);

    setup(ua_once, N(ua_once));
    CHECK_EQ_INT(mmc_dev_test_unit_ready(&dev), 0);
    CHECK_EQ_INT(ft.calls, 2);
    setup(ua_always, N(ua_always));
    CHECK_EQ_INT(mmc_dev_test_unit_ready(&dev), E_IMAPI_RECORDER_MEDIA_BECOMING_READY);
    CHECK_EQ_INT(ft.calls, 2);                        /* exactly one retry */
    setup(no_media, N(no_media));
    CHECK_EQ_INT(mmc_dev_test_unit_ready(&dev), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    CHECK_EQ_INT(ft.calls, 1);
    CHECK_EQ_INT(dev.last_status, MMC_STATUS_CHECK_CONDITION);
    CHECK(dev.last_sense.key == 2 && dev.last_sense.asc == 0x3A && dev.last_sense.ascq == 1);
    CHECK_EQ_INT(dev.last_sense_raw[12], 0x3A);
    setup(recovered, N(recovered));
    CHECK_EQ_INT(mmc_dev_test_unit_ready(&dev), 0);
    setup(junk, N(junk));
    CHECK_EQ_INT(mmc_dev_test_unit_ready(&dev), BAD);

    mmc_dev_init(&none, NULL);
    CHECK_EQ_INT(mmc_dev_test_unit_ready(&none), (int32_t)0x80070006);
    CHECK_EQ_INT(mmc_dev_test_unit_ready(NULL), (int32_t)0x80070006);
}

static void test_config(void)
{
    static const fake_reply r[] = {
        { .opcode = MMC_GET_CONFIGURATION, .match_index = 3, .match_value = 0x00, .data = cfg_profiles, .data_len = sizeof(cfg_profiles) },
        { .opcode = MMC_GET_CONFIGURATION, .match_index = 3, .match_value = 0x2B, .data = cfg_dvdpr, .data_len = sizeof(cfg_dvdpr) },
        { .opcode = MMC_GET_CONFIGURATION, .match_index = 3, .match_value = 0x07, .data = cfg_rts, .data_len = sizeof(cfg_rts) },
        { .opcode = MMC_GET_CONFIGURATION, .match_index = 3, .match_value = 0x40, .data = cfg_none, .data_len = sizeof(cfg_none) },
        { .opcode = MMC_GET_CONFIGURATION, .match_index = 3, .match_value = 0x41, .data = cfg_dvdpr, .data_len = sizeof(cfg_dvdpr) },
        { .opcode = MMC_GET_CONFIGURATION, .match_index = 3, .match_value = 0x1F, .data = cfg_dvdpr, .data_len = 14 } };
    static const fake_reply hdr[] = { { .opcode = MMC_GET_CONFIGURATION, .data = cfg_header, .data_len = 8 } };
    static const fake_reply old_drive[] = { { .opcode = MMC_INQUIRY } };   /* GET CONFIGURATION unknown */
    static const fake_reply paged[] = {
        { .opcode = MMC_GET_CONFIGURATION, .match_index = 3, .match_value = 0x00, .data = cfg_part1, .data_len = 35 },
        { .opcode = MMC_GET_CONFIGURATION, .match_index = 3, .match_value = 0x02, .data = cfg_part2, .data_len = sizeof(cfg_part2) } };
    uint16_t profile, *list;
    uint8_t *desc;
    size_t n;

    setup(hdr, N(hdr));
    CHECK_EQ_INT(mmc_dev_get_current_profile(&dev, &profile), 0);
    CHECK_EQ_INT(profile, MMC_PROFILE_DVD_PLUS_RW);
    setup(old_drive, N(old_drive));
    CHECK_EQ_INT(mmc_dev_get_current_profile(&dev, &profile), E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED);
    CHECK_EQ_INT(mmc_dev_get_feature(&dev, MMC_FEATURE_CORE, 0, &desc, &n), E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED);
    CHECK(desc == NULL && n == 0);

    setup(r, N(r));
    CHECK_EQ_INT(mmc_dev_get_profiles(&dev, 0, &list, &n), 0);
    CHECK(n == 3 && list[0] == 0x1A && list[1] == 0x1B && list[2] == 0x08);
    free(list);
    { const uint8_t *c = fake_cdb(&ft, 0);
      CHECK(c[0] == 0x46 && c[1] == 0x02 && c[2] == 0 && c[3] == 0); }
    CHECK_EQ_INT(mmc_dev_get_profiles(&dev, 1, &list, &n), 0);
    CHECK(n == 1 && list[0] == 0x1A);
    free(list);

    CHECK_EQ_INT(mmc_dev_get_feature(&dev, MMC_FEATURE_DVD_PLUS_R, 1, &desc, &n), 0);
    CHECK_EQ_INT(n, 8);
    CHECK(desc && !memcmp(desc, cfg_dvdpr + 8, 8));
    free(desc);
    CHECK_EQ_INT(mmc_dev_get_feature(&dev, MMC_FEATURE_REAL_TIME_STREAMING, 1, &desc, &n),
                 E_IMAPI_RECORDER_FEATURE_IS_NOT_CURRENT);
    CHECK(desc == NULL);
    CHECK_EQ_INT(mmc_dev_get_feature(&dev, MMC_FEATURE_REAL_TIME_STREAMING, 0, &desc, &n), 0);
    CHECK(n == 8 && desc[0] == 0x01 && desc[1] == 0x07);
    free(desc);
    CHECK_EQ_INT(mmc_dev_get_feature(&dev, MMC_FEATURE_BD_READ, 0, &desc, &n), E_IMAPI_RECORDER_NO_SUCH_FEATURE);
    /* drive answers with a different feature than asked: still "no such feature" */
    CHECK_EQ_INT(mmc_dev_get_feature(&dev, MMC_FEATURE_BD_WRITE, 0, &desc, &n), E_IMAPI_RECORDER_NO_SUCH_FEATURE);
    /* the descriptor arrives cut short: the answer is unusable */
    CHECK_EQ_INT(mmc_dev_get_feature(&dev, MMC_FEATURE_DVD_READ, 0, &desc, &n), BAD);

    /* a list larger than one answer continues after the last whole feature */
    setup(paged, N(paged));
    CHECK_EQ_INT(mmc_dev_get_supported_features(&dev, 0, &list, &n), 0);
    CHECK_EQ_INT(n, 4);
    CHECK(n == 4 && list[0] == 0x0000 && list[1] == 0x0001 && list[2] == 0x002B && list[3] == 0x0107);
    CHECK_EQ_INT(ft.calls, 2);
    CHECK(fake_cdb(&ft, 1)[2] == 0x00 && fake_cdb(&ft, 1)[3] == 0x02);
    free(list);
    setup(r, N(r));
    CHECK_EQ_INT(mmc_dev_get_supported_features(&dev, 1, &list, &n), 0);
    CHECK(n == 1 && list[0] == 0x0000);
    CHECK_EQ_INT(fake_cdb(&ft, 0)[1], 0x01);          /* RT=01b: current only */
    free(list);
}

static void test_mode_pages(void)
{
    static const fake_reply r[] = {
        { .opcode = MMC_MODE_SENSE10, .match_index = 2, .match_value = 0x2A, .data = mode_all, .data_len = sizeof(mode_all) },
        { .opcode = MMC_MODE_SENSE10, .match_index = 2, .match_value = 0x05, .data = mode_all, .data_len = sizeof(mode_all) },
        { .opcode = MMC_MODE_SENSE10, .match_index = 2, .match_value = 0x3F, .data = mode_all, .data_len = sizeof(mode_all) },
        { .opcode = MMC_MODE_SENSE10, .match_index = 2, .match_value = 0x7F, .data = mode_all, .data_len = sizeof(mode_all) },
        { .opcode = MMC_MODE_SENSE10, .match_index = 2, .match_value = 0x01, .data = mode_all, .data_len = sizeof(mode_all) },
        { .opcode = MMC_MODE_SENSE10, .match_index = 2, .match_value = 0x1D, .status = MMC_STATUS_CHECK_CONDITION, .key = 5, .asc = 0x24 },
        { .opcode = MMC_MODE_SELECT10, .match_index = 8, .match_value = 24 },
        { .opcode = MMC_MODE_SELECT10, .status = MMC_STATUS_CHECK_CONDITION, .key = 5, .asc = 0x26, .ascq = 0x02 } };
    uint8_t *page, *codes;
    size_t n;
    uint8_t p05[16];

    setup(r, N(r));
    CHECK_EQ_INT(mmc_dev_get_mode_page(&dev, 0x2A, MMC_PC_CURRENT, &page, &n), 0);
    CHECK(n == 40 && page && !memcmp(page, mode_all + 24, 40));
    free(page);
    CHECK_EQ_INT(mmc_dev_get_mode_page(&dev, 0x01, MMC_PC_CURRENT, &page, &n), E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE);
    CHECK(page == NULL && n == 0);
    CHECK_EQ_INT(mmc_dev_get_mode_page(&dev, 0x1D, MMC_PC_CURRENT, &page, &n), E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE);
    CHECK_EQ_INT(mmc_dev_get_mode_page(&dev, 0x3F, MMC_PC_CURRENT, &page, &n), 0);
    CHECK(n == 56 && !memcmp(page, mode_all + 8, 56));
    free(page);
    CHECK_EQ_INT(mmc_dev_get_mode_page(&dev, 0x40, MMC_PC_CURRENT, &page, &n), MMC_HR_INVALIDARG);
    CHECK_EQ_INT(mmc_dev_get_mode_page_list(&dev, MMC_PC_CHANGEABLE, &codes, &n), 0);
    CHECK(n == 2 && codes[0] == 0x05 && codes[1] == 0x2A);
    CHECK_EQ_INT(fake_cdb(&ft, ft.calls - 1)[2], 0x7F);   /* PC=01b, page 3Fh */
    free(codes);

    /* MODE SELECT: header prepended, PS cleared, PF set */
    memcpy(p05, mode_all + 8, 16);
    p05[0] |= 0x80;                                   /* as read back: PS set */
    CHECK_EQ_INT(mmc_dev_set_mode_page(&dev, p05, 16, 0), 0);
    CHECK_EQ_INT(ft.out_len, 24);
    { static const uint8_t zero[8] = { 0 };
      CHECK(!memcmp(ft.out, zero, 8)); }
    CHECK_EQ_INT(ft.out[8], 0x05);
    CHECK(!memcmp(ft.out + 9, mode_all + 9, 15));
    { const uint8_t *c = fake_cdb(&ft, ft.calls - 1);
      CHECK(c[0] == 0x55 && c[1] == 0x10 && c[7] == 0 && c[8] == 24); }
    CHECK_EQ_INT(mmc_dev_set_mode_page(&dev, p05, 15, 0), MMC_HR_INVALIDARG);
    CHECK_EQ_INT(mmc_dev_set_mode_page(&dev, p05, 1, 0), MMC_HR_INVALIDARG);
    CHECK_EQ_INT(mmc_dev_set_mode_page(&dev, NULL, 16, 0), MMC_HR_POINTER);
    /* the drive rejects a value in a bigger page */
    { uint8_t big[20] = { 0x05, 18 };
      CHECK_EQ_INT(mmc_dev_set_mode_page(&dev, big, 20, 0), E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS); }
}

/* A MODE SENSE answer larger than the first allocation: asked again at full size. */
static void test_large_mode_sense(void)
{
    static uint8_t big[5008];
    static const fake_reply r[] = { { .opcode = MMC_MODE_SENSE10, .data = big, .data_len = sizeof(big) } };
    uint8_t *page;
    size_t n, i;

    memset(big, 0, sizeof(big));
    big[0] = (5006 >> 8) & 0xFF;
    big[1] = 5006 & 0xFF;
    for (i = 0; i < 20; i++)
    {
        big[8 + 250 * i] = (uint8_t)(0x20 + i);       /* pages 20h..33h, 248 data bytes each */
        big[8 + 250 * i + 1] = 248;
    }
    big[8 + 250 * 19 + 2] = 0x77;
    setup(r, N(r));
    CHECK_EQ_INT(mmc_dev_get_mode_page(&dev, 0x33, MMC_PC_CURRENT, &page, &n), 0);
    CHECK_EQ_INT(ft.calls, 2);
    CHECK(fake_cdb(&ft, 0)[7] == 0x10 && fake_cdb(&ft, 0)[8] == 0x00);   /* 4096 */
    CHECK(fake_cdb(&ft, 1)[7] == 0x13 && fake_cdb(&ft, 1)[8] == 0x90);   /* 5008 */
    CHECK(n == 250 && page[0] == 0x33 && page[2] == 0x77);
    free(page);
}

static void test_disc_track_media(void)
{
    static const fake_reply r[] = {
        { .opcode = MMC_READ_DISC_INFORMATION, .data = disc_info, .data_len = 34 },
        { .opcode = MMC_READ_TRACK_INFORMATION, .match_index = 5, .match_value = 0x01, .data = track_info, .data_len = sizeof(track_info) },
        { .opcode = MMC_READ_TRACK_INFORMATION, .match_index = 5, .match_value = 0x02, .data = track_info, .data_len = 20 },
        { .opcode = MMC_GET_EVENT_STATUS_NOTIFICATION, .data = gesn_present, .data_len = 8 },
        { .opcode = MMC_START_STOP_UNIT }, { .opcode = MMC_PREVENT_ALLOW_MEDIUM_REMOVAL } };
    static const fake_reply open_tray[] = {
        { .opcode = MMC_GET_EVENT_STATUS_NOTIFICATION, .data = gesn_open, .data_len = 8 } };
    static const fake_reply no_gesn_open[] = {
        { .opcode = MMC_GET_EVENT_STATUS_NOTIFICATION, .data = gesn_nea, .data_len = 4 },
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 2, .asc = 0x3A, .ascq = 0x02 } };
    static const fake_reply no_gesn_ready[] = { { .opcode = MMC_TEST_UNIT_READY } };
    static const fake_reply spinning[] = {
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 2, .asc = 0x04, .ascq = 0x01 } };
    static const fake_reply hung[] = { { .opcode = MMC_GET_EVENT_STATUS_NOTIFICATION, .status = MMC_STATUS_TIMEOUT } };
    static const uint8_t short_disc_info[4] = { 0x00, 0x02, 0x0E, 0x01 };
    static const fake_reply bad_len[] = {
        { .opcode = MMC_READ_DISC_INFORMATION, .data = short_disc_info, .data_len = 4 } };
    mmc_disc_info di;
    mmc_track_info ti;
    uint8_t *raw;
    size_t n;
    int present, open;

    setup(r, N(r));
    CHECK_EQ_INT(mmc_dev_disc_info(&dev, &di, &raw, &n), 0);
    CHECK(di.disc_status == MMC_DISC_COMPLETE && di.sessions == 1);
    CHECK(n == 34 && !memcmp(raw, disc_info, 34));
    free(raw);
    CHECK_EQ_INT(mmc_dev_disc_info(&dev, &di, NULL, NULL), 0);
    CHECK_EQ_INT(mmc_dev_track_info(&dev, MMC_TRACK_ADDR_TRACK, 1, &ti, &raw, &n), 0);
    CHECK(ti.track == 1 && ti.track_size == 12000);
    CHECK_EQ_INT(n, 36);
    free(raw);
    { const uint8_t *c = fake_cdb(&ft, ft.calls - 1);
      CHECK(c[0] == 0x52 && c[1] == 0x01 && c[5] == 1); }
    CHECK_EQ_INT(mmc_dev_track_info(&dev, MMC_TRACK_ADDR_TRACK, 2, &ti, &raw, &n), BAD);  /* 20 bytes */
    CHECK(raw == NULL && n == 0);

    CHECK_EQ_INT(mmc_dev_media_present(&dev, &present, &open), 0);
    CHECK(present && !open);
    CHECK_EQ_INT(mmc_dev_eject(&dev), 0);
    { const uint8_t *c = fake_cdb(&ft, ft.calls - 1); CHECK(c[0] == 0x1B && c[4] == 0x02); }
    CHECK_EQ_INT(mmc_dev_load(&dev), 0);
    { const uint8_t *c = fake_cdb(&ft, ft.calls - 1); CHECK(c[0] == 0x1B && c[4] == 0x03); }
    CHECK_EQ_INT(mmc_dev_prevent_removal(&dev, 1), 0);
    { const uint8_t *c = fake_cdb(&ft, ft.calls - 1); CHECK(c[0] == 0x1E && c[4] == 0x01); }

    setup(open_tray, N(open_tray));
    CHECK_EQ_INT(mmc_dev_media_present(&dev, &present, &open), 0);
    CHECK(!present && open);
    setup(no_gesn_open, N(no_gesn_open));
    CHECK_EQ_INT(mmc_dev_media_present(&dev, &present, &open), 0);
    CHECK(!present && open);
    CHECK_EQ_INT(ft.calls, 2);
    setup(no_gesn_ready, N(no_gesn_ready));
    CHECK_EQ_INT(mmc_dev_media_present(&dev, &present, &open), 0);
    CHECK(present && !open);
    setup(spinning, N(spinning));
    CHECK_EQ_INT(mmc_dev_media_present(&dev, &present, NULL), 0);
    CHECK(present);
    setup(hung, N(hung));
    CHECK_EQ_INT(mmc_dev_media_present(&dev, &present, &open), E_IMAPI_RECORDER_COMMAND_TIMEOUT);
    setup(bad_len, N(bad_len));
    CHECK_EQ_INT(mmc_dev_disc_info(&dev, &di, &raw, &n), BAD);
}

static void test_speeds_and_structures(void)
{
    static const fake_reply r[] = { { .opcode = MMC_GET_PERFORMANCE, .match_index = 10, .match_value = 0x03, .data = perf_ws, .data_len = sizeof(perf_ws) } };
    static const fake_reply legacy[] = {
        { .opcode = MMC_MODE_SENSE10, .match_index = 2, .match_value = 0x2A, .data = mode_all, .data_len = sizeof(mode_all) } };
    static const uint8_t bad_perf[8] = { 0x00, 0x00, 0x00, 0x25, 0, 0, 0, 0 };
    static const fake_reply nonsense[] = { { .opcode = MMC_GET_PERFORMANCE, .data = bad_perf, .data_len = 8 } };
    static const uint8_t phys[24] = { 0x08, 0x02, 0x00, 0x00, 0xA1, 0x0F, 0x02, 0x10, 0x00, 0x03, 0x00, 0x00,
                                      0x00, 0x26, 0x05, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0 };
    static const fake_reply structs[] = {
        { .opcode = MMC_READ_DISC_STRUCTURE, .match_index = 7, .match_value = 0x00, .data = phys, .data_len = sizeof(phys) },
        { .opcode = MMC_READ_DISC_STRUCTURE, .match_index = 7, .match_value = 0x01, .status = MMC_STATUS_CHECK_CONDITION, .key = 5, .asc = 0x24 },
        { .opcode = MMC_SEND_DISC_STRUCTURE } };
    mmc_write_speed_desc *s;
    uint8_t *data;
    size_t n;

    setup(r, N(r));
    CHECK_EQ_INT(mmc_dev_write_speeds(&dev, &s, &n), 0);
    CHECK(n == 2 && s[0].write_kbps == 11080 && s[1].write_kbps == 5540 && s[1].wrc == 1);
    free(s);
    setup(legacy, N(legacy));
    CHECK_EQ_INT(mmc_dev_write_speeds(&dev, &s, &n), 0);
    CHECK(n == 2 && s[0].write_kbps == 7056 && s[0].wrc == 0 && s[1].write_kbps == 3528 && s[1].wrc == 1);
    free(s);
    setup(nonsense, N(nonsense));
    CHECK_EQ_INT(mmc_dev_write_speeds(&dev, &s, &n), BAD);
    CHECK(s == NULL && n == 0);

    setup(structs, N(structs));
    CHECK_EQ_INT(mmc_dev_read_disc_structure(&dev, MMC_STRUCTURE_MEDIA_DVD, 0, 0, 0, 0, &data, &n), 0);
    /* the drive declared 2050 bytes but sent 24: header stripped, 20 bytes kept */
    CHECK(n == 20 && data && data[0] == 0xA1 && data[10] == 0x05);
    free(data);
    CHECK_EQ_INT(ft.calls, 2);
    CHECK(fake_cdb(&ft, 0)[9] == 4 && fake_cdb(&ft, 1)[8] == 0x08 && fake_cdb(&ft, 1)[9] == 0x04);
    CHECK_EQ_INT(mmc_dev_read_disc_structure(&dev, MMC_STRUCTURE_MEDIA_DVD, 1, 0, 0, 0, &data, &n),
                 E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT);
    { static const uint8_t payload[6] = { 1, 2, 3, 4, 5, 6 };
      CHECK_EQ_INT(mmc_dev_send_disc_structure(&dev, MMC_STRUCTURE_MEDIA_DVD, 0x0F, payload, 6), 0);
      CHECK(ft.out_len == 10 && ft.out[0] == 0 && ft.out[1] == 8 && ft.out[4] == 1 && ft.out[9] == 6);
      CHECK(fake_cdb(&ft, ft.calls - 1)[7] == 0x0F && fake_cdb(&ft, ft.calls - 1)[9] == 10); }
}

static void test_toc_and_capacities(void)
{
    static const uint8_t toc[28] = {
        0x00, 0x1A, 0x01, 0x02,
        0x00, 0x14, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x10, 0x02, 0x00, 0x00, 0x00, 0x4E, 0x20,
        0x00, 0x14, 0xAA, 0x00, 0x00, 0x01, 0x00, 0x00 };
    static const uint8_t fcap[20] = {
        0x00, 0x00, 0x00, 0x10,
        0x00, 0x23, 0x05, 0x40, 0x02, 0x00, 0x08, 0x00,
        0x00, 0x23, 0x05, 0x40, 0x98, 0x00, 0x00, 0x00 };
    static const uint8_t bcap[12] = { 0x00, 0x0A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00 };
    static const fake_reply r[] = {
        { .opcode = MMC_READ_TOC_PMA_ATIP, .match_index = 2, .match_value = 0x00, .data = toc, .data_len = 28 },
        { .opcode = MMC_READ_TOC_PMA_ATIP, .match_index = 2, .match_value = 0x04, .data = toc, .data_len = 3 },
        { .opcode = MMC_READ_FORMAT_CAPACITIES, .data = fcap, .data_len = 20 },
        { .opcode = MMC_READ_BUFFER_CAPACITY, .data = bcap, .data_len = 12 } };
    mmc_toc_header h;
    mmc_toc_track t[4];
    mmc_format_capacity cur, *list;
    uint32_t size, blank;
    uint8_t *raw;
    size_t n, k;

    setup(r, N(r));
    CHECK_EQ_INT(mmc_dev_read_toc(&dev, MMC_TOC_FORMAT_TOC, 0, 1, &raw, &n), 0);
    CHECK_EQ_INT(n, 28);
    CHECK_EQ_INT(ft.calls, 2);
    CHECK(fake_cdb(&ft, 0)[8] == 4 && fake_cdb(&ft, 1)[8] == 28 && fake_cdb(&ft, 1)[6] == 1);
    CHECK_EQ_INT(mmc_parse_toc(raw, n, 0, &h, t, 4, &k), 0);
    CHECK(k == 3 && t[2].lba == 65536);
    free(raw);
    CHECK_EQ_INT(mmc_dev_read_toc(&dev, MMC_TOC_FORMAT_ATIP, 0, 0, &raw, &n), BAD);
    CHECK(raw == NULL && n == 0);

    CHECK_EQ_INT(mmc_dev_format_capacities(&dev, &cur, &list, &n), 0);
    CHECK(cur.type == MMC_CAPACITY_FORMATTED && cur.blocks == 0x00230540 && cur.parameter == 2048);
    CHECK(n == 1 && list[0].type == 0x26);
    free(list);
    CHECK_EQ_INT(mmc_dev_buffer_capacity(&dev, &size, &blank), 0);
    CHECK(size == 0x200000 && blank == 0x800);
}

static void test_passthrough(void)
{
    static const fake_reply r[] = {
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 6, .asc = 0x28 },
        { .opcode = MMC_INQUIRY, .data = inquiry, .data_len = 36 },
        { .opcode = MMC_READ10, .status = MMC_STATUS_TIMEOUT },
        { .opcode = MMC_WRITE10 } };
    uint8_t sense[18], buf[64];
    uint8_t tur[6] = { 0 }, inq[6] = { 0x12, 0, 0, 0, 64, 0 }, rd[10] = { 0x28 }, wr[10] = { 0x2A, 0, 0, 0, 0, 0, 0, 0, 1 };
    size_t got;

    setup(r, N(r));
    CHECK_EQ_INT(mmc_dev_passthrough(&dev, tur, 6, MMC_DIR_NONE, NULL, 0, 5, sense, &got), S_IMAPI_COMMAND_HAS_SENSE_DATA);
    CHECK(sense[0] == 0x70 && sense[2] == 6 && sense[12] == 0x28);
    CHECK_EQ_INT(ft.calls, 1);                        /* raw commands are never retried */
    CHECK_EQ_INT(ft.timeout_log[0], 5);
    CHECK_EQ_INT(mmc_dev_passthrough(&dev, inq, 6, MMC_DIR_IN, buf, 64, 10, sense, &got), 0);
    CHECK(got == 36 && !memcmp(buf, inquiry, 36) && sense[0] == 0);
    CHECK_EQ_INT(mmc_dev_passthrough(&dev, rd, 10, MMC_DIR_IN, buf, 64, 10, sense, &got), E_IMAPI_RECORDER_COMMAND_TIMEOUT);
    memset(buf, 0xA5, sizeof(buf));
    CHECK_EQ_INT(mmc_dev_passthrough(&dev, wr, 10, MMC_DIR_OUT, buf, 64, 10, sense, NULL), 0);
    CHECK(ft.out_len == 64 && ft.out[63] == 0xA5);
    CHECK_EQ_INT(mmc_dev_passthrough(&dev, wr, 17, MMC_DIR_OUT, buf, 64, 10, sense, NULL), MMC_HR_INVALIDARG);
    CHECK_EQ_INT(mmc_dev_passthrough(&dev, wr, 10, MMC_DIR_OUT, NULL, 64, 10, sense, NULL), MMC_HR_POINTER);
    CHECK_EQ_INT(mmc_dev_passthrough(&dev, wr, 10, MMC_DIR_NONE, buf, 64, 10, sense, NULL), MMC_HR_INVALIDARG);
    CHECK_EQ_INT(mmc_dev_passthrough(&dev, wr, 10, MMC_DIR_OUT, buf, 64, 10, NULL, NULL), MMC_HR_POINTER);
}

int main(void)
{
    test_execute_and_transport();
    test_config();
    test_mode_pages();
    test_large_mode_sense();
    test_disc_track_media();
    test_speeds_and_structures();
    test_toc_and_capacities();
    test_passthrough();
    return check_finish("test_mmc_device");
}
