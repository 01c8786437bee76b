/* READ TOC/PMA/ATIP response parsers: formats 0 (TOC), 1 (session info),
 * 2 (full TOC), 4 (ATIP) and 5 (CD-TEXT). All share a 4-byte header whose first
 * two bytes count the bytes that follow them. */
#include <string.h>
#include "mmc_parse.h"
#include "mmc_parse_util.h"

/* Validates the header and returns the readable end; desc_len > 0 requires the
 * declared descriptor area to be a whole number of descriptors. */
static int32_t toc_header(const uint8_t *buf, size_t n, size_t desc_len, mmc_toc_header *hdr, size_t *end)
{
    uint16_t dl;
    int cut;

    if (hdr)
        memset(hdr, 0, sizeof(*hdr));
    if (!buf || n < 4)
        return MMC_BAD_RESPONSE;
    dl = get_be16(buf);
    if (dl < 2 || (desc_len && (dl - 2) % desc_len))
        return MMC_BAD_RESPONSE;
    if (hdr)
    {
        hdr->data_length = dl;
        hdr->first = buf[2];
        hdr->last = buf[3];
    }
    *end = mmc_declared_end(n, 2, dl, &cut);
    return 0;
}

static int32_t msf_field_to_lba(const uint8_t *p, int32_t *lba)
{
    return mmc_msf_to_lba(p[0], p[1], p[2], lba) ? MMC_BAD_RESPONSE : 0;
}

int32_t mmc_parse_toc(const uint8_t *buf, size_t n, int msf, mmc_toc_header *hdr,
                      mmc_toc_track *out, size_t cap, size_t *count)
{
    size_t end, i, k;
    int32_t hr;

    *count = 0;
    if ((hr = toc_header(buf, n, 8, hdr, &end)))
        return hr;
    k = (end - 4) / 8;
    for (i = 0; i < k && i < cap; i++)
    {
        const uint8_t *d = buf + 4 + 8 * i;
        out[i].adr = d[1] >> 4;
        out[i].control = d[1] & 0x0F;
        out[i].track = d[2];
        if (msf)
        {
            if ((hr = msf_field_to_lba(d + 5, &out[i].lba)))
                return hr;
        }
        else
            out[i].lba = (int32_t)get_be32(d + 4);
    }
    *count = k;
    return 0;
}

int32_t mmc_parse_full_toc(const uint8_t *buf, size_t n, mmc_toc_header *hdr,
                           mmc_toc_full_entry *out, size_t cap, size_t *count)
{
    size_t end, i, k;
    int32_t hr;

    *count = 0;
    if ((hr = toc_header(buf, n, 11, hdr, &end)))
        return hr;
    k = (end - 4) / 11;
    for (i = 0; i < k && i < cap; i++)
    {
        const uint8_t *d = buf + 4 + 11 * i;
        out[i].session = d[0];
        out[i].adr = d[1] >> 4;
        out[i].control = d[1] & 0x0F;
        out[i].tno = d[2];
        out[i].point = d[3];
        out[i].atime.m = d[4];
        out[i].atime.s = d[5];
        out[i].atime.f = d[6];
        out[i].p.m = d[8];
        out[i].p.s = d[9];
        out[i].p.f = d[10];
    }
    *count = k;
    return 0;
}

int32_t mmc_full_toc_leadout(const mmc_toc_full_entry *e, size_t count, uint8_t session, int32_t *lba)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (e[i].session == session && e[i].adr == 1 && e[i].point == MMC_POINT_LEADOUT)
            return mmc_msf_to_lba(e[i].p.m, e[i].p.s, e[i].p.f, lba) ? MMC_BAD_RESPONSE : 0;
    return MMC_BAD_RESPONSE;
}

int32_t mmc_parse_atip(const uint8_t *buf, size_t n, mmc_atip *out)
{
    size_t end;
    int32_t hr;

    memset(out, 0, sizeof(*out));
    if ((hr = toc_header(buf, n, 0, NULL, &end)))
        return hr;
    if (end < 16)                         /* through the last possible lead-out time */
        return MMC_BAD_RESPONSE;
    out->writing_power = (buf[4] >> 4) & 0x07;
    out->reference_speed = buf[4] & 0x07;
    out->unrestricted_use = (buf[5] & 0x40) != 0;
    out->disc_type_rw = (buf[6] & 0x40) != 0;
    out->disc_subtype = (buf[6] >> 3) & 0x07;
    out->a1_valid = (buf[6] & 0x04) != 0;
    out->a2_valid = (buf[6] & 0x02) != 0;
    out->a3_valid = (buf[6] & 0x01) != 0;
    out->leadin_start.m = buf[8];
    out->leadin_start.s = buf[9];
    out->leadin_start.f = buf[10];
    out->last_leadout_start.m = buf[12];
    out->last_leadout_start.s = buf[13];
    out->last_leadout_start.f = buf[14];
    if ((hr = msf_field_to_lba(buf + 8, &out->leadin_start_lba)))
        return hr;
    return msf_field_to_lba(buf + 12, &out->last_leadout_start_lba);
}

int32_t mmc_parse_cdtext(const uint8_t *buf, size_t n, const uint8_t **packs, size_t *pack_count)
{
    size_t end;
    int32_t hr;

    *packs = NULL;
    *pack_count = 0;
    if ((hr = toc_header(buf, n, MMC_CDTEXT_PACK_LEN, NULL, &end)))
        return hr;
    *packs = buf + 4;
    *pack_count = (end - 4) / MMC_CDTEXT_PACK_LEN;
    return 0;
}
