/* Parsers for INQUIRY, GET CONFIGURATION, GET EVENT STATUS NOTIFICATION, disc and
 * track information, capacities, disc structures, performance, buffer capacity
 * and sense data. TOC and mode pages live in mmc_parse_toc.c / mmc_parse_mode.c. */
#include <string.h>
#include "mmc_parse.h"
#include "mmc_parse_util.h"
#include "mmc_hresult.h"

/* Copies a fixed-width ASCII field, turning anything unprintable into a blank and
 * dropping trailing blanks: drives pad with spaces and sometimes with NULs. */
static void copy_trimmed(char *dst, const uint8_t *src, size_t width)
{
    size_t i, len = 0;

    for (i = 0; i < width; i++)
    {
        dst[i] = (src[i] >= 0x20 && src[i] < 0x7F) ? (char)src[i] : ' ';
        if (dst[i] != ' ')
            len = i + 1;
    }
    dst[len] = 0;
}

int32_t mmc_parse_inquiry(const uint8_t *buf, size_t n, mmc_inquiry *out)
{
    memset(out, 0, sizeof(*out));
    /* The identification strings end at byte 35; Additional Length (byte 4)
     * counts from byte 5, so it must cover them too. */
    if (!buf || n < MMC_INQUIRY_MIN_LEN || (size_t)buf[4] + 5 < MMC_INQUIRY_MIN_LEN)
        return MMC_BAD_RESPONSE;
    out->peripheral_qualifier = buf[0] >> 5;
    out->peripheral_type = buf[0] & 0x1F;
    out->removable = (buf[1] & 0x80) != 0;
    copy_trimmed(out->vendor, buf + 8, 8);
    copy_trimmed(out->product, buf + 16, 16);
    copy_trimmed(out->revision, buf + 32, 4);
    return 0;
}

/* ---- GET CONFIGURATION ---- */

#define CONFIG_HEADER_LEN 8

int32_t mmc_parse_config_header(const uint8_t *buf, size_t n, mmc_config_header *out)
{
    memset(out, 0, sizeof(*out));
    if (!buf || n < CONFIG_HEADER_LEN)
        return MMC_BAD_RESPONSE;
    out->data_length = get_be32(buf);
    /* The length counts from byte 4, so the rest of the header is part of it. */
    if (out->data_length < CONFIG_HEADER_LEN - 4)
        return MMC_BAD_RESPONSE;
    out->current_profile = get_be16(buf + 6);
    return 0;
}

int32_t mmc_feature_iter_init(mmc_feature_iter *it, const uint8_t *buf, size_t n)
{
    mmc_config_header h;
    int32_t hr = mmc_parse_config_header(buf, n, &h);

    memset(it, 0, sizeof(*it));
    if (hr)
        return hr;
    it->buf = buf;
    it->pos = CONFIG_HEADER_LEN;
    it->end = mmc_declared_end(n, 4, h.data_length, &it->cut_by_transfer);
    return 0;
}

int32_t mmc_feature_iter_next(mmc_feature_iter *it, mmc_feature_desc *out)
{
    const uint8_t *d;
    size_t left;

    if (!it->buf || it->pos >= it->end)
        return 0;
    left = it->end - it->pos;
    d = it->buf + it->pos;
    if (left < 4 || left < 4 + (size_t)d[3])
    {
        /* A descriptor cut by our allocation length ends the walk quietly; one that
         * overruns the drive's own data length is a malformed response. */
        if (!it->cut_by_transfer)
            return MMC_BAD_RESPONSE;
        it->truncated = 1;
        it->pos = it->end;
        return 0;
    }
    memset(out, 0, sizeof(*out));
    out->code = get_be16(d);
    out->version = (d[2] >> 2) & 0x0F;
    out->persistent = (d[2] & 0x02) != 0;
    out->current = (d[2] & 0x01) != 0;
    out->additional_length = d[3];
    out->data = d + 4;
    out->raw = d;
    out->raw_len = 4 + (size_t)d[3];
    it->pos += out->raw_len;
    return 1;
}

int32_t mmc_config_find_feature(const uint8_t *buf, size_t n, uint16_t code, mmc_feature_desc *out)
{
    mmc_feature_iter it;
    int32_t r = mmc_feature_iter_init(&it, buf, n);

    if (r)
        return r;
    while ((r = mmc_feature_iter_next(&it, out)) == 1)
        if (out->code == code)
            return 0;
    return r < 0 ? r : E_IMAPI_RECORDER_NO_SUCH_FEATURE;
}

