/* TEST UNIT READY, REQUEST SENSE, INQUIRY, START STOP UNIT, PREVENT ALLOW MEDIUM
 * REMOVAL, GET EVENT STATUS NOTIFICATION. */
#include <string.h>
#include "vdrive_internal.h"

#define EVENT_NEW_MEDIA     2
#define EVENT_MEDIA_REMOVAL 3
#define GESN_CLASS_MEDIA    4

int vd_cmd_test_unit_ready(vdrive *vd, mmc_command *cmd)
{
    if (vd->st.tray_open || !vd->st.media_present) return vd_not_ready(vd, cmd);
    if (vd->st.becoming_ready)
    {
        vd->st.becoming_ready--;   /* the spin-up finishes after a few polls */
        vd->meta_dirty = 1;
        return vd_sense(cmd, SK_NOT_READY, MMC_ASCQ_BECOMING_READY);
    }
    return MMC_STATUS_GOOD;
}

int vd_cmd_request_sense(vdrive *vd, mmc_command *cmd)
{
    uint8_t data[MMC_SENSE_LEN];
    mmc_command scratch;

    if (cmd->cdb[1] & 0x01) return vd_invalid_cdb(cmd);   /* descriptor format: not supported */
    if (vd->sense[0]) memcpy(data, vd->sense, sizeof(data));
    else
    {
        memset(&scratch, 0, sizeof(scratch));
        if (!vd_media_ready(vd)) vd_not_ready(vd, &scratch);
        else vd_sense(&scratch, SK_NO_SENSE, MMC_ASCQ_NO_ADDITIONAL_SENSE);
        memcpy(data, scratch.sense, sizeof(data));
    }
    memset(vd->sense, 0, sizeof(vd->sense));
    return vd_reply(cmd, data, sizeof(data), cmd->cdb[4]);
}

static void put_padded(uint8_t *dst, const char *src, size_t n)
{
    size_t len = strlen(src);
    memset(dst, ' ', n);
    memcpy(dst, src, len < n ? len : n);
}

int vd_cmd_inquiry(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    uint8_t data[96];
    size_t alloc = get_be16(c + 3);

    memset(data, 0, sizeof(data));
    if (c[1] & 0x01)
    {
        size_t n;
        data[0] = 0x05;                    /* peripheral device type: CD/DVD device */
        data[1] = c[2];
        switch (c[2])
        {
        case 0x00:                         /* supported VPD pages */
            data[3] = 2; data[4] = 0x00; data[5] = 0x80;
            return vd_reply(cmd, data, 6, alloc);
        case 0x80:                         /* unit serial number */
            n = strlen(vd->cfg.serial);
            data[3] = (uint8_t)n;
            memcpy(data + 4, vd->cfg.serial, n);
            return vd_reply(cmd, data, 4 + n, alloc);
        default:
            return vd_invalid_cdb(cmd);
        }
    }
    if (c[2]) return vd_invalid_cdb(cmd);  /* page code without EVPD */
    data[0] = 0x05;
    data[1] = 0x80;                        /* RMB: removable medium */
    data[2] = 0x05;                        /* version: SPC-3 */
    data[3] = 0x02;                        /* response data format */
    data[4] = 36 - 5;                      /* additional length */
    put_padded(data + 8, vd->cfg.vendor, 8);
    put_padded(data + 16, vd->cfg.product, 16);
    put_padded(data + 32, vd->cfg.revision, 4);
    return vd_reply(cmd, data, 36, alloc);
}

int vd_cmd_start_stop(vdrive *vd, mmc_command *cmd)
{
    int loej = cmd->cdb[4] & 0x02, start = cmd->cdb[4] & 0x01;
    if ((cmd->cdb[4] >> 4) != 0) return MMC_STATUS_GOOD;   /* power condition change: accepted */
    if (!loej)
    {
        if (start && !vd_media_ready(vd)) return vd_not_ready(vd, cmd);
        return MMC_STATUS_GOOD;
    }
    if (!start)
    {
        if (vd->st.prevent) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_MEDIUM_REMOVAL_PREVENTED);
        if (!vd->st.tray_open)
        {
            vd->st.tray_open = 1;
            vd->st.becoming_ready = 0;
            if (vd->st.media_present) vd->st.media_event = EVENT_MEDIA_REMOVAL;
            vd->streaming = 0;
            vd->meta_dirty = 1;
        }
        return MMC_STATUS_GOOD;
    }
    if (vd->cfg.manual_load) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_FIELD_IN_CDB);  /* cannot load */
    if (vd->st.tray_open)
    {
        vd->st.tray_open = 0;
        if (vd->st.media_present)
        {
            vd->st.becoming_ready = vd->cfg.becoming_ready;
            vd->st.media_event = EVENT_NEW_MEDIA;
            vd->st.ua_pending = 1;
        }
        vd->meta_dirty = 1;
    }
    return MMC_STATUS_GOOD;
}

int vd_cmd_prevent_allow(vdrive *vd, mmc_command *cmd)
{
    int prevent = cmd->cdb[4] & 0x01;
    if (vd->st.prevent != prevent) { vd->st.prevent = prevent; vd->meta_dirty = 1; }
    return MMC_STATUS_GOOD;
}

int vd_cmd_event_status(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    uint8_t data[8];
    size_t alloc = get_be16(c + 7);

    if (!(c[1] & 0x01)) return vd_invalid_cdb(cmd);  /* only polled operation */
    memset(data, 0, sizeof(data));
    data[3] = 1u << GESN_CLASS_MEDIA;                /* supported event classes */
    if (!(c[4] & (1u << GESN_CLASS_MEDIA)))
    {
        put_be16(data, 2);
        data[2] = 0x80;                              /* NEA: no event available */
        return vd_reply(cmd, data, 4, alloc);
    }
    put_be16(data, 6);
    data[2] = GESN_CLASS_MEDIA;
    data[4] = vd->st.media_event & 0x0F;
    data[5] = (uint8_t)((vd->st.media_present ? 0x02 : 0) | (vd->st.tray_open ? 0x01 : 0));
    if (vd->st.media_event) { vd->st.media_event = 0; vd->meta_dirty = 1; }
    return vd_reply(cmd, data, 8, alloc);
}
