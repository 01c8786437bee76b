/* core/cd: MSF arithmetic, Q sub-channel (CRC checked by an independent bitwise CRC),
 * MCN/ISRC coding, sub-channel packing, SEND CUE SHEET entries and the BIN/CUE text. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "cd/cd_image.h"

/* Independent CRC-16/CCITT: bit by bit, MSB first, poly 0x1021, init 0. */
static unsigned bitwise_crc(const unsigned char *p, int n)
{
    unsigned crc = 0;
    int i, b;
    for (i = 0; i < n; i++)
        for (b = 7; b >= 0; b--)
        {
            unsigned in = (p[i] >> b) & 1, top = (crc >> 15) & 1;
            crc = (crc << 1) & 0xFFFF;
            if (in ^ top) crc ^= 0x1021;
        }
    return crc;
}

static int q_crc_independent(const uint8_t q[12])
{
    unsigned crc = bitwise_crc(q, 10) ^ 0xFFFF;
    return q[10] == (crc >> 8) && q[11] == (crc & 0xFF);
}

static unsigned bcd2(uint8_t v) { return (v >> 4) * 10 + (v & 15); }

static void test_msf(void)
{
    cd_msf m;
    /* MMC-6 table 'LBA to MSF': 0 -> 00:02:00, -150 -> 00:00:00, -151 -> 99:59:74 */
    m = cd_lba_to_msf(0); CHECK(m.m == 0 && m.s == 2 && m.f == 0);
    m = cd_lba_to_msf(-150); CHECK(m.m == 0 && m.s == 0 && m.f == 0);
    m = cd_lba_to_msf(-151); CHECK(m.m == 99 && m.s == 59 && m.f == 74);
    m = cd_lba_to_msf(359849); CHECK(m.m == 79 && m.s == 59 && m.f == 74);
    m = cd_lba_to_msf(398099); CHECK(m.m == 88 && m.s == 29 && m.f == 74);
    /* 95:00:00 is 95*4500 frames; the lead-in wraps at 100 minutes + 150 frames */
    m.m = 95; m.s = 0; m.f = 0;
    CHECK_EQ_INT(cd_msf_to_lba(m), 95 * 4500 - 450150);
    { int32_t lba; for (lba = -45150; lba < 404850; lba += 997) CHECK_EQ_INT(cd_msf_to_lba(cd_lba_to_msf(lba)), lba); }
    CHECK_EQ_INT(cd_to_bcd(59), 0x59);
    CHECK_EQ_INT(cd_from_bcd(0x74), 74);
}

