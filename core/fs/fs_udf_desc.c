/* ECMA-167 / OSTA UDF descriptor helpers (see fs_udf_desc.h). */
#include <string.h>
#include "fs_udf_desc.h"

void fs_udf_vrs(uint8_t *sector, const char *id5)
{
    sector[0] = 0;                                /* Structure Type (2/9.1.1) */
    memcpy(sector + 1, id5, 5);                   /* Standard Identifier */
    sector[6] = 1;                                /* Structure Version */
}

/* ---- tag ---- */

uint16_t fs_udf_crc(const uint8_t *p, size_t len)
{
    static uint16_t table[256];
    static int ready;
    uint16_t crc = 0;
    size_t i;
    if (!ready)
    {
        unsigned n, b;
        for (n = 0; n < 256; n++)
        {
            uint16_t c = (uint16_t)(n << 8);
            for (b = 0; b < 8; b++) c = (uint16_t)((c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1);
            table[n] = c;
        }
        ready = 1;   /* the same values from any thread: a benign race */
    }
    for (i = 0; i < len; i++) crc = (uint16_t)((crc << 8) ^ table[((crc >> 8) ^ p[i]) & 0xff]);
    return crc;
}

uint8_t fs_udf_tag_checksum(const uint8_t *d)
{
    unsigned i, sum = 0;
    for (i = 0; i < FS_UDF_TAG_SIZE; i++)
        if (i != FS_UDF_TAG_CHECKSUM) sum += d[i];
    return (uint8_t)sum;
}

void fs_udf_tag_finish(uint8_t *d, uint16_t ident, uint16_t version, uint16_t serial, uint32_t location,
                       uint16_t crc_len)
{
    put_le16(d + FS_UDF_TAG_IDENT, ident);
    put_le16(d + FS_UDF_TAG_VERSION, version);
    d[5] = 0;                                     /* Reserved */
    put_le16(d + FS_UDF_TAG_SERIAL, serial);
    put_le16(d + FS_UDF_TAG_CRC, fs_udf_crc(d + FS_UDF_TAG_SIZE, crc_len));
    put_le16(d + FS_UDF_TAG_CRC_LEN, crc_len);
    put_le32(d + FS_UDF_TAG_LOCATION, location);
    d[FS_UDF_TAG_CHECKSUM] = fs_udf_tag_checksum(d);
}

void fs_udf_tag_read(const uint8_t *d, fs_udf_tag *out)
{
    out->ident = get_le16(d + FS_UDF_TAG_IDENT);
    out->version = get_le16(d + FS_UDF_TAG_VERSION);
    out->checksum = d[FS_UDF_TAG_CHECKSUM];
    out->serial = get_le16(d + FS_UDF_TAG_SERIAL);
    out->crc = get_le16(d + FS_UDF_TAG_CRC);
    out->crc_len = get_le16(d + FS_UDF_TAG_CRC_LEN);
    out->location = get_le32(d + FS_UDF_TAG_LOCATION);
}

int fs_udf_tag_verify(const uint8_t *d, size_t avail, uint32_t location, uint16_t expect_ident)
{
    fs_udf_tag t;
    if (avail < FS_UDF_TAG_SIZE) return FS_UDF_TAG_TRUNCATED;
    fs_udf_tag_read(d, &t);
    if (t.checksum != fs_udf_tag_checksum(d)) return FS_UDF_TAG_BAD_CHECKSUM;
    if (expect_ident && t.ident != expect_ident) return FS_UDF_TAG_BAD_IDENT;
    if (t.location != location) return FS_UDF_TAG_BAD_LOCATION;
    if ((size_t)t.crc_len + FS_UDF_TAG_SIZE > avail) return FS_UDF_TAG_TRUNCATED;
    if (fs_udf_crc(d + FS_UDF_TAG_SIZE, t.crc_len) != t.crc) return FS_UDF_TAG_BAD_CRC;
    return FS_UDF_TAG_OK;
}

/* ---- timestamps ---- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void fs_udf_put_timestamp(uint8_t *p, fs_time t)
{
    fs_civil_time c;
    int64_t rem = t % FS_TIME_TICKS_PER_SEC;
    if (rem < 0) rem += FS_TIME_TICKS_PER_SEC;
    fs_time_to_civil(t, &c);
    if (c.year < 1) { c.year = 1; c.month = 1; c.day = 1; c.hour = c.minute = c.second = 0; rem = 0; }
    if (c.year > 9999) { c.year = 9999; c.month = 12; c.day = 31; c.hour = 23; c.minute = 59; c.second = 59; rem = 0; }
    put_le16(p, (1u << 12) | 0u);                 /* Type 1 (local time), offset 0 minutes: UTC */
    put_le16(p + 2, (uint32_t)c.year);
    p[4] = (uint8_t)c.month;
    p[5] = (uint8_t)c.day;
    p[6] = (uint8_t)c.hour;
    p[7] = (uint8_t)c.minute;
    p[8] = (uint8_t)c.second;
    p[9] = (uint8_t)(rem / 100000);               /* Centiseconds */
    p[10] = (uint8_t)(rem / 1000 % 100);          /* Hundreds of Microseconds */
    p[11] = (uint8_t)(rem / 10 % 100);            /* Microseconds */
}

