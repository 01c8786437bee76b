/* MODE SENSE(10) response parsing: the 8-byte header, skipping block
 * descriptors, walking pages, and the two pages IMAPI interprets itself
 * (2Ah capabilities, 05h write parameters). */
#include <string.h>
#include "mmc_parse.h"
#include "mmc_parse_util.h"

int32_t mmc_parse_mode_header(const uint8_t *buf, size_t n, mmc_mode_header *out)
{
    memset(out, 0, sizeof(*out));
    if (!buf || n < MMC_MODE_HEADER10_LEN)
        return MMC_BAD_RESPONSE;
    out->mode_data_length = get_be16(buf);
    out->medium_type = buf[2];
    out->device_specific = buf[3];
    out->block_desc_length = get_be16(buf + 6);
    /* The mode data length counts from byte 2 and must cover the rest of the
     * header and the block descriptors it announces. */
    if ((size_t)out->mode_data_length + 2 < MMC_MODE_HEADER10_LEN + (size_t)out->block_desc_length)
        return MMC_BAD_RESPONSE;
    return 0;
}

typedef struct page_walk
{
    const uint8_t *buf;
    size_t pos, end;
    int cut;
} page_walk;

static int32_t walk_init(page_walk *w, const uint8_t *buf, size_t n)
{
    mmc_mode_header h;
    int32_t hr = mmc_parse_mode_header(buf, n, &h);

    if (hr)
        return hr;
    w->buf = buf;
    w->end = mmc_declared_end(n, 2, h.mode_data_length, &w->cut);
    w->pos = MMC_MODE_HEADER10_LEN + (size_t)h.block_desc_length;
    if (w->pos > w->end)
        w->pos = w->end;                  /* descriptors cut by the transfer: no pages */
    return 0;
}

/* 1 with the page at *page (whole, header included); 0 at the end; or malformed. */
static int32_t walk_next(page_walk *w, const uint8_t **page, size_t *len, int *subpage_format)
{
    const uint8_t *p;
    size_t left, need;

    if (w->pos >= w->end)
        return 0;
    p = w->buf + w->pos;
    left = w->end - w->pos;
    *subpage_format = (p[0] & 0x40) != 0;
    if (left < (*subpage_format ? 4u : 2u))
        need = (size_t)-1;
    else
        need = *subpage_format ? 4 + (size_t)get_be16(p + 2) : 2 + (size_t)p[1];
    if (need > left)
    {
        if (!w->cut)
            return MMC_BAD_RESPONSE;
        w->pos = w->end;
        return 0;
    }
    *page = p;
    *len = need;
    w->pos += need;
    return 1;
}

int32_t mmc_mode_find_page(const uint8_t *buf, size_t n, uint8_t page_code,
                           const uint8_t **page, size_t *page_len)
{
    page_walk w;
    int spf;
    int32_t r = walk_init(&w, buf, n);

    *page = NULL;
    *page_len = 0;
    if (r)
        return r;
    while ((r = walk_next(&w, page, page_len, &spf)) == 1)
        if (!spf && ((*page)[0] & 0x3F) == (page_code & 0x3F))
            return 0;
    *page = NULL;
    *page_len = 0;
    return r < 0 ? r : E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE;
}

int32_t mmc_mode_list_pages(const uint8_t *buf, size_t n, uint8_t *codes, size_t cap, size_t *count)
{
    page_walk w;
    const uint8_t *page;
    size_t len, k = 0;
    int spf;
    int32_t r = walk_init(&w, buf, n);

    *count = 0;
    if (r)
        return r;
    while ((r = walk_next(&w, &page, &len, &spf)) == 1)
    {
        if (spf)
            continue;                     /* IMAPI's page list has no sub-pages */
        if (k < cap)
            codes[k] = page[0] & 0x3F;
        k++;
    }
    if (r < 0)
        return r;
    *count = k;
    return 0;
}

/* How much of a page may be read: its own length field and what we hold. */
static size_t page_avail(const uint8_t *page, size_t page_len)
{
    size_t declared;

    if (!page || page_len < 2)
        return 0;
    declared = 2 + (size_t)page[1];
    return declared < page_len ? declared : page_len;
}

