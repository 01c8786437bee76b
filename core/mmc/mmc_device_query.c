/* Device layer queries: GET CONFIGURATION (profiles, features), MODE SENSE /
 * MODE SELECT pages and write speeds. */
#include <stdlib.h>
#include <string.h>
#include "mmc_device.h"
#include "mmc_device_util.h"

/* Largest single feature: 8-byte header + 4-byte descriptor header + 255 bytes. */
#define ONE_FEATURE_ALLOC (8 + 4 + 255)
/* GET CONFIGURATION allocation for whole lists (16-bit field, kept 8-aligned). */
#define FEATURE_LIST_ALLOC 0xFFF8

int32_t mmc_dev_get_current_profile(mmc_device *d, uint16_t *profile)
{
    uint8_t buf[8];
    mmc_config_header h;
    mmc_command c;
    int32_t hr;

    *profile = 0;
    mmc_cdb_get_configuration(&c, buf, sizeof(buf), MMC_RT_ONE, MMC_FEATURE_PROFILE_LIST);
    if ((hr = mmc_dev_execute(d, &c)) || (hr = mmc_parse_config_header(buf, c.transferred, &h)))
        return hr;
    *profile = h.current_profile;
    return 0;
}

/* Fetches one feature (RT=2) into buf and locates it. */
static int32_t fetch_feature(mmc_device *d, uint16_t code, uint8_t *buf, size_t size, mmc_feature_desc *f)
{
    mmc_feature_iter it;
    mmc_command c;
    int32_t r;

    mmc_cdb_get_configuration(&c, buf, (uint16_t)size, MMC_RT_ONE, code);
    if ((r = mmc_dev_execute(d, &c)) || (r = mmc_feature_iter_init(&it, buf, c.transferred)))
        return r;
    /* Some drives return more than the one feature asked for: look for it. */
    while ((r = mmc_feature_iter_next(&it, f)) == 1)
        if (f->code == code)
            return 0;
    if (r < 0)
        return r;
    /* Our buffer holds any single feature, so a cut descriptor is a short
     * transfer: we cannot tell whether the feature exists. */
    return it.truncated ? E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE : E_IMAPI_RECORDER_NO_SUCH_FEATURE;
}

int32_t mmc_dev_get_profiles(mmc_device *d, int current_only, uint16_t **profiles, size_t *count)
{
    uint8_t buf[ONE_FEATURE_ALLOC];
    mmc_profile_entry list[MMC_MAX_PROFILES];
    mmc_feature_desc f;
    size_t i, k = 0, n;
    int32_t hr;

    *profiles = NULL;
    *count = 0;
    hr = fetch_feature(d, MMC_FEATURE_PROFILE_LIST, buf, sizeof(buf), &f);
    if (hr == E_IMAPI_RECORDER_NO_SUCH_FEATURE)
        n = 0;                              /* a drive without the list has no profiles to name */
    else if (hr || (hr = mmc_parse_profile_list(&f, list, &n)))
        return hr;
    if (!(*profiles = malloc((n ? n : 1) * sizeof(**profiles))))
        return MMC_HR_OUTOFMEMORY;
    for (i = 0; i < n; i++)
        if (!current_only || list[i].current)
            (*profiles)[k++] = list[i].profile;
    *count = k;
    return 0;
}

int32_t mmc_dev_get_feature(mmc_device *d, uint16_t code, int current_only, uint8_t **desc, size_t *len)
{
    uint8_t buf[ONE_FEATURE_ALLOC];
    mmc_feature_desc f;
    int32_t hr;

    *desc = NULL;
    *len = 0;
    if ((hr = fetch_feature(d, code, buf, sizeof(buf), &f)))
        return hr;
    if (current_only && !f.current)
        return E_IMAPI_RECORDER_FEATURE_IS_NOT_CURRENT;
    if (!(*desc = mmc_dev_dup(f.raw, f.raw_len)))
        return MMC_HR_OUTOFMEMORY;
    *len = f.raw_len;
    return 0;
}

