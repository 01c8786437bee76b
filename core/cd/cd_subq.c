/* P and Q sub-channel (see cd_subq.h). */
#include <string.h>
#include "cd_subq.h"

/* Table-driven CRC-16/CCITT (poly 0x1021, init 0); the tests check it bit by bit. */
static uint16_t crc_table[256];
static int crc_ready;

static void crc_init(void)
{
    unsigned i, b;
    for (i = 0; i < 256; i++)
    {
        uint16_t c = (uint16_t)(i << 8);
        for (b = 0; b < 8; b++) c = (uint16_t)(c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1);
        crc_table[i] = c;
    }
    crc_ready = 1;
}

uint16_t cd_crc16(const uint8_t *p, size_t n)
{
    uint16_t crc = 0;
    size_t i;
    if (!crc_ready) crc_init();
    for (i = 0; i < n; i++) crc = (uint16_t)((crc << 8) ^ crc_table[(crc >> 8) ^ p[i]]);
    return crc;
}

void cd_subq_set_crc(uint8_t q[CD_Q_BYTES])
{
    uint16_t crc = (uint16_t)~cd_crc16(q, 10);
    q[10] = (uint8_t)(crc >> 8);
    q[11] = (uint8_t)crc;
}

int cd_subq_crc_ok(const uint8_t q[CD_Q_BYTES])
{
    uint16_t crc = (uint16_t)~cd_crc16(q, 10);
    return q[10] == (uint8_t)(crc >> 8) && q[11] == (uint8_t)crc;
}

static void put_msf(uint8_t *p, cd_msf m)
{
    p[0] = cd_to_bcd(m.m);
    p[1] = cd_to_bcd(m.s);
    p[2] = cd_to_bcd(m.f);
}

void cd_subq_position(uint8_t q[CD_Q_BYTES], uint8_t control, unsigned tno, unsigned index,
                      uint32_t rel_frames, int32_t abs_lba)
{
    memset(q, 0, CD_Q_BYTES);
    q[0] = (uint8_t)((control & 0x0F) << 4 | 1);
    q[1] = tno == CD_TNO_LEADOUT ? CD_TNO_LEADOUT : cd_to_bcd(tno);
    q[2] = cd_to_bcd(index);
    put_msf(q + 3, cd_frames_to_msf(rel_frames));
    put_msf(q + 7, cd_lba_to_msf(abs_lba));
    cd_subq_set_crc(q);
}

void cd_subq_toc(uint8_t q[CD_Q_BYTES], uint8_t control, uint8_t point, cd_msf running, cd_msf pointer)
{
    memset(q, 0, CD_Q_BYTES);
    q[0] = (uint8_t)((control & 0x0F) << 4 | 1);
    q[1] = 0;                                    /* TNO 00: lead-in */
    q[2] = point <= 99 ? cd_to_bcd(point) : point;
    put_msf(q + 3, running);
    put_msf(q + 7, pointer);
    if (point == 0xA0 || point == 0xA1)          /* PMIN is a track number, PSEC the disc type */
        q[7] = cd_to_bcd(pointer.m);
    cd_subq_set_crc(q);
}