fs_time fs_udf_get_timestamp(const uint8_t *p)
{
    uint16_t tz = get_le16(p);
    int offset = tz & 0x0fff;
    int64_t secs;
    if (offset & 0x800) offset -= 0x1000;         /* 12-bit two's complement */
    if (offset == -2047 || (tz >> 12) != 1) offset = 0;
    /* Years a reader cannot turn into FILETIME ticks (corrupt input): the epoch. */
    if ((int16_t)get_le16(p + 2) < 1 || (int16_t)get_le16(p + 2) > 9999) return fs_time_from_unix(0);
    secs = days_from_civil((int16_t)get_le16(p + 2), p[4], p[5]) * 86400 + p[6] * 3600 + p[7] * 60 + p[8];
    secs -= (int64_t)offset * 60;                 /* local time minus its offset is UTC */
    return fs_time_from_unix(secs) + p[9] * 100000LL + p[10] * 1000LL + p[11] * 10LL;
}

/* ---- character sets ---- */

void fs_udf_put_charspec(uint8_t *p)
{
    static const char osta[] = "OSTA Compressed Unicode";
    memset(p, 0, FS_UDF_CHARSPEC_SIZE);
    p[0] = 0;                                     /* CS0 */
    memcpy(p + 1, osta, sizeof(osta) - 1);
}

int fs_udf_charspec_is_osta(const uint8_t *p)
{
    return p[0] == 0 && !memcmp(p + 1, "OSTA Compressed Unicode", 23);
}

static int needs16(const uint16_t *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (s[i] > 0xff) return 1;
    return 0;
}

size_t fs_udf_cs0_size(const uint16_t *name, size_t len)
{
    return 1 + (needs16(name, len) ? 2 * len : len);
}

size_t fs_udf_cs0_encode(const uint16_t *name, size_t len, uint8_t *out, size_t cap)
{
    size_t i, need = fs_udf_cs0_size(name, len);
    int wide = needs16(name, len);
    if (need > cap) return 0;
    out[0] = wide ? 16 : 8;
    for (i = 0; i < len; i++)
    {
        if (wide) put_be16(out + 1 + 2 * i, name[i]);
        else out[1 + i] = (uint8_t)name[i];
    }
    return need;
}

size_t fs_udf_cs0_decode(const uint8_t *in, size_t bytes, uint16_t *out, size_t cap)
{
    size_t i, n;
    if (!bytes) return 0;
    if (in[0] == 8 || in[0] == 254) n = bytes - 1;
    else if (in[0] == 16 || in[0] == 255)
    {
        if ((bytes - 1) % 2) return SIZE_MAX;
        n = (bytes - 1) / 2;
    }
    else return SIZE_MAX;
    for (i = 0; i < n && i < cap; i++)
        out[i] = (in[0] == 8 || in[0] == 254) ? in[1 + i] : get_be16(in + 1 + 2 * i);
    return n;
}

size_t fs_udf_cs0_fit(const uint16_t *name, size_t len, size_t bytes)
{
    size_t n;
    if (bytes < 1) return 0;
    if (!needs16(name, len)) return len < bytes - 1 ? len : bytes - 1;
    n = (bytes - 1) / 2;
    if (n >= len) return len;
    /* The cut may leave only Latin-1 behind, which would compress to 8 bits: still fits. */
    if (n && name[n - 1] >= 0xd800 && name[n - 1] <= 0xdbff) n--;
    return n;
}

void fs_udf_put_dstring(uint8_t *p, size_t field, const uint16_t *s, size_t len)
{
    size_t n, used;
    memset(p, 0, field);
    if (!len || field < 2) return;
    n = fs_udf_cs0_fit(s, len, field - 1);
    used = fs_udf_cs0_encode(s, n, p, field - 1);
    p[field - 1] = (uint8_t)used;
}