int32_t mmc_dev_get_supported_features(mmc_device *d, int current_only, uint16_t **codes, size_t *count)
{
    uint8_t *buf;
    uint16_t *list = NULL;
    size_t k = 0, cap = 0;
    uint32_t start = 0;
    int32_t hr = 0;

    *codes = NULL;
    *count = 0;
    if (!(buf = malloc(FEATURE_LIST_ALLOC)))
        return MMC_HR_OUTOFMEMORY;
    /* The list may exceed one allocation: continue after the last complete
     * feature until the drive's answer fits. start only grows, so this ends. */
    while (start <= 0xFFFF)
    {
        mmc_feature_iter it;
        mmc_feature_desc f;
        mmc_command c;
        uint32_t next = start;
        int32_t r;

        mmc_cdb_get_configuration(&c, buf, FEATURE_LIST_ALLOC, current_only ? MMC_RT_CURRENT : MMC_RT_ALL,
                                  (uint16_t)start);
        if ((hr = mmc_dev_execute(d, &c)) || (hr = mmc_feature_iter_init(&it, buf, c.transferred)))
            break;
        while ((r = mmc_feature_iter_next(&it, &f)) == 1)
        {
            if (f.code < start || (current_only && !f.current))
                continue;                   /* out of order or not current: not ours */
            if (k == cap)
            {
                size_t ncap = cap ? cap * 2 : 64;
                uint16_t *grown = realloc(list, ncap * sizeof(*list));
                if (!grown)
                {
                    r = MMC_HR_OUTOFMEMORY;
                    break;
                }
                list = grown;
                cap = ncap;
            }
            list[k++] = f.code;
            if ((uint32_t)f.code + 1 > next)
                next = (uint32_t)f.code + 1;
        }
        if (r < 0)
        {
            hr = r;
            break;
        }
        if (!it.truncated || next == start)
            break;
        start = next;
    }
    free(buf);
    if (hr)
    {
        free(list);
        return hr;
    }
    if (!list && !(list = malloc(sizeof(*list))))
        return MMC_HR_OUTOFMEMORY;
    *codes = list;
    *count = k;
    return 0;
}

/* MODE SENSE(10) into a malloc'd buffer big enough for the whole answer. */
static int32_t mode_sense(mmc_device *d, uint8_t page, enum mmc_mode_page_control pc,
                          uint8_t **out, size_t *n)
{
    size_t size = 4096;
    int attempt;

    *out = NULL;
    *n = 0;
    for (attempt = 0; attempt < 2; attempt++)
    {
        mmc_command c;
        mmc_mode_header h;
        uint8_t *buf = malloc(size);
        int32_t hr;

        if (!buf)
            return MMC_HR_OUTOFMEMORY;
        mmc_cdb_mode_sense10(&c, buf, (uint16_t)size, page, pc);
        if ((hr = mmc_dev_execute(d, &c)) || (hr = mmc_parse_mode_header(buf, c.transferred, &h)))
        {
            free(buf);
            return hr;
        }
        /* Cut by our allocation: ask once more with the size the drive named. */
        if (attempt == 0 && c.transferred == size && (size_t)h.mode_data_length + 2 > size)
        {
            free(buf);
            size = (size_t)h.mode_data_length + 2;
            if (size > 0xFFFF)
                size = 0xFFFF;
            continue;
        }
        *out = buf;
        *n = c.transferred;
        return 0;
    }
    return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
}

int32_t mmc_dev_get_mode_page(mmc_device *d, uint8_t page, enum mmc_mode_page_control pc,
                              uint8_t **data, size_t *len)
{
    const uint8_t *p = NULL;
    uint8_t *buf;
    size_t n, plen = 0;
    int32_t hr;

    *data = NULL;
    *len = 0;
    if (page > MMC_MODE_PAGE_ALL)
        return MMC_HR_INVALIDARG;
    if ((hr = mode_sense(d, page, pc, &buf, &n)))
        return hr;
    if (page == MMC_MODE_PAGE_ALL)
    {
        /* All pages: everything after header and block descriptors, checked page by page. */
        size_t count;
        mmc_mode_header h;
        if (!(hr = mmc_mode_list_pages(buf, n, NULL, 0, &count)) && !(hr = mmc_parse_mode_header(buf, n, &h)))
        {
            size_t start = MMC_MODE_HEADER10_LEN + h.block_desc_length;
            size_t end = (size_t)h.mode_data_length + 2 < n ? (size_t)h.mode_data_length + 2 : n;
            p = buf + (start < end ? start : end);
            plen = start < end ? end - start : 0;
        }
    }
    else
        hr = mmc_mode_find_page(buf, n, page, &p, &plen);
    if (!hr && !(*data = mmc_dev_dup(p, plen)))
        hr = MMC_HR_OUTOFMEMORY;
    if (!hr)
        *len = plen;
    free(buf);
    return hr;
}