static void test_q(void)
{
    uint8_t q[12], sub[96], back[12], pq[16];
    char text[16];
    int i;

    cd_subq_position(q, CD_CTL_COPY_PERMITTED, 3, 1, 4500 + 75 * 2 + 5, 10000);
    CHECK_EQ_INT(q[0], 0x21);
    CHECK_EQ_INT(q[1], 0x03);
    CHECK_EQ_INT(q[2], 0x01);
    CHECK(bcd2(q[3]) == 1 && bcd2(q[4]) == 2 && bcd2(q[5]) == 5);
    /* absolute 10000 + 150 frames = 2:15:25 (10150 = 2*4500 + 15*75 + 25) */
    CHECK(bcd2(q[7]) == 2 && bcd2(q[8]) == 15 && bcd2(q[9]) == 25);
    CHECK(q_crc_independent(q));
    CHECK(cd_subq_crc_ok(q));
    q[5] ^= 1; CHECK(!cd_subq_crc_ok(q)); CHECK(!q_crc_independent(q));

    /* a known Q from a pressed disc: track 1 index 1 at 00:00:00 rel, 00:02:00 abs */
    cd_subq_position(q, 0, 1, 1, 0, 0);
    CHECK(q_crc_independent(q));

    CHECK(cd_subq_mcn(q, 0, "0123456789012", 33));
    CHECK_EQ_INT(q[0], 0x02);
    CHECK(q[1] == 0x01 && q[2] == 0x23 && q[3] == 0x45 && q[4] == 0x67 && q[5] == 0x89 && q[6] == 0x01 && q[7] == 0x20);
    CHECK_EQ_INT(q[9], 0x33);
    CHECK(q_crc_independent(q));
    CHECK(cd_subq_get_mcn(q, text) && !strcmp(text, "0123456789012"));
    CHECK(!cd_subq_mcn(q, 0, "12345", 0));

    CHECK(cd_subq_isrc(q, 0, "USK7Y9812345", 1));
    {
        /* independent 6-bit coding: U=37 S=35 K=27 7=7 Y=41, then two zero bits */
        unsigned long bits = ((((37UL * 64 + 35) * 64 + 27) * 64 + 7) * 64 + 41) << 2;
        CHECK_EQ_INT(q[0], 0x03);
        CHECK(q[1] == ((bits >> 24) & 0xFF) && q[2] == ((bits >> 16) & 0xFF) && q[3] == ((bits >> 8) & 0xFF) && q[4] == (bits & 0xFF));
        CHECK(q[5] == 0x98 && q[6] == 0x12 && q[7] == 0x34 && q[8] == 0x50);
    }
    CHECK(q_crc_independent(q));
    CHECK(cd_subq_get_isrc(q, text) && !strcmp(text, "USK7Y9812345"));
    CHECK(!cd_subq_isrc(q, 0, "us-k7y-98-12", 0));

    cd_sub_pack_pw96(sub, 1, q, NULL);
    for (i = 0; i < 96; i++) CHECK((sub[i] & 0x80) && ((sub[i] >> 6) & 1) == ((q[i / 8] >> (7 - i % 8)) & 1));
    cd_sub_unpack_q(sub, back);
    CHECK(!memcmp(back, q, 12));
    cd_sub_pack_pq16(pq, 1, q);
    CHECK(!memcmp(pq, q, 12) && pq[15] == 0x80 && !pq[12]);
}

static void two_tracks(cd_layout *l)
{
    memset(l, 0, sizeof(*l));
    strcpy(l->mcn, "0000000000000");
    l->ntracks = 2;
    l->tracks[0].number = 1; l->tracks[0].pregap = -150; l->tracks[0].start = 0; l->tracks[0].length = 400;
    strcpy(l->tracks[0].isrc, "USK7Y9812345");
    l->tracks[1].number = 2; l->tracks[1].pregap = 400; l->tracks[1].start = 550; l->tracks[1].length = 300;
    l->tracks[1].control = CD_CTL_COPY_PERMITTED;
    l->tracks[1].nindex = 1; l->tracks[1].index[0] = 700;
    l->leadout = 850;
}