int32_t mmc_parse_profile_list(const mmc_feature_desc *f, mmc_profile_entry *out, size_t *count)
{
    size_t i, k;

    *count = 0;
    /* Profile descriptors are 4 bytes each; a ragged length is malformed. */
    if (!f || f->code != MMC_FEATURE_PROFILE_LIST || f->additional_length % 4)
        return MMC_BAD_RESPONSE;
    k = f->additional_length / 4;
    for (i = 0; i < k; i++)
    {
        out[i].profile = get_be16(f->data + 4 * i);
        out[i].current = (f->data[4 * i + 2] & 0x01) != 0;
    }
    *count = k;
    return 0;
}

/* ---- GET EVENT STATUS NOTIFICATION ---- */

int32_t mmc_parse_event_status(const uint8_t *buf, size_t n, mmc_event_status *out)
{
    uint16_t len;

    memset(out, 0, sizeof(*out));
    if (!buf || n < 4)
        return MMC_BAD_RESPONSE;
    len = get_be16(buf);                 /* bytes following the length field */
    out->no_event_available = (buf[2] & 0x80) != 0;
    out->notification_class = buf[2] & 0x07;
    out->supported_classes = buf[3];
    if (len < 2)
        return MMC_BAD_RESPONSE;
    if (out->no_event_available || out->notification_class != MMC_GESN_NOTIFICATION_MEDIA)
        return 0;
    /* Media event descriptor: event code, media status, start slot, end slot. */
    if (len < 6 || n < 8)
        return MMC_BAD_RESPONSE;
    out->has_media = 1;
    out->media_event_code = buf[4] & 0x0F;
    out->tray_open = (buf[5] & 0x01) != 0;
    out->media_present = (buf[5] & 0x02) != 0;
    return 0;
}

/* ---- READ DISC INFORMATION ---- */

int32_t mmc_parse_disc_info(const uint8_t *buf, size_t n, mmc_disc_info *out)
{
    size_t avail;
    int cut;

    memset(out, 0, sizeof(*out));
    if (!buf || n < 2)
        return MMC_BAD_RESPONSE;
    avail = mmc_declared_end(n, 2, get_be16(buf), &cut);
    /* Everything up to the last-track-in-last-session MSB (byte 11) is required:
     * without it the session/track counts would be wrong for > 255 tracks. */
    if (avail < 12 || (buf[2] >> 5) != 0)
        return MMC_BAD_RESPONSE;
    out->erasable = (buf[2] & 0x10) != 0;
    out->last_session_state = (enum mmc_session_state)((buf[2] >> 2) & 0x03);
    out->disc_status = (enum mmc_disc_status)(buf[2] & 0x03);
    out->first_track = buf[3];
    out->sessions = (uint16_t)(buf[9] << 8 | buf[4]);
    out->first_track_last_session = (uint16_t)(buf[10] << 8 | buf[5]);
    out->last_track_last_session = (uint16_t)(buf[11] << 8 | buf[6]);
    out->bg_format_status = buf[7] & 0x03;
    out->disc_type = buf[8];
    if (avail >= 24)
    {
        out->has_addresses = 1;
        out->last_session_leadin_start = get_be32(buf + 16);
        out->last_possible_leadout_start = get_be32(buf + 20);
    }
    return 0;
}

int32_t mmc_disc_info_msf_to_lba(uint32_t field, int32_t *lba)
{
    *lba = 0;
    if (field >> 24)
        return MMC_BAD_RESPONSE;
    if (mmc_msf_to_lba((uint8_t)(field >> 16), (uint8_t)(field >> 8), (uint8_t)field, lba))
        return MMC_BAD_RESPONSE;
    return 0;
}

/* ---- READ TRACK INFORMATION ---- */

