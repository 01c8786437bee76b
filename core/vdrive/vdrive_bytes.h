/* Explicit big-endian field accessors for CDBs and response layouts (MMC is big-endian
 * throughout). */
#ifndef IMAPI_VDRIVE_BYTES_H
#define IMAPI_VDRIVE_BYTES_H

#include <stdint.h>

static inline uint16_t vd_get16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }
static inline uint32_t vd_get24(const uint8_t *p) { return ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2]; }
static inline uint32_t vd_get32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline void vd_put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void vd_put24(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 16); p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)v; }
static inline void vd_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* CD addressing: LBA 0 = MSF 00:02:00; LBAs from 90:00:00 upward wrap negative (lead-in). */
static inline void vd_lba_to_msf(int32_t lba, uint8_t *m, uint8_t *s, uint8_t *f)
{
    int32_t v = lba >= -150 ? lba + 150 : lba + 450150;
    *m = (uint8_t)(v / (60 * 75));
    *s = (uint8_t)(v / 75 % 60);
    *f = (uint8_t)(v % 75);
}
static inline int32_t vd_msf_to_lba(uint8_t m, uint8_t s, uint8_t f)
{
    int32_t v = ((int32_t)m * 60 + s) * 75 + f;
    return m >= 90 ? v - 450150 : v - 150;
}

#endif