int32_t mmc_parse_caps_page(const uint8_t *p, size_t page_len, mmc_caps_page *out)
{
    size_t avail = page_avail(p, page_len);

    memset(out, 0, sizeof(*out));
    /* Through the current read speed (bytes 14..15): every MMC drive's page has it. */
    if (avail < 16 || (p[0] & 0x3F) != MMC_MODE_PAGE_LEGACY_CAPABILITIES)
        return MMC_BAD_RESPONSE;
    out->read_dvdram = (p[2] & 0x20) != 0;
    out->read_dvdr = (p[2] & 0x10) != 0;
    out->read_dvdrom = (p[2] & 0x08) != 0;
    out->read_cdrw = (p[2] & 0x02) != 0;
    out->read_cdr = (p[2] & 0x01) != 0;
    out->write_dvdram = (p[3] & 0x20) != 0;
    out->write_dvdr = (p[3] & 0x10) != 0;
    out->test_write = (p[3] & 0x04) != 0;
    out->write_cdrw = (p[3] & 0x02) != 0;
    out->write_cdr = (p[3] & 0x01) != 0;
    out->buffer_underrun_free = (p[4] & 0x80) != 0;
    out->multisession = (p[4] & 0x40) != 0;
    out->loading_mechanism = p[6] >> 5;
    out->can_eject = (p[6] & 0x08) != 0;
    out->locked = (p[6] & 0x02) != 0;
    out->can_lock = (p[6] & 0x01) != 0;
    out->max_read_speed = get_be16(p + 8);
    out->buffer_size_kb = get_be16(p + 12);
    out->current_read_speed = get_be16(p + 14);
    if (avail >= 22)
    {
        out->has_write_speeds = 1;
        out->max_write_speed = get_be16(p + 18);
        out->current_write_speed = get_be16(p + 20);
    }
    if (avail >= 30)
        out->current_write_speed_selected = get_be16(p + 28);
    if (avail >= 32)
    {
        size_t present = (avail - 32) / 4, declared = get_be16(p + 30);
        /* Trust only the descriptors actually inside the page. */
        out->write_speed_descriptors = (uint16_t)(declared < present ? declared : present);
    }
    return 0;
}

int32_t mmc_caps_write_speed(const uint8_t *p, size_t page_len, size_t i, uint16_t *kbps, uint8_t *rotation)
{
    mmc_caps_page caps;
    int32_t hr = mmc_parse_caps_page(p, page_len, &caps);

    *kbps = 0;
    *rotation = 0;
    if (hr)
        return hr;
    if (i >= caps.write_speed_descriptors)
        return MMC_BAD_RESPONSE;
    *rotation = p[32 + 4 * i + 1] & 0x07;
    *kbps = get_be16(p + 32 + 4 * i + 2);
    return 0;
}

int32_t mmc_parse_write_params(const uint8_t *p, size_t page_len, mmc_write_params *out)
{
    size_t avail = page_avail(p, page_len);

    memset(out, 0, sizeof(*out));
    if (avail < 16 || (p[0] & 0x3F) != MMC_MODE_PAGE_WRITE_PARAMETERS)
        return MMC_BAD_RESPONSE;
    out->buffer_underrun_free = (p[2] & 0x40) != 0;
    out->ls_valid = (p[2] & 0x20) != 0;
    out->test_write = (p[2] & 0x10) != 0;
    out->write_type = p[2] & 0x0F;
    out->multisession = p[3] >> 6;
    out->fixed_packet = (p[3] & 0x20) != 0;
    out->copy = (p[3] & 0x10) != 0;
    out->track_mode = p[3] & 0x0F;
    out->data_block_type = p[4] & 0x0F;
    out->link_size = p[5];
    out->host_application_code = p[7] & 0x3F;
    out->session_format = p[8];
    out->packet_size = get_be32(p + 10);
    out->audio_pause_length = get_be16(p + 14);
    return 0;
}