int32_t mmc_parse_track_info(const uint8_t *buf, size_t n, mmc_track_info *out)
{
    size_t avail;
    int cut;

    memset(out, 0, sizeof(*out));
    if (!buf || n < 2)
        return MMC_BAD_RESPONSE;
    avail = mmc_declared_end(n, 2, get_be16(buf), &cut);
    if (avail < 28)                       /* through Track Size */
        return MMC_BAD_RESPONSE;
    out->track = buf[2];
    out->session = buf[3];
    out->damage = (buf[5] & 0x20) != 0;
    out->copy = (buf[5] & 0x10) != 0;
    out->track_mode = buf[5] & 0x0F;
    out->reserved_track = (buf[6] & 0x80) != 0;
    out->blank = (buf[6] & 0x40) != 0;
    out->packet = (buf[6] & 0x20) != 0;
    out->fixed_packet = (buf[6] & 0x10) != 0;
    out->data_mode = buf[6] & 0x0F;
    out->lra_valid = (buf[7] & 0x02) != 0;
    out->nwa_valid = (buf[7] & 0x01) != 0;
    out->track_start = get_be32(buf + 8);
    out->next_writable = get_be32(buf + 12);
    out->free_blocks = get_be32(buf + 16);
    out->packet_size = get_be32(buf + 20);
    out->track_size = get_be32(buf + 24);
    if (avail >= 32)
        out->last_recorded = get_be32(buf + 28);
    else
        out->lra_valid = 0;
    if (avail >= 34)
    {
        out->track |= (uint16_t)(buf[32] << 8);
        out->session |= (uint16_t)(buf[33] << 8);
    }
    return 0;
}

/* ---- READ CAPACITY ---- */

int32_t mmc_parse_read_capacity(const uint8_t *buf, size_t n, uint32_t *last_lba, uint32_t *block_len)
{
    *last_lba = 0;
    *block_len = 0;
    if (!buf || n < 8)
        return MMC_BAD_RESPONSE;
    *last_lba = get_be32(buf);
    *block_len = get_be32(buf + 4);
    return 0;
}

/* ---- READ FORMAT CAPACITIES ---- */

int32_t mmc_parse_format_capacities(const uint8_t *buf, size_t n, mmc_format_capacity *current,
                                    mmc_format_capacity *out, size_t cap, size_t *count)
{
    size_t list_len, avail, i, k;

    memset(current, 0, sizeof(*current));
    *count = 0;
    if (!buf || n < 12)
        return MMC_BAD_RESPONSE;
    list_len = buf[3];
    /* At least the current/maximum descriptor, and whole 8-byte descriptors only. */
    if (list_len < 8 || list_len % 8)
        return MMC_BAD_RESPONSE;
    avail = n < 4 + list_len ? n : 4 + list_len;
    current->blocks = get_be32(buf + 4);
    current->type = buf[8] & 0x03;
    current->parameter = get_be24(buf + 9);
    k = (avail - 12) / 8;
    for (i = 0; i < k; i++)
    {
        const uint8_t *d = buf + 12 + 8 * i;
        if (i < cap)
        {
            out[i].blocks = get_be32(d);
            out[i].type = d[4] >> 2;
            out[i].parameter = get_be24(d + 5);
        }
    }
    *count = k;
    return 0;
}

/* ---- READ DISC STRUCTURE ---- */

int32_t mmc_parse_structure_payload(const uint8_t *buf, size_t n, const uint8_t **data, size_t *len)
{
    size_t avail;
    int cut;

    *data = NULL;
    *len = 0;
    if (!buf || n < 4 || get_be16(buf) < 2)
        return MMC_BAD_RESPONSE;
    avail = mmc_declared_end(n, 2, get_be16(buf), &cut);
    *data = buf + 4;
    *len = avail - 4;
    return 0;
}

int32_t mmc_parse_dvd_physical(const uint8_t *buf, size_t n, mmc_dvd_physical *out)
{
    const uint8_t *d;
    size_t len;
    int32_t hr = mmc_parse_structure_payload(buf, n, &d, &len);

    memset(out, 0, sizeof(*out));
    if (hr)
        return hr;
    if (len < 16)                         /* through End Sector Number in Layer 0 */
        return MMC_BAD_RESPONSE;
    out->book_type = d[0] >> 4;
    out->part_version = d[0] & 0x0F;
    out->disc_size = d[1] >> 4;
    out->max_rate = d[1] & 0x0F;
    out->layers = (uint8_t)(((d[2] >> 5) & 0x03) + 1);
    out->opposite_track_path = (d[2] & 0x10) != 0;
    out->layer_type = d[2] & 0x0F;
    out->data_start_psn = get_be24(d + 5);
    out->data_end_psn = get_be24(d + 9);
    out->layer0_end_psn = get_be24(d + 13);
    return 0;
}