static int digits(const char *s, size_t n)
{
    size_t i;
    if (!s || strlen(s) != n) return 0;
    for (i = 0; i < n; i++) if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

int cd_mcn_valid(const char *mcn) { return digits(mcn, 13); }

static int isrc_char(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

int cd_isrc_valid(const char *isrc)
{
    int i;
    if (!isrc || strlen(isrc) != 12) return 0;
    for (i = 0; i < 5; i++) if (!isrc_char(isrc[i])) return 0;
    return digits(isrc + 5, 7);
}

int cd_subq_mcn(uint8_t q[CD_Q_BYTES], uint8_t control, const char *mcn, uint8_t aframe)
{
    int i;
    if (!cd_mcn_valid(mcn)) return 0;
    memset(q, 0, CD_Q_BYTES);
    q[0] = (uint8_t)((control & 0x0F) << 4 | 2);
    for (i = 0; i < 13; i++)
        q[1 + i / 2] |= (uint8_t)((mcn[i] - '0') << (i % 2 ? 0 : 4));
    q[9] = cd_to_bcd(aframe);
    cd_subq_set_crc(q);
    return 1;
}

/* ISRC letters: '0'-'9' are 0-9, 'A'-'Z' are 17-42 (IEC 60908 6-bit code). */
static unsigned six_bit(char c) { return c <= '9' ? (unsigned)(c - '0') : (unsigned)(c - 'A' + 17); }
static char from_six_bit(unsigned v) { return v <= 9 ? (char)('0' + v) : v >= 17 && v <= 42 ? (char)('A' + v - 17) : '?'; }

int cd_subq_isrc(uint8_t q[CD_Q_BYTES], uint8_t control, const char *isrc, uint8_t aframe)
{
    uint32_t bits = 0;
    int i;
    if (!cd_isrc_valid(isrc)) return 0;
    memset(q, 0, CD_Q_BYTES);
    q[0] = (uint8_t)((control & 0x0F) << 4 | 3);
    for (i = 0; i < 5; i++) bits = bits << 6 | six_bit(isrc[i]);
    bits <<= 2;                                  /* 30 bits of letters, then two zero bits */
    q[1] = (uint8_t)(bits >> 24); q[2] = (uint8_t)(bits >> 16);
    q[3] = (uint8_t)(bits >> 8); q[4] = (uint8_t)bits;
    for (i = 0; i < 7; i++)
        q[5 + i / 2] |= (uint8_t)((isrc[5 + i] - '0') << (i % 2 ? 0 : 4));
    q[9] = cd_to_bcd(aframe);
    cd_subq_set_crc(q);
    return 1;
}

int cd_subq_get_mcn(const uint8_t q[CD_Q_BYTES], char out[14])
{
    int i;
    if ((q[0] & 0x0F) != 2) return 0;
    for (i = 0; i < 13; i++) out[i] = (char)('0' + ((q[1 + i / 2] >> (i % 2 ? 0 : 4)) & 0x0F));
    out[13] = 0;
    return 1;
}

int cd_subq_get_isrc(const uint8_t q[CD_Q_BYTES], char out[13])
{
    uint32_t bits;
    int i;
    if ((q[0] & 0x0F) != 3) return 0;
    bits = (uint32_t)q[1] << 24 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 8 | q[4];
    for (i = 0; i < 5; i++) out[i] = from_six_bit((bits >> (26 - 6 * i)) & 0x3F);
    for (i = 0; i < 7; i++) out[5 + i] = (char)('0' + ((q[5 + i / 2] >> (i % 2 ? 0 : 4)) & 0x0F));
    out[12] = 0;
    return 1;
}

void cd_sub_pack_pq16(uint8_t out[16], int p, const uint8_t q[CD_Q_BYTES])
{
    memcpy(out, q, CD_Q_BYTES);
    memset(out + CD_Q_BYTES, 0, 4);
    out[15] = p ? 0x80 : 0;
}

void cd_sub_pack_pw96(uint8_t out[CD_SUBCODE_BYTES], int p, const uint8_t q[CD_Q_BYTES], const uint8_t *rw)
{
    unsigned i;
    for (i = 0; i < CD_SUBCODE_BYTES; i++)
        out[i] = (uint8_t)((p ? 0x80 : 0) | ((q[i / 8] >> (7 - i % 8)) & 1) << 6 | (rw ? rw[i] & 0x3F : 0));
}

void cd_sub_unpack_q(const uint8_t pw[CD_SUBCODE_BYTES], uint8_t q[CD_Q_BYTES])
{
    unsigned i;
    memset(q, 0, CD_Q_BYTES);
    for (i = 0; i < CD_SUBCODE_BYTES; i++)
        if (pw[i] & 0x40) q[i / 8] |= (uint8_t)(0x80u >> (i % 8));
}