static void test_cue(void)
{
    cd_layout l;
    uint8_t sheet[256], q[12];
    size_t n;
    char *text;
    int p;
    int32_t lba;
    static const char expect[] =
        "CATALOG 0000000000000\n"
        "FILE \"a.bin\" BINARY\n"
        "  TRACK 01 AUDIO\n"
        "    ISRC USK7Y9812345\n"
        "    INDEX 00 00:00:00\n"
        "    INDEX 01 00:02:00\n"
        "  TRACK 02 AUDIO\n"
        "    FLAGS DCP\n"
        "    INDEX 00 00:07:25\n"
        "    INDEX 01 00:09:25\n"
        "    INDEX 02 00:11:25\n";

    two_tracks(&l);
    n = cd_cue_sheet(&l, 0, sheet, sizeof(sheet));
    /* MCN (2) + lead-in + ISRC (2) + 1/0 + 1/1 + 2/0 + 2/1 + 2/2 + lead-out */
    CHECK_EQ_INT(n, 11 * 8);
    CHECK(sheet[0] == 0x02 && !memcmp(sheet + 1, "0000000", 7) && sheet[8] == 0x02);
    CHECK(sheet[16] == 0x01 && sheet[17] == 0 && sheet[18] == 0 && sheet[19] == 0x01);
    CHECK(sheet[24] == 0x03 && sheet[25] == 0x01 && !memcmp(sheet + 26, "USK7Y9", 6) && !memcmp(sheet + 34, "812345", 6));
    /* track 1 index 0 at 00:00:00, index 1 at 00:02:00 (binary MSF) */
    CHECK(sheet[40] == 0x01 && sheet[41] == 1 && sheet[42] == 0 && sheet[45] == 0 && sheet[46] == 0 && sheet[47] == 0);
    CHECK(sheet[49] == 1 && sheet[50] == 1 && sheet[45 + 8] == 0 && sheet[46 + 8] == 2 && sheet[47 + 8] == 0);
    CHECK(sheet[56] == 0x21 && sheet[57] == 2 && sheet[58] == 0);
    CHECK(sheet[72] == 0x21 && sheet[74] == 2);
    /* lead-out at 850 + 150 = 1000 frames = 00:13:25 */
    CHECK(sheet[81] == 0xAA && sheet[82] == 1 && sheet[85] == 0 && sheet[86] == 13 && sheet[87] == 25);

    text = cd_cue_text(&l, "a.bin");
    CHECK(text && !strcmp(text, expect));
    if (text && strcmp(text, expect)) fprintf(stderr, "%s", text);
    free(text);

    /* every Q of the session has a good CRC; positions and times are right */
    for (lba = -3000; lba < 900; lba++)
    {
        cd_layout_subq(&l, lba, q, &p);
        CHECK(q_crc_independent(q));
        if ((q[0] & 15) != 1) continue;
        if (lba < -150) { CHECK(q[1] == 0); continue; }
        /* absolute time is the LBA + 150 */
        CHECK_EQ_INT(bcd2(q[7]) * 4500 + bcd2(q[8]) * 75 + bcd2(q[9]), lba + 150);
        if (lba >= 850) CHECK(q[1] == 0xAA);
        else if (lba >= 550) { CHECK(q[1] == 2 && q[2] == (lba >= 700 ? 2 : 1) && !p); }
        else if (lba >= 400) { CHECK(q[1] == 2 && q[2] == 0 && p);
            CHECK_EQ_INT(bcd2(q[3]) * 4500 + bcd2(q[4]) * 75 + bcd2(q[5]), 550 - lba); }
        else if (lba >= 0) CHECK(q[1] == 1 && q[2] == 1 && (q[0] >> 4) == 0);
        else CHECK(q[1] == 1 && q[2] == 0);
    }
    /* MCN and ISRC frames appear inside tracks */
    cd_layout_subq(&l, 25 - 150 + 200, q, &p);  /* absolute frame 225: %100 == 25 */
    CHECK_EQ_INT(q[0] & 15, 2);
    cd_layout_subq(&l, 75 - 150 + 200, q, &p);
    CHECK_EQ_INT(q[0] & 15, 3);
    /* lead-in TOC: A2 points at the lead-out */
    for (lba = -1000; lba < -990; lba++)
    {
        cd_layout_subq(&l, lba, q, &p);
        if (q[2] == 0xA2) CHECK(bcd2(q[7]) == 0 && bcd2(q[8]) == 13 && bcd2(q[9]) == 25);
    }
}

static void test_toc(void)
{
    cd_layout l;
    uint8_t toc[4 + 8 * 3];
    two_tracks(&l);
    CHECK_EQ_INT(cd_toc_format0(&l, toc, sizeof(toc)), sizeof(toc));
    CHECK(toc[0] == 0 && toc[1] == 26 && toc[2] == 1 && toc[3] == 2);
    CHECK(toc[5] == 0x10 && toc[6] == 1 && toc[11] == 0);
    CHECK(toc[13] == 0x12 && toc[14] == 2 && toc[18] == (550 >> 8) && toc[19] == (550 & 0xFF));
    CHECK(toc[21] == 0x12 && toc[22] == 0xAA && toc[26] == (850 >> 8) && toc[27] == (850 & 0xFF));
}