void fs_udf_put_dstring_ascii(uint8_t *p, size_t field, const char *s)
{
    uint16_t buf[256];
    size_t n = 0;
    while (s[n] && n < 255) { buf[n] = (uint8_t)s[n]; n++; }
    fs_udf_put_dstring(p, field, buf, n);
}

size_t fs_udf_get_dstring(const uint8_t *p, size_t field, uint16_t *out, size_t cap)
{
    size_t used = p[field - 1];
    if (!used) return 0;
    if (used > field - 1) return SIZE_MAX;
    return fs_udf_cs0_decode(p, used, out, cap);
}

/* ---- regid ---- */

static void put_regid_id(uint8_t *p, const char *id)
{
    size_t n = strlen(id);
    memset(p, 0, FS_UDF_REGID_SIZE);
    memcpy(p + FS_UDF_REGID_ID, id, n > 23 ? 23 : n);
}

void fs_udf_put_regid_domain(uint8_t *p, const char *id, uint16_t revision)
{
    put_regid_id(p, id);
    put_le16(p + FS_UDF_REGID_SUFFIX, revision);
    p[FS_UDF_REGID_SUFFIX + 2] = 0;               /* Domain flags: no write protection */
}

void fs_udf_put_regid_udf(uint8_t *p, const char *id, uint16_t revision)
{
    put_regid_id(p, id);
    put_le16(p + FS_UDF_REGID_SUFFIX, revision);
    p[FS_UDF_REGID_SUFFIX + 2] = FS_UDF_OS_CLASS_WINNT;
    p[FS_UDF_REGID_SUFFIX + 3] = FS_UDF_OS_ID_WINNT;
}

void fs_udf_put_regid_impl(uint8_t *p, const char *id)
{
    put_regid_id(p, id);
    p[FS_UDF_REGID_SUFFIX] = FS_UDF_OS_CLASS_WINNT;
    p[FS_UDF_REGID_SUFFIX + 1] = FS_UDF_OS_ID_WINNT;
}

int fs_udf_regid_is(const uint8_t *p, const char *id)
{
    size_t n = strlen(id), i;
    if (n > 23 || memcmp(p + FS_UDF_REGID_ID, id, n)) return 0;
    for (i = n; i < 23; i++)
        if (p[FS_UDF_REGID_ID + i]) return 0;
    return 1;
}

/* ---- file entries ---- */

int fs_udf_fe_parse(const uint8_t *d, size_t avail, fs_udf_fe_info *out)
{
    uint16_t ident = get_le16(d);
    uint32_t fixed, lea, lad;
    if (avail < FS_UDF_EFE_FIXED && !(ident == FS_UDF_TAG_FE && avail >= FS_UDF_FE_FIXED)) return -1;
    memset(out, 0, sizeof(*out));
    out->extended = ident == FS_UDF_TAG_EFE;
    if (!out->extended && ident != FS_UDF_TAG_FE) return -1;
    out->file_type = d[FS_UDF_ICB_TAG + FS_UDF_ICB_FILE_TYPE];
    out->icb_flags = get_le16(d + FS_UDF_ICB_TAG + FS_UDF_ICB_FLAGS);
    out->info_length = get_le32(d + FS_UDF_FE_INFO_LENGTH) | (uint64_t)get_le32(d + FS_UDF_FE_INFO_LENGTH + 4) << 32;
    if (out->extended)
    {
        fixed = FS_UDF_EFE_FIXED;
        lea = get_le32(d + FS_UDF_EFE_LEN_EA);
        lad = get_le32(d + FS_UDF_EFE_LEN_AD);
        out->unique_id = get_le32(d + FS_UDF_EFE_UNIQUE_ID) | (uint64_t)get_le32(d + FS_UDF_EFE_UNIQUE_ID + 4) << 32;
        out->modification = fs_udf_get_timestamp(d + FS_UDF_EFE_MOD_TIME);
    }
    else
    {
        fixed = FS_UDF_FE_FIXED;
        lea = get_le32(d + FS_UDF_FE_LEN_EA);
        lad = get_le32(d + FS_UDF_FE_LEN_AD);
        out->unique_id = get_le32(d + FS_UDF_FE_UNIQUE_ID) | (uint64_t)get_le32(d + FS_UDF_FE_UNIQUE_ID + 4) << 32;
        out->modification = fs_udf_get_timestamp(d + FS_UDF_FE_MOD_TIME);
    }
    if ((uint64_t)fixed + lea + lad > avail) return -1;
    out->ad_offset = fixed + lea;
    out->ad_length = lad;
    return 0;
}
