/* Device layer core: command execution with sense mapping and retry, the raw
 * pass-through, and the medium / disc / track queries. Configuration, mode page
 * and speed queries are in mmc_device_query.c. */
#include <stdlib.h>
#include <string.h>
#include "mmc_device.h"
#include "mmc_device_util.h"

void mmc_dev_init(mmc_device *d, mmc_transport *t)
{
    memset(d, 0, sizeof(*d));
    d->transport = t;
}

static int usable(const mmc_device *d)
{
    return d && d->transport && d->transport->execute;
}

/* One round trip; returns the transport status or -1 for an impossible transfer count. */
static int send_once(mmc_device *d, mmc_command *c)
{
    int st;

    c->transferred = 0;
    memset(c->sense, 0, sizeof(c->sense));
    st = d->transport->execute(d->transport, c);
    d->last_status = st;
    memset(&d->last_sense, 0, sizeof(d->last_sense));
    if (st == MMC_STATUS_CHECK_CONDITION)
        memcpy(d->last_sense_raw, c->sense, MMC_SENSE_LEN);
    else
        memset(d->last_sense_raw, 0, MMC_SENSE_LEN);
    if (c->transferred > c->len)
    {
        c->transferred = 0;           /* nobody may trust the data now */
        return -1;
    }
    return st;
}

int32_t mmc_dev_execute(mmc_device *d, mmc_command *c)
{
    int attempt;

    if (!usable(d))
        return MMC_HR_INVALID_HANDLE;
    if (!c || (c->len && !c->buf))
        return MMC_HR_POINTER;
    for (attempt = 0; attempt < 2; attempt++)
    {
        unsigned flags = 0;
        int32_t hr;
        int st = send_once(d, c);

        if (st < 0)
            return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
        if (st == MMC_STATUS_GOOD)
            return 0;
        if (st != MMC_STATUS_CHECK_CONDITION)
            return mmc_status_to_hresult(st);
        if (mmc_parse_sense(c->sense, sizeof(c->sense), &d->last_sense))
            return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
        hr = mmc_sense_to_hresult(c->cdb[0], &d->last_sense, &flags);
        if (hr == 0 || !(flags & MMC_SENSE_RETRY) || attempt)
            return hr;
    }
    return 0; /* not reached */
}

int32_t mmc_dev_passthrough(mmc_device *d, const uint8_t *cdb, size_t cdb_len, enum mmc_dir dir,
                            void *buf, size_t len, unsigned timeout_s,
                            uint8_t sense_out[MMC_SENSE_LEN], size_t *transferred)
{
    mmc_command c;
    int st;

    if (transferred)
        *transferred = 0;
    if (!usable(d))
        return MMC_HR_INVALID_HANDLE;
    if (!cdb || !sense_out || (len && !buf))
        return MMC_HR_POINTER;
    if (cdb_len < 1 || cdb_len > sizeof(c.cdb) || (dir == MMC_DIR_NONE) != (len == 0))
        return MMC_HR_INVALIDARG;
    memset(sense_out, 0, MMC_SENSE_LEN);
    memset(&c, 0, sizeof(c));
    memcpy(c.cdb, cdb, cdb_len);
    c.cdb_len = (uint8_t)cdb_len;
    c.dir = dir;
    c.buf = buf;
    c.len = len;
    c.timeout_s = timeout_s;
    st = send_once(d, &c);
    if (st < 0)
        return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
    if (transferred)
        *transferred = c.transferred;
    if (st == MMC_STATUS_GOOD)
        return 0;
    if (st == MMC_STATUS_CHECK_CONDITION)
    {
        memcpy(sense_out, c.sense, MMC_SENSE_LEN);
        mmc_parse_sense(c.sense, sizeof(c.sense), &d->last_sense);
        return S_IMAPI_COMMAND_HAS_SENSE_DATA;
    }
    return mmc_status_to_hresult(st);
}

int32_t mmc_dev_test_unit_ready(mmc_device *d)
{
    mmc_command c;

    mmc_cdb_test_unit_ready(&c);
    return mmc_dev_execute(d, &c);
}

int32_t mmc_dev_inquiry(mmc_device *d, mmc_inquiry *out)
{
    uint8_t buf[96];
    mmc_command c;
    int32_t hr;

    memset(out, 0, sizeof(*out));
    mmc_cdb_inquiry(&c, buf, sizeof(buf));
    if ((hr = mmc_dev_execute(d, &c)))
        return hr;
    return mmc_parse_inquiry(buf, c.transferred, out);
}

uint8_t *mmc_dev_dup(const uint8_t *src, size_t len)
{
    /* malloc(0) may return NULL; callers treat NULL as out of memory. */
    uint8_t *p = malloc(len ? len : 1);

    if (p && len)
        memcpy(p, src, len);
    return p;
}