/* Every sub-channel of a raw image decoded back, each Q checked with the bitwise CRC and
 * its absolute time against the LBA. */
static void test_image(void)
{
    cd_layout l;
    uint8_t sub[96], q[12];
    int32_t lba;
    unsigned bad_crc = 0, bad_time = 0, bad_track = 0;

    memset(&l, 0, sizeof(l));
    CHECK_EQ_INT(cd_image_layout_add(&l, 1, 400, 0, 150), 0);
    CHECK_EQ_INT(cd_image_layout_add(&l, 2, 350, 0, 150), 0);
    CHECK(l.tracks[1].pregap == 400 && l.tracks[1].start == 550 && l.leadout == 900);
    CHECK_EQ_INT(cd_image_sectors(&l), 22650 + 900 + 6750);
    CHECK_EQ_INT(cd_image_sector_bytes(CD_SUB_PQ), 2368);
    CHECK_EQ_INT(cd_image_sector_bytes(CD_SUB_RAW), 2448);
    CHECK_EQ_INT(cd_image_sector_bytes(0), 0);
    for (lba = CD_IMAGE_FIRST_LBA; lba < l.leadout + CD_LEADOUT_SECTORS; lba++)
    {
        cd_image_subcode(&l, lba, CD_SUB_RAW, NULL, sub);
        cd_sub_unpack_q(sub, q);
        if (!q_crc_independent(q)) bad_crc++;
        if ((q[0] & 15) != 1) continue;
        if (lba < -150)
        {
            /* lead-in: running time is the MSF of the LBA (95:00:00 first) */
            if (bcd2(q[3]) * 4500 + bcd2(q[4]) * 75 + bcd2(q[5]) != (unsigned)(lba + 450150)) bad_time++;
            if (q[1] != 0) bad_track++;
            continue;
        }
        if ((int32_t)(bcd2(q[7]) * 4500 + bcd2(q[8]) * 75 + bcd2(q[9])) != lba + 150) bad_time++;
        if ((lba < 400 && q[1] != 1) || (lba >= 400 && lba < 900 && q[1] != 2) || (lba >= 900 && q[1] != 0xAA)) bad_track++;
    }
    CHECK_EQ_INT(bad_crc, 0);
    CHECK_EQ_INT(bad_time, 0);
    CHECK_EQ_INT(bad_track, 0);
    /* the first sector of the image is 95:00:00 */
    cd_image_subcode(&l, CD_IMAGE_FIRST_LBA, CD_SUB_PQ, NULL, sub);
    CHECK(sub[3] == 0x95 && sub[4] == 0 && sub[5] == 0 && q_crc_independent(sub));

    /* gapless: track 2's pre-gap is the end of track 1 */
    memset(&l, 0, sizeof(l));
    CHECK_EQ_INT(cd_image_layout_add(&l, 1, 600, 0, 300), 0);
    CHECK_EQ_INT(l.tracks[0].start, 150);
    CHECK_EQ_INT(cd_image_layout_add(&l, 2, 350, 1, 150), 0);
    CHECK(l.tracks[0].length == 450 && l.tracks[1].pregap == 600 && l.tracks[1].start == 750 && l.leadout == 1100);
    memset(&l, 0, sizeof(l));
    CHECK_EQ_INT(cd_image_layout_add(&l, 1, 400, 0, 150), 0);
    CHECK_EQ_INT(cd_image_layout_add(&l, 2, 350, 1, 150), -1);   /* 400 - 150 < 300 */
}

int main(void)
{
    test_msf();
    test_q();
    test_cue();
    test_toc();
    test_image();
    return check_finish("test_cd");
}
