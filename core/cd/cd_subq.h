/* The P and Q sub-channel of CD sectors (ECMA-130 / IEC 60908, section 22) and their
 * packing into the sub-channel bytes a raw write sends (MMC data block types 1-3).
 *
 * Q is 96 bits: control (4) and ADR (4), 72 bits of data, CRC-16 (x^16+x^12+x^5+1,
 * initial value 0, stored inverted, most significant byte first). ADR 1 is the position
 * (track, index, relative and absolute time; in the lead-in the TOC), ADR 2 the media
 * catalogue number (13 digits), ADR 3 the ISRC (5 letters/digits in 6-bit code, 7 digits). */
#ifndef IMAPI_CD_SUBQ_H
#define IMAPI_CD_SUBQ_H

#include <stddef.h>
#include <stdint.h>
#include "cd_msf.h"

#define CD_Q_BYTES 12
#define CD_TNO_LEADOUT 0xAA
/* control nibble bits */
#define CD_CTL_PREEMPHASIS 0x1
#define CD_CTL_COPY_PERMITTED 0x2
#define CD_CTL_DATA 0x4

uint16_t cd_crc16(const uint8_t *p, size_t n);
/* Stores the (inverted) CRC of q[0..9] in q[10..11]. */
void cd_subq_set_crc(uint8_t q[CD_Q_BYTES]);
int cd_subq_crc_ok(const uint8_t q[CD_Q_BYTES]);

/* ADR 1 in the program area and lead-out: tno (binary 1..99, or CD_TNO_LEADOUT), index
 * (0: pre-gap, relative time counting down to the index 1 start), relative frames, and
 * the absolute LBA. */
void cd_subq_position(uint8_t q[CD_Q_BYTES], uint8_t control, unsigned tno, unsigned index,
                      uint32_t rel_frames, int32_t abs_lba);
/* ADR 1 in the lead-in: a TOC item (point 1..99 track start, 0xA0 first track with the
 * disc type in psec, 0xA1 last track, 0xA2 lead-out start) at running time `running`. */
void cd_subq_toc(uint8_t q[CD_Q_BYTES], uint8_t control, uint8_t point, cd_msf running, cd_msf pointer);
/* ADR 2: 13 decimal digits; 0 when mcn is not 13 digits. aframe: absolute frame. */
int cd_subq_mcn(uint8_t q[CD_Q_BYTES], uint8_t control, const char *mcn, uint8_t aframe);
/* ADR 3: CCOOOYYSSSSS (2 country + 3 owner letters/digits, 7 digits); 0 when malformed. */
int cd_subq_isrc(uint8_t q[CD_Q_BYTES], uint8_t control, const char *isrc, uint8_t aframe);
/* Decode ADR 2 / ADR 3 back to text (14 / 13 bytes with the terminator); 0 if not that ADR. */
int cd_subq_get_mcn(const uint8_t q[CD_Q_BYTES], char out[14]);
int cd_subq_get_isrc(const uint8_t q[CD_Q_BYTES], char out[13]);
int cd_isrc_valid(const char *isrc);
int cd_mcn_valid(const char *mcn);

/* Sub-channel packing of one sector:
 *  - 16-byte P-Q (MMC data block type 1): Q's 12 bytes, 3 zero bytes, P in bit 7 of the last;
 *  - 96-byte raw P-W (block type 3): byte i holds P (bit 7), Q bit i (bit 6), R-W (bits 5..0)
 *    from rw[i] (NULL: zero). */
void cd_sub_pack_pq16(uint8_t out[16], int p, const uint8_t q[CD_Q_BYTES]);
void cd_sub_pack_pw96(uint8_t out[CD_SUBCODE_BYTES], int p, const uint8_t q[CD_Q_BYTES], const uint8_t *rw);
/* Q back out of a 96-byte P-W block. */
void cd_sub_unpack_q(const uint8_t pw[CD_SUBCODE_BYTES], uint8_t q[CD_Q_BYTES]);

#endif