int32_t mmc_parse_bd_disc_info(const uint8_t *buf, size_t n, mmc_bd_disc_info *out)
{
    const uint8_t *d;
    size_t len;
    int32_t hr = mmc_parse_structure_payload(buf, n, &d, &len);

    memset(out, 0, sizeof(*out));
    if (hr)
        return hr;
    /* First DI unit: "DI" identifier, then at bytes 8..10 the disc type
     * identifier and at byte 11 size/class/version. */
    if (len < 12 || d[0] != 'D' || d[1] != 'I')
        return MMC_BAD_RESPONSE;
    memcpy(out->disc_type_id, d + 8, 3);
    out->disc_type_id[3] = 0;
    out->disc_size = d[11] >> 6;
    out->disc_class = (d[11] >> 4) & 0x03;
    out->version = d[11] & 0x0F;
    return 0;
}

/* ---- GET PERFORMANCE ---- */

/* Header: 4-byte Performance Data Length (counting from byte 4), Write/Except
 * byte, 3 reserved; then 16-byte descriptors. Returns the number present. */
static int32_t perf_descriptors(const uint8_t *buf, size_t n, size_t *k)
{
    uint32_t len;
    size_t avail;
    int cut;

    *k = 0;
    if (!buf || n < 8)
        return MMC_BAD_RESPONSE;
    len = get_be32(buf);
    if (len < 4 || (len - 4) % 16)
        return MMC_BAD_RESPONSE;
    avail = mmc_declared_end(n, 4, len, &cut);
    *k = (avail - 8) / 16;
    return 0;
}

int32_t mmc_parse_write_speeds(const uint8_t *buf, size_t n, mmc_write_speed_desc *out,
                               size_t cap, size_t *count)
{
    size_t i, k;
    int32_t hr = perf_descriptors(buf, n, &k);

    *count = 0;
    if (hr)
        return hr;
    for (i = 0; i < k && i < cap; i++)
    {
        const uint8_t *d = buf + 8 + 16 * i;
        out[i].wrc = (d[0] >> 3) & 0x03;
        out[i].rdd = (d[0] & 0x04) != 0;
        out[i].exact = (d[0] & 0x02) != 0;
        out[i].mrw = (d[0] & 0x01) != 0;
        out[i].end_lba = get_be32(d + 4);
        out[i].read_kbps = get_be32(d + 8);
        out[i].write_kbps = get_be32(d + 12);
    }
    *count = k;
    return 0;
}

int32_t mmc_parse_performance(const uint8_t *buf, size_t n, int *write, mmc_performance_desc *out,
                              size_t cap, size_t *count)
{
    size_t i, k;
    int32_t hr = perf_descriptors(buf, n, &k);

    *count = 0;
    *write = 0;
    if (hr)
        return hr;
    *write = (buf[4] & 0x02) != 0;
    for (i = 0; i < k && i < cap; i++)
    {
        const uint8_t *d = buf + 8 + 16 * i;
        out[i].start_lba = get_be32(d);
        out[i].start_kbps = get_be32(d + 4);
        out[i].end_lba = get_be32(d + 8);
        out[i].end_kbps = get_be32(d + 12);
    }
    *count = k;
    return 0;
}

/* ---- READ BUFFER CAPACITY ---- */

int32_t mmc_parse_buffer_capacity(const uint8_t *buf, size_t n, uint32_t *buffer_len, uint32_t *blank_len)
{
    *buffer_len = 0;
    *blank_len = 0;
    if (!buf || n < 12 || get_be16(buf) < 10)
        return MMC_BAD_RESPONSE;
    *buffer_len = get_be32(buf + 4);
    *blank_len = get_be32(buf + 8);
    /* The free part of a buffer cannot exceed the buffer. */
    if (*blank_len > *buffer_len)
        return MMC_BAD_RESPONSE;
    return 0;
}

/* ---- Sense data ---- */

int32_t mmc_parse_sense(const uint8_t *buf, size_t n, mmc_sense *out)
{
    uint8_t code;

    memset(out, 0, sizeof(*out));
    if (!buf || n < 8)
        return MMC_BAD_RESPONSE;
    code = buf[0] & 0x7F;
    out->response_code = code;
    out->deferred = (code == 0x71 || code == 0x73);
    if (code == 0x70 || code == 0x71)
    {
        out->key = buf[2] & 0x0F;
        /* ASC/ASCQ sit at bytes 12/13 and exist only if Additional Length (from
         * byte 8) reaches them; a shorter fixed sense carries only the key. */
        if ((size_t)buf[7] + 8 >= 14 && n >= 14)
        {
            out->asc = buf[12];
            out->ascq = buf[13];
        }
        return 0;
    }
    if (code == 0x72 || code == 0x73)
    {
        out->key = buf[1] & 0x0F;
        out->asc = buf[2];
        out->ascq = buf[3];
        return 0;
    }
    return MMC_BAD_RESPONSE;
}
