/* CDB builders, byte by byte against the MMC-6 / SPC-4 CDB layouts, plus
 * MSF <-> LBA and the pass-through CDB size rule. Expected bytes are written
 * from the standard's tables, not from the builders' output. */
#include <string.h>
#include "check.h"
#include "mmc/mmc_cdb.h"
#include "mmc/mmc_addr.h"

static uint8_t buf[4096];

#define CDB(c, ...) do { static const uint8_t exp_[] = { __VA_ARGS__ }; \
    CHECK_EQ_INT((c).cdb_len, sizeof(exp_)); \
    CHECK(!memcmp((c).cdb, exp_, sizeof(exp_))); \
    for (size_t i_ = sizeof(exp_); i_ < 16; i_++) CHECK_EQ_INT((c).cdb[i_], 0); } while (0)

static void test_info_commands(void)
{
    mmc_command c;

    memset(&c, 0xAA, sizeof(c));                    /* builders must clear leftovers */
    mmc_cdb_test_unit_ready(&c);
    CDB(c, 0x00, 0, 0, 0, 0, 0);
    CHECK_EQ_INT(c.dir, MMC_DIR_NONE);
    CHECK_EQ_INT(c.len, 0);
    CHECK(c.buf == NULL);
    CHECK_EQ_INT(c.timeout_s, MMC_TIMEOUT_DEFAULT);
    CHECK_EQ_INT(c.transferred, 0);

    mmc_cdb_request_sense(&c, buf, 18, 0);
    CDB(c, 0x03, 0, 0, 0, 18, 0);
    CHECK_EQ_INT(c.dir, MMC_DIR_IN);
    CHECK_EQ_INT(c.len, 18);
    mmc_cdb_request_sense(&c, buf, 252, 1);
    CDB(c, 0x03, 0x01, 0, 0, 252, 0);

    mmc_cdb_inquiry(&c, buf, 96);
    CDB(c, 0x12, 0, 0, 0, 96, 0);
    CHECK(c.buf == buf);
    CHECK_EQ_INT(c.len, 96);

    /* GET CONFIGURATION: RT in byte 1, starting feature 2..3, allocation 7..8 */
    mmc_cdb_get_configuration(&c, buf, 0x1234, MMC_RT_ONE, 0x0107);
    CDB(c, 0x46, 0x02, 0x01, 0x07, 0, 0, 0, 0x12, 0x34, 0);
    mmc_cdb_get_configuration(&c, buf, 8, MMC_RT_CURRENT, 0);
    CDB(c, 0x46, 0x01, 0, 0, 0, 0, 0, 0, 8, 0);
    CHECK_EQ_INT(c.len, 8);

    /* GESN: Polled bit, class request byte 4 */
    mmc_cdb_get_event_status(&c, buf, 8, MMC_GESN_CLASS_MEDIA);
    CDB(c, 0x4A, 0x01, 0, 0, 0x10, 0, 0, 0, 8, 0);

    mmc_cdb_read_disc_information(&c, buf, 34);
    CDB(c, 0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0);

    mmc_cdb_read_track_information(&c, buf, 48, MMC_TRACK_ADDR_TRACK, 0xFF);
    CDB(c, 0x52, 0x01, 0, 0, 0, 0xFF, 0, 0, 48, 0);
    mmc_cdb_read_track_information(&c, buf, 48, MMC_TRACK_ADDR_LBA, 0x00012345);
    CDB(c, 0x52, 0x00, 0x00, 0x01, 0x23, 0x45, 0, 0, 48, 0);
    mmc_cdb_read_track_information(&c, buf, 48, MMC_TRACK_ADDR_SESSION, 2);
    CDB(c, 0x52, 0x02, 0, 0, 0, 2, 0, 0, 48, 0);

    /* READ TOC: MSF bit 1 of byte 1, format byte 2, track/session byte 6 */
    mmc_cdb_read_toc(&c, buf, 0x324, MMC_TOC_FORMAT_TOC, 1, 1);
    CDB(c, 0x43, 0x02, 0x00, 0, 0, 0, 1, 0x03, 0x24, 0);
    mmc_cdb_read_toc(&c, buf, 12, MMC_TOC_FORMAT_SESSION, 0, 0);
    CDB(c, 0x43, 0x00, 0x01, 0, 0, 0, 0, 0, 12, 0);
    mmc_cdb_read_toc(&c, buf, 0xFFFE, MMC_TOC_FORMAT_FULL, 0, 1);
    CDB(c, 0x43, 0x00, 0x02, 0, 0, 0, 1, 0xFF, 0xFE, 0);
    mmc_cdb_read_toc(&c, buf, 28, MMC_TOC_FORMAT_ATIP, 0, 0);
    CDB(c, 0x43, 0x00, 0x04, 0, 0, 0, 0, 0, 28, 0);
    mmc_cdb_read_toc(&c, buf, 4096, MMC_TOC_FORMAT_CDTEXT, 0, 0);
    CDB(c, 0x43, 0x00, 0x05, 0, 0, 0, 0, 0x10, 0x00, 0);

    mmc_cdb_read_capacity(&c, buf);
    CDB(c, 0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK_EQ_INT(c.len, 8);
    CHECK_EQ_INT(c.dir, MMC_DIR_IN);

    mmc_cdb_read_format_capacities(&c, buf, 0xFC);
    CDB(c, 0x23, 0, 0, 0, 0, 0, 0, 0, 0xFC, 0);

    /* READ DISC STRUCTURE: media type byte 1, address 2..5, layer 6, format 7,
     * allocation 8..9, AGID bits 7..6 of byte 10 */
    mmc_cdb_read_disc_structure(&c, buf, 2052, MMC_STRUCTURE_MEDIA_BD, 0x01020304, 1, 0x00, 2);
    { static const uint8_t e[] = { 0xAD, 0x01, 0x01, 0x02, 0x03, 0x04, 0x01, 0x00, 0x08, 0x04, 0x80, 0 };
      CHECK_EQ_INT(c.cdb_len, 12); CHECK(!memcmp(c.cdb, e, 12)); }
    mmc_cdb_send_disc_structure(&c, buf, 12, MMC_STRUCTURE_MEDIA_DVD, 0x0F, 3);
    CDB(c, 0xBF, 0x00, 0, 0, 0, 0, 0, 0x0F, 0, 12, 0xC0, 0);
    CHECK_EQ_INT(c.dir, MMC_DIR_OUT);

    /* MODE SENSE(10): DBD bit 3 of byte 1, PC bits 7..6 + page code of byte 2 */
    mmc_cdb_mode_sense10(&c, buf, 0x1000, 0x2A, MMC_PC_CURRENT);
    CDB(c, 0x5A, 0x08, 0x2A, 0, 0, 0, 0, 0x10, 0x00, 0);
    mmc_cdb_mode_sense10(&c, buf, 255, 0x05, MMC_PC_CHANGEABLE);
    CDB(c, 0x5A, 0x08, 0x45, 0, 0, 0, 0, 0, 255, 0);
    mmc_cdb_mode_sense10(&c, buf, 255, 0x3F, MMC_PC_SAVED);
    CDB(c, 0x5A, 0x08, 0xFF, 0, 0, 0, 0, 0, 255, 0);
    /* MODE SELECT(10): PF bit 4, SP bit 0 */
    mmc_cdb_mode_select10(&c, buf, 60, 0);
    CDB(c, 0x55, 0x10, 0, 0, 0, 0, 0, 0, 60, 0);
    CHECK_EQ_INT(c.dir, MMC_DIR_OUT);
    mmc_cdb_mode_select10(&c, buf, 60, 1);
    CDB(c, 0x55, 0x11, 0, 0, 0, 0, 0, 0, 60, 0);

    /* GET PERFORMANCE: max descriptors 8..9, type 10 */
    mmc_cdb_get_performance_write_speeds(&c, buf, 10);
    CDB(c, 0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0x03, 0);
    CHECK_EQ_INT(c.len, 8 + 16 * 10);
    mmc_cdb_get_performance(&c, buf, 4, 1, 0x100);
    CDB(c, 0xAC, 0x14, 0, 0, 0x01, 0x00, 0, 0, 0, 4, 0x00, 0);
    mmc_cdb_get_performance(&c, buf, 4, 0, 0);
    CDB(c, 0xAC, 0x10, 0, 0, 0, 0, 0, 0, 0, 4, 0x00, 0);

    mmc_cdb_read_buffer_capacity(&c, buf);
    CDB(c, 0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0);
    CHECK_EQ_INT(c.len, 12);
}

static void test_control_commands(void)
{
    mmc_command c;
    uint8_t d[MMC_STREAMING_DESC_LEN], list[MMC_FORMAT_PARAM_LEN];

    /* SET CD SPEED: rotation control byte 1, read speed 2..3, write speed 4..5 */
    mmc_cdb_set_cd_speed(&c, 0xFFFF, 1411, 0);
    CDB(c, 0xBB, 0x00, 0xFF, 0xFF, 0x05, 0x83, 0, 0, 0, 0, 0, 0);
    CHECK_EQ_INT(c.dir, MMC_DIR_NONE);
    mmc_cdb_set_cd_speed(&c, 7056, 7056, 1);
    CDB(c, 0xBB, 0x01, 0x1B, 0x90, 0x1B, 0x90, 0, 0, 0, 0, 0, 0);

    /* SET STREAMING: type byte 8, parameter list length 9..10 */
    mmc_streaming_descriptor(d, 0, 2295103, 5540, 11080, 0, 1);
    mmc_cdb_set_streaming(&c, d);
    CDB(c, 0xB6, 0, 0, 0, 0, 0, 0, 0, 0x00, 0, 28, 0);
    CHECK_EQ_INT(c.len, 28);
    CHECK_EQ_INT(c.dir, MMC_DIR_OUT);
    { static const uint8_t e[28] = { 0x02, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x23, 0x05, 0x3F,
                                     0, 0, 0x15, 0xA4, 0, 0, 0x03, 0xE8, 0, 0, 0x2B, 0x48, 0, 0, 0x03, 0xE8 };
      CHECK(!memcmp(d, e, 28)); }
    mmc_streaming_descriptor(d, 0, 0, 0, 0, 1, 0);
    CHECK_EQ_INT(d[0], 0x08);                        /* WRC = 01b at bits 4..3 */

    /* START STOP UNIT: Immed byte 1 bit 0, LoEj bit 1 / Start bit 0 of byte 4 */
    mmc_cdb_start_stop_unit(&c, MMC_SSU_EJECT, 0);
    CDB(c, 0x1B, 0, 0, 0, 0x02, 0);
    mmc_cdb_start_stop_unit(&c, MMC_SSU_LOAD, 1);
    CDB(c, 0x1B, 0x01, 0, 0, 0x03, 0);
    mmc_cdb_start_stop_unit(&c, MMC_SSU_START, 0);
    CDB(c, 0x1B, 0, 0, 0, 0x01, 0);
    mmc_cdb_start_stop_unit(&c, MMC_SSU_STOP, 0);
    CDB(c, 0x1B, 0, 0, 0, 0x00, 0);

    mmc_cdb_prevent_allow(&c, 1);
    CDB(c, 0x1E, 0, 0, 0, 0x01, 0);
    mmc_cdb_prevent_allow(&c, 0);
    CDB(c, 0x1E, 0, 0, 0, 0x00, 0);

    /* READ(10): LBA 2..5, transfer length 7..8 */
    mmc_cdb_read10(&c, buf, 0x00ABCDEF, 2, 2048);
    CDB(c, 0x28, 0, 0x00, 0xAB, 0xCD, 0xEF, 0, 0, 2, 0);
    CHECK_EQ_INT(c.len, 4096);
    CHECK_EQ_INT(c.dir, MMC_DIR_IN);
    /* READ(12): LBA 2..5, length 6..9, streaming bit 7 of byte 10 */
    mmc_cdb_read12(&c, buf, 16, 0x00010002, 0, 1);
    CDB(c, 0xA8, 0, 0, 0, 0, 16, 0x00, 0x01, 0x00, 0x02, 0x80, 0);
    /* READ CD: sector type bits 4..2 of byte 1, LBA 2..5, 24-bit length 6..8, flags 9, sub-channel 10 */
    mmc_cdb_read_cd(&c, buf, 0xFFFFFF6A, 1, 2352, MMC_READ_CD_CDDA, MMC_READ_CD_RAW_2352, MMC_READ_CD_SUB_NONE);
    CDB(c, 0xBE, 0x04, 0xFF, 0xFF, 0xFF, 0x6A, 0, 0, 1, 0xF8, 0x00, 0);
    CHECK_EQ_INT(c.len, 2352);
    mmc_cdb_read_cd(&c, buf, 0, 1, 2048, MMC_READ_CD_MODE1, MMC_READ_CD_USER_ONLY, MMC_READ_CD_SUB_Q);
    CDB(c, 0xBE, 0x08, 0, 0, 0, 0, 0, 0, 1, 0x10, 0x02, 0);

    mmc_cdb_write10(&c, buf, 0x12345678, 0x10, 2048);
    CDB(c, 0x2A, 0, 0x12, 0x34, 0x56, 0x78, 0, 0x00, 0x10, 0);
    CHECK_EQ_INT(c.dir, MMC_DIR_OUT);
    CHECK_EQ_INT(c.len, 32768);
    mmc_cdb_write12(&c, buf, 1, 1, 2048, 1);
    CDB(c, 0xAA, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0x80, 0);

    /* SYNCHRONIZE CACHE: Immed bit 1 of byte 1 */
    mmc_cdb_synchronize_cache(&c, 0);
    CDB(c, 0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK_EQ_INT(c.timeout_s, MMC_TIMEOUT_LONG);
    mmc_cdb_synchronize_cache(&c, 1);
    CDB(c, 0x35, 0x02, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK(c.timeout_s < MMC_TIMEOUT_LONG);

    /* CLOSE TRACK/SESSION: Immed byte 1 bit 0, function byte 2, track 4..5 */
    mmc_cdb_close_track_session(&c, MMC_CLOSE_TRACK, 3, 1);
    CDB(c, 0x5B, 0x01, 0x01, 0, 0x00, 0x03, 0, 0, 0, 0);
    mmc_cdb_close_track_session(&c, MMC_CLOSE_SESSION, 0, 0);
    CDB(c, 0x5B, 0x00, 0x02, 0, 0, 0, 0, 0, 0, 0);
    CHECK_EQ_INT(c.timeout_s, MMC_TIMEOUT_LONG);
    mmc_cdb_close_track_session(&c, 6, 0x0102, 0);
    CDB(c, 0x5B, 0x00, 0x06, 0, 0x01, 0x02, 0, 0, 0, 0);

    /* RESERVE TRACK, ARSV=0: reservation size in bytes 5..8 */
    mmc_cdb_reserve_track(&c, 0x00012345);
    CDB(c, 0x53, 0, 0, 0, 0, 0x00, 0x01, 0x23, 0x45, 0);

    /* BLANK: Immed bit 4 and type bits 2..0 of byte 1, address 2..5 */
    mmc_cdb_blank(&c, MMC_BLANK_MINIMAL, 0, 1);
    CDB(c, 0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK(c.timeout_s < MMC_TIMEOUT_LONG);
    mmc_cdb_blank(&c, MMC_BLANK_FULL, 0, 0);
    CDB(c, 0xA1, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK_EQ_INT(c.timeout_s, MMC_TIMEOUT_LONG);
    mmc_cdb_blank(&c, MMC_BLANK_TRACK, 5, 0);
    CDB(c, 0xA1, 0x02, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0);

    /* FORMAT UNIT: FmtData bit 4, format code 001b; list header + descriptor */
    mmc_format_parameter_list(list, 0x0023053F, MMC_FORMAT_TYPE_DVDPRW_FULL, 0, 1);
    { static const uint8_t e[12] = { 0, 0x82, 0, 8, 0x00, 0x23, 0x05, 0x3F, 0x98, 0, 0, 0 };
      CHECK(!memcmp(list, e, 12)); }
    mmc_cdb_format_unit(&c, list);
    CDB(c, 0x04, 0x11, 0, 0, 0, 0);
    CHECK_EQ_INT(c.len, 12);
    CHECK_EQ_INT(c.dir, MMC_DIR_OUT);
    CHECK(c.timeout_s < MMC_TIMEOUT_LONG);
    mmc_format_parameter_list(list, 0xFFFFFFFF, MMC_FORMAT_TYPE_QUICK, 2048, 0);
    { static const uint8_t e[12] = { 0, 0x00, 0, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0x54, 0x00, 0x08, 0x00 };
      CHECK(!memcmp(list, e, 12)); }
    mmc_cdb_format_unit(&c, list);
    CHECK_EQ_INT(c.timeout_s, MMC_TIMEOUT_LONG);

    /* SEND CUE SHEET: 24-bit size in bytes 6..8 */
    mmc_cdb_send_cue_sheet(&c, buf, 0x000118);
    CDB(c, 0x5D, 0, 0, 0, 0, 0, 0x00, 0x01, 0x18, 0);
    CHECK_EQ_INT(c.len, 0x118);
    CHECK_EQ_INT(c.dir, MMC_DIR_OUT);

    mmc_cdb_send_opc_information(&c, 1);
    CDB(c, 0x54, 0x01, 0, 0, 0, 0, 0, 0, 0, 0);
    CHECK_EQ_INT(c.dir, MMC_DIR_NONE);
}

static void test_msf(void)
{
    int32_t lba;
    mmc_msf m;

    CHECK_EQ_INT(mmc_msf_to_lba(0, 2, 0, &lba), 0);
    CHECK_EQ_INT(lba, 0);
    CHECK_EQ_INT(mmc_msf_to_lba(0, 0, 0, &lba), 0);
    CHECK_EQ_INT(lba, -150);
    CHECK_EQ_INT(mmc_msf_to_lba(79, 59, 74, &lba), 0);
    CHECK_EQ_INT(lba, 359849);                       /* 80-minute disc last possible lead-out */
    CHECK_EQ_INT(mmc_msf_to_lba(97, 26, 66, &lba), 0);
    CHECK_EQ_INT(lba, -11634);                       /* typical ATIP lead-in start */
    CHECK_EQ_INT(mmc_msf_to_lba(90, 0, 0, &lba), 0);
    CHECK_EQ_INT(lba, -45150);
    CHECK_EQ_INT(mmc_msf_to_lba(99, 59, 74, &lba), 0);
    CHECK_EQ_INT(lba, -151);
    CHECK_EQ_INT(mmc_msf_to_lba(0, 60, 0, &lba), -1);
    CHECK_EQ_INT(mmc_msf_to_lba(0, 0, 75, &lba), -1);
    CHECK_EQ_INT(mmc_msf_to_lba(100, 0, 0, &lba), -1);

    CHECK_EQ_INT(mmc_lba_to_msf(0, &m), 0);
    CHECK(m.m == 0 && m.s == 2 && m.f == 0);
    CHECK_EQ_INT(mmc_lba_to_msf(-11634, &m), 0);
    CHECK(m.m == 97 && m.s == 26 && m.f == 66);
    CHECK_EQ_INT(mmc_lba_to_msf(-1, &m), 0);
    CHECK(m.m == 0 && m.s == 1 && m.f == 74);
    CHECK_EQ_INT(mmc_lba_to_msf(404849, &m), 0);
    CHECK(m.m == 89 && m.s == 59 && m.f == 74);
    CHECK_EQ_INT(mmc_lba_to_msf(404850, &m), -1);
    CHECK_EQ_INT(mmc_lba_to_msf(-45151, &m), -1);
    /* round trip across the whole range, lead-in included */
    for (lba = -45150; lba <= 404849; lba += 97)
    {
        int32_t back;
        if (mmc_lba_to_msf(lba, &m) || mmc_msf_to_lba(m.m, m.s, m.f, &back) || back != lba)
        {
            CHECK(!"MSF round trip");
            break;
        }
    }
}

static void test_cdb_size_rule(void)
{
    uint8_t cdb[16] = { 0 };

    cdb[0] = 0x00; CHECK(mmc_cdb_size_valid(cdb, 6)); CHECK(!mmc_cdb_size_valid(cdb, 10));
    cdb[0] = 0x46; CHECK(mmc_cdb_size_valid(cdb, 10)); CHECK(!mmc_cdb_size_valid(cdb, 12));
    cdb[0] = 0xAD; CHECK(mmc_cdb_size_valid(cdb, 12)); CHECK(!mmc_cdb_size_valid(cdb, 10));
    cdb[0] = 0x88; CHECK(mmc_cdb_size_valid(cdb, 16)); CHECK(!mmc_cdb_size_valid(cdb, 12));
    cdb[0] = 0x70; CHECK(mmc_cdb_size_valid(cdb, 7));
    cdb[0] = 0xD8; CHECK(mmc_cdb_size_valid(cdb, 9));
    cdb[0] = 0x23; CHECK(mmc_cdb_size_valid(cdb, 12));   /* exempt: READ FORMAT CAPACITIES */
    cdb[0] = 0x02; CHECK(mmc_cdb_size_valid(cdb, 16));   /* exempt */
    CHECK(!mmc_cdb_size_valid(cdb, 5));
    CHECK(!mmc_cdb_size_valid(cdb, 17));
    CHECK(!mmc_cdb_size_valid(NULL, 6));
}

int main(void)
{
    test_info_commands();
    test_control_commands();
    test_msf();
    test_cdb_size_rule();
    return check_finish("test_mmc_cdb");
}
