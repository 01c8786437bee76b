/* Explicit byte order for on-disc and on-wire fields: MMC is big-endian throughout,
 * ECMA-119/167 mix little-endian and both-endian fields. Never host order or
 * alignment dependent. The one definition of these helpers in the core. */
#ifndef IMAPI_BYTEORDER_H
#define IMAPI_BYTEORDER_H

#include <stdint.h>

static inline uint16_t get_be16(const uint8_t *p) { return (uint16_t)(((unsigned)p[0] << 8) | p[1]); }
static inline uint32_t get_be24(const uint8_t *p)
{
    return ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
}
static inline uint32_t get_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static inline uint16_t get_le16(const uint8_t *p) { return (uint16_t)(p[0] | ((unsigned)p[1] << 8)); }
static inline uint32_t get_le32(const uint8_t *p)
{
    return p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline void put_be16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void put_be24(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 16); p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)v;
}
static inline void put_be32(uint8_t *p, uint32_t v) { put_be16(p, v >> 16); put_be16(p + 2, v & 0xffff); }
static inline void put_le16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void put_le32(uint8_t *p, uint32_t v) { put_le16(p, v & 0xffff); put_le16(p + 2, v >> 16); }
/* ECMA-119 7.2.3 / 7.3.3: little-endian copy followed by the big-endian one. */
static inline void put_both16(uint8_t *p, uint32_t v) { put_le16(p, v); put_be16(p + 2, v); }
static inline void put_both32(uint8_t *p, uint32_t v) { put_le32(p, v); put_be32(p + 4, v); }

#endif