int32_t mmc_dev_get_mode_page_list(mmc_device *d, enum mmc_mode_page_control pc, uint8_t **codes,
                                   size_t *count)
{
    uint8_t *buf;
    size_t n, k;
    int32_t hr;

    *codes = NULL;
    *count = 0;
    if ((hr = mode_sense(d, MMC_MODE_PAGE_ALL, pc, &buf, &n)))
        return hr;
    if (!(hr = mmc_mode_list_pages(buf, n, NULL, 0, &k)))
    {
        if (!(*codes = malloc(k ? k : 1)))
            hr = MMC_HR_OUTOFMEMORY;
        else
        {
            mmc_mode_list_pages(buf, n, *codes, k, &k);
            *count = k;
        }
    }
    free(buf);
    return hr;
}

int32_t mmc_dev_set_mode_page(mmc_device *d, const uint8_t *page, size_t len, int save)
{
    uint8_t *buf;
    size_t declared;
    mmc_command c;
    int32_t hr;

    if (!page)
        return MMC_HR_POINTER;
    if (len < 2)
        return MMC_HR_INVALIDARG;
    if (page[0] & 0x40)
        declared = len >= 4 ? 4 + (size_t)get_be16(page + 2) : 0;
    else
        declared = 2 + (size_t)page[1];
    if (declared != len || len + MMC_MODE_HEADER10_LEN > 0xFFFF)
        return MMC_HR_INVALIDARG;
    if (!(buf = calloc(1, len + MMC_MODE_HEADER10_LEN)))
        return MMC_HR_OUTOFMEMORY;
    /* Header all zero: mode data length is reserved in MODE SELECT, no block
     * descriptors. The PS bit of a page read back must be cleared to send it. */
    memcpy(buf + MMC_MODE_HEADER10_LEN, page, len);
    buf[MMC_MODE_HEADER10_LEN] &= 0x7F;
    mmc_cdb_mode_select10(&c, buf, (uint16_t)(len + MMC_MODE_HEADER10_LEN), save);
    hr = mmc_dev_execute(d, &c);
    free(buf);
    return hr;
}

/* Write speeds from page 2Ah for drives without GET PERFORMANCE. */
static int32_t speeds_from_caps(mmc_device *d, mmc_write_speed_desc **speeds, size_t *count)
{
    uint8_t *page;
    size_t len, i;
    mmc_caps_page caps;
    int32_t hr;

    if ((hr = mmc_dev_get_mode_page(d, MMC_MODE_PAGE_LEGACY_CAPABILITIES, MMC_PC_CURRENT, &page, &len)))
        return hr;
    if (!(hr = mmc_parse_caps_page(page, len, &caps)))
    {
        size_t k = caps.write_speed_descriptors;
        if (!(*speeds = calloc(k ? k : 1, sizeof(**speeds))))
            hr = MMC_HR_OUTOFMEMORY;
        for (i = 0; !hr && i < k; i++)
        {
            uint16_t kbps;
            uint8_t rot;
            mmc_caps_write_speed(page, len, i, &kbps, &rot);
            (*speeds)[i].wrc = rot;
            (*speeds)[i].write_kbps = kbps;
        }
        if (!hr)
            *count = k;
    }
    free(page);
    return hr;
}

int32_t mmc_dev_write_speeds(mmc_device *d, mmc_write_speed_desc **speeds, size_t *count)
{
    enum { MAX_DESC = 255 };
    uint8_t *buf;
    mmc_command c;
    size_t k;
    int32_t hr;

    *speeds = NULL;
    *count = 0;
    if (!(buf = malloc(8 + MAX_DESC * 16)))
        return MMC_HR_OUTOFMEMORY;
    mmc_cdb_get_performance_write_speeds(&c, buf, MAX_DESC);
    hr = mmc_dev_execute(d, &c);
    if (hr == E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE && d->last_sense.key == SK_ILLEGAL_REQUEST
        && (d->last_sense.asc == 0x20 || d->last_sense.asc == 0x24))
    {
        /* 05/20/00: the drive predates GET PERFORMANCE; 05/24/00: it knows the
         * command but not the write speed descriptor type (MMC-2 era drives). */
        free(buf);
        return speeds_from_caps(d, speeds, count);
    }
    if (!hr && !(hr = mmc_parse_write_speeds(buf, c.transferred, NULL, 0, &k)))
    {
        if (!(*speeds = calloc(k ? k : 1, sizeof(**speeds))))
            hr = MMC_HR_OUTOFMEMORY;
        else
        {
            mmc_parse_write_speeds(buf, c.transferred, *speeds, k, &k);
            *count = k;
        }
    }
    free(buf);
    return hr;
}