/* Copies the response, clipped to its 2-byte length field, for callers wanting raw bytes. */
static int32_t raw_copy(const uint8_t *buf, size_t n, uint8_t **raw, size_t *raw_len)
{
    size_t end;

    if (!raw)
        return 0;
    end = 2 + (size_t)get_be16(buf);
    if (end > n)
        end = n;
    if (!(*raw = mmc_dev_dup(buf, end)))
        return MMC_HR_OUTOFMEMORY;
    if (raw_len)
        *raw_len = end;
    return 0;
}

int32_t mmc_dev_disc_info(mmc_device *d, mmc_disc_info *info, uint8_t **raw, size_t *raw_len)
{
    uint8_t buf[256];   /* standard disc information plus a few OPC table entries */
    mmc_command c;
    int32_t hr;

    memset(info, 0, sizeof(*info));
    if (raw)
        *raw = NULL;
    if (raw_len)
        *raw_len = 0;
    mmc_cdb_read_disc_information(&c, buf, sizeof(buf));
    if ((hr = mmc_dev_execute(d, &c)) || (hr = mmc_parse_disc_info(buf, c.transferred, info)))
        return hr;
    return raw_copy(buf, c.transferred, raw, raw_len);
}

int32_t mmc_dev_track_info(mmc_device *d, enum mmc_track_addr_type type, uint32_t address,
                           mmc_track_info *info, uint8_t **raw, size_t *raw_len)
{
    uint8_t buf[64];    /* MMC-6 track information is 48 bytes */
    mmc_command c;
    int32_t hr;

    memset(info, 0, sizeof(*info));
    if (raw)
        *raw = NULL;
    if (raw_len)
        *raw_len = 0;
    mmc_cdb_read_track_information(&c, buf, sizeof(buf), type, address);
    if ((hr = mmc_dev_execute(d, &c)) || (hr = mmc_parse_track_info(buf, c.transferred, info)))
        return hr;
    return raw_copy(buf, c.transferred, raw, raw_len);
}

int32_t mmc_dev_read_capacity(mmc_device *d, uint32_t *last_lba, uint32_t *block_len)
{
    uint8_t buf[8];
    mmc_command c;
    int32_t hr;

    *last_lba = 0;
    *block_len = 0;
    mmc_cdb_read_capacity(&c, buf);
    if ((hr = mmc_dev_execute(d, &c)))
        return hr;
    return mmc_parse_read_capacity(buf, c.transferred, last_lba, block_len);
}

int32_t mmc_dev_read_disc_structure(mmc_device *d, enum mmc_structure_media media, uint8_t format,
                                    uint32_t address, uint8_t layer, uint8_t agid,
                                    uint8_t **data, size_t *len)
{
    uint8_t head[4], *buf;
    const uint8_t *payload;
    size_t want, plen;
    mmc_command c;
    int32_t hr;

    *data = NULL;
    *len = 0;
    /* First the header to learn the size, then the whole structure. */
    mmc_cdb_read_disc_structure(&c, head, sizeof(head), media, address, layer, format, agid);
    if ((hr = mmc_dev_execute(d, &c)) || (hr = mmc_parse_structure_payload(head, c.transferred, &payload, &plen)))
        return hr;
    want = 2 + (size_t)get_be16(head);
    if (want > 0xFFFC)
        want = 0xFFFC;
    if (!(buf = malloc(want)))
        return MMC_HR_OUTOFMEMORY;
    mmc_cdb_read_disc_structure(&c, buf, (uint16_t)want, media, address, layer, format, agid);
    if (!(hr = mmc_dev_execute(d, &c)) && !(hr = mmc_parse_structure_payload(buf, c.transferred, &payload, &plen)))
    {
        if (!(*data = mmc_dev_dup(payload, plen)))
            hr = MMC_HR_OUTOFMEMORY;
        else
            *len = plen;
    }
    free(buf);
    return hr;
}

int32_t mmc_dev_send_disc_structure(mmc_device *d, enum mmc_structure_media media, uint8_t format,
                                    const uint8_t *data, size_t len)
{
    uint8_t *buf;
    mmc_command c;
    int32_t hr;

    if (len && !data)
        return MMC_HR_POINTER;
    if (len > 0xFFFF - 4)
        return MMC_HR_INVALIDARG;
    if (!(buf = malloc(len + 4)))
        return MMC_HR_OUTOFMEMORY;
    put_be16(buf, (uint16_t)(len + 2));   /* counts the 2 reserved bytes and the data */
    buf[2] = buf[3] = 0;
    if (len)
        memcpy(buf + 4, data, len);
    mmc_cdb_send_disc_structure(&c, buf, (uint16_t)(len + 4), media, format, 0);
    hr = mmc_dev_execute(d, &c);
    free(buf);
    return hr;
}

int32_t mmc_dev_media_present(mmc_device *d, int *present, int *tray_open)
{
    uint8_t buf[8];
    mmc_event_status ev;
    mmc_command c;
    int32_t hr;

    *present = 0;
    if (tray_open)
        *tray_open = 0;
    mmc_cdb_get_event_status(&c, buf, sizeof(buf), MMC_GESN_CLASS_MEDIA);
    hr = mmc_dev_execute(d, &c);
    if (hr == E_IMAPI_RECORDER_COMMAND_TIMEOUT || hr == MMC_HR_DEV_NOT_EXIST || hr == MMC_HR_INVALID_HANDLE
        || hr == E_IMAPI_RECORDER_LOCKED)
        return hr;
    if (!hr && !mmc_parse_event_status(buf, c.transferred, &ev) && ev.has_media)
    {
        *present = ev.media_present;
        if (tray_open)
            *tray_open = ev.tray_open;
        return 0;
    }
    /* No usable media event: ask whether the unit is ready instead. */
    hr = mmc_dev_test_unit_ready(d);
    switch (hr)
    {
    case 0:
    case E_IMAPI_RECORDER_MEDIA_BECOMING_READY:
    case E_IMAPI_RECORDER_MEDIA_BUSY:
    case E_IMAPI_RECORDER_MEDIA_FORMAT_IN_PROGRESS:
    case E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN:
    case E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE:
    case E_IMAPI_RECORDER_MEDIA_NOT_FORMATTED:
        *present = 1;
        return 0;
    case E_IMAPI_RECORDER_MEDIA_NO_MEDIA:
        /* 3A/02: medium not present - tray open */
        if (tray_open)
            *tray_open = d->last_sense.ascq == 0x02;
        return 0;
    default:
        return hr;
    }
}

static int32_t start_stop(mmc_device *d, enum mmc_start_stop action)
{
    mmc_command c;

    mmc_cdb_start_stop_unit(&c, action, 0);
    return mmc_dev_execute(d, &c);
}

int32_t mmc_dev_eject(mmc_device *d)
{
    return start_stop(d, MMC_SSU_EJECT);
}

int32_t mmc_dev_load(mmc_device *d)
{
    return start_stop(d, MMC_SSU_LOAD);
}

int32_t mmc_dev_prevent_removal(mmc_device *d, int prevent)
{
    mmc_command c;

    mmc_cdb_prevent_allow(&c, prevent);
    return mmc_dev_execute(d, &c);
}

int32_t mmc_dev_read_toc(mmc_device *d, enum mmc_toc_format format, int msf, uint8_t track_or_session,
                         uint8_t **raw, size_t *len)
{
    uint8_t head[4], *buf;
    size_t want;
    mmc_command c;
    int32_t hr;

    *raw = NULL;
    *len = 0;
    /* Header first: its length field tells how much to ask for. */
    mmc_cdb_read_toc(&c, head, sizeof(head), format, msf, track_or_session);
    if ((hr = mmc_dev_execute(d, &c)))
        return hr;
    if (c.transferred < 4)
        return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
    want = 2 + (size_t)get_be16(head);
    if (want > 0xFFFE)
        want = 0xFFFE;
    if (!(buf = malloc(want)))
        return MMC_HR_OUTOFMEMORY;
    mmc_cdb_read_toc(&c, buf, (uint16_t)want, format, msf, track_or_session);
    if (!(hr = mmc_dev_execute(d, &c)) && c.transferred < 4)
        hr = E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
    if (hr)
    {
        free(buf);
        return hr;
    }
    *raw = buf;
    *len = c.transferred;
    return 0;
}

int32_t mmc_dev_format_capacities(mmc_device *d, mmc_format_capacity *current,
                                  mmc_format_capacity **list, size_t *count)
{
    uint8_t buf[4 + 255];   /* the capacity list length is one byte */
    mmc_command c;
    size_t k;
    int32_t hr;

    memset(current, 0, sizeof(*current));
    *list = NULL;
    *count = 0;
    mmc_cdb_read_format_capacities(&c, buf, (uint16_t)(4 + 8 * 31));  /* whole descriptors only */
    if ((hr = mmc_dev_execute(d, &c))
        || (hr = mmc_parse_format_capacities(buf, c.transferred, current, NULL, 0, &k)))
        return hr;
    if (!(*list = calloc(k ? k : 1, sizeof(**list))))
        return MMC_HR_OUTOFMEMORY;
    mmc_parse_format_capacities(buf, c.transferred, current, *list, k, &k);
    *count = k;
    return 0;
}

int32_t mmc_dev_buffer_capacity(mmc_device *d, uint32_t *buffer_len, uint32_t *blank_len)
{
    uint8_t buf[12];
    mmc_command c;
    int32_t hr;

    *buffer_len = 0;
    *blank_len = 0;
    mmc_cdb_read_buffer_capacity(&c, buf);
    if ((hr = mmc_dev_execute(d, &c)))
        return hr;
    return mmc_parse_buffer_capacity(buf, c.transferred, buffer_len, blank_len);
}
