/* Command dispatch: one table from opcode to handler, plus what every command shares:
 * the drive lock, fault injection, the not-ready gate and REQUEST SENSE bookkeeping. */
#include <string.h>
#include "vdrive_internal.h"

#define NEEDS_MEDIA 0x1   /* answers "not ready" without a loaded, ready disc */

typedef struct vd_entry
{
    vd_handler fn;
    unsigned flags;
} vd_entry;

static const vd_entry command_table[256] =
{
    [MMC_TEST_UNIT_READY]              = { vd_cmd_test_unit_ready, 0 },
    [MMC_REQUEST_SENSE]                = { vd_cmd_request_sense, 0 },
    [MMC_FORMAT_UNIT]                  = { vd_cmd_format_unit_immed, NEEDS_MEDIA },
    [MMC_INQUIRY]                      = { vd_cmd_inquiry, 0 },
    [MMC_START_STOP_UNIT]              = { vd_cmd_start_stop, 0 },
    [MMC_PREVENT_ALLOW_MEDIUM_REMOVAL] = { vd_cmd_prevent_allow, 0 },
    [MMC_READ_FORMAT_CAPACITIES]       = { vd_cmd_format_capacities, NEEDS_MEDIA },
    [MMC_READ_CAPACITY]                = { vd_cmd_read_capacity, NEEDS_MEDIA },
    [MMC_READ10]                       = { vd_cmd_read, NEEDS_MEDIA },
    [MMC_WRITE10]                      = { vd_cmd_write, NEEDS_MEDIA },
    [MMC_SYNCHRONIZE_CACHE]            = { vd_cmd_sync_cache, NEEDS_MEDIA },
    [MMC_READ_TOC_PMA_ATIP]            = { vd_cmd_read_toc, NEEDS_MEDIA },
    [MMC_GET_CONFIGURATION]            = { vd_cmd_get_configuration, 0 },
    [MMC_GET_EVENT_STATUS_NOTIFICATION] = { vd_cmd_event_status, 0 },
    [MMC_READ_DISC_INFORMATION]        = { vd_cmd_disc_info, NEEDS_MEDIA },
    [MMC_READ_TRACK_INFORMATION]       = { vd_cmd_track_info, NEEDS_MEDIA },
    [MMC_RESERVE_TRACK]                = { vd_cmd_reserve_track, NEEDS_MEDIA },
    [MMC_SEND_OPC_INFORMATION]         = { vd_cmd_send_opc, NEEDS_MEDIA },
    [MMC_MODE_SELECT10]                = { vd_cmd_mode_select10, 0 },
    [MMC_MODE_SENSE10]                 = { vd_cmd_mode_sense10, 0 },
    [MMC_CLOSE_TRACK_SESSION]          = { vd_cmd_close_track_session, NEEDS_MEDIA },
    [MMC_READ_BUFFER_CAPACITY]         = { vd_cmd_buffer_capacity, 0 },
    [MMC_SEND_CUE_SHEET]               = { vd_cmd_send_cue_sheet, NEEDS_MEDIA },
    [MMC_READ_SUBCHANNEL]              = { vd_cmd_read_subchannel, NEEDS_MEDIA },
    [MMC_BLANK]                        = { vd_cmd_blank_immed, NEEDS_MEDIA },
    [MMC_READ12]                       = { vd_cmd_read, NEEDS_MEDIA },
    [MMC_WRITE12]                      = { vd_cmd_write, NEEDS_MEDIA },
    [MMC_GET_PERFORMANCE]              = { vd_cmd_get_performance, 0 },
    [MMC_READ_DISC_STRUCTURE]          = { vd_cmd_disc_structure, NEEDS_MEDIA },
    [MMC_SET_STREAMING]                = { vd_cmd_set_streaming, 0 },
    [MMC_SET_CD_SPEED]                 = { vd_cmd_set_cd_speed, 0 },
    [MMC_READ_CD]                      = { vd_cmd_read_cd, NEEDS_MEDIA },
};

int vd_command_lba_range(const mmc_command *cmd, int64_t *first, int64_t *last)
{
    const uint8_t *c = cmd->cdb;
    uint32_t count;
    switch (c[0])
    {
    case MMC_READ10: case MMC_WRITE10: count = get_be16(c + 7); break;
    case MMC_READ12: case MMC_WRITE12: count = get_be32(c + 6); break;
    case MMC_READ_CD: count = get_be24(c + 6); break;
    default: return 0;
    }
    *first = (int32_t)get_be32(c + 2);
    *last = *first + (count ? count : 1) - 1;
    return 1;
}

static int fault_matches(const vdrive_fault *f, const mmc_command *cmd)
{
    int64_t first, last;
    if (f->opcode >= 0 && f->opcode != cmd->cdb[0]) return 0;
    if (f->lba_first < 0) return 1;
    if (!vd_command_lba_range(cmd, &first, &last)) return 0;
    return first <= f->lba_last && last >= f->lba_first;
}

/* The status to return, or -1 when the fault only changes the drive and the command
 * then runs against the changed drive (media removal, write protection). */
static int fire(vdrive *vd, const vdrive_fault *f, mmc_command *cmd)
{
    switch (f->kind)
    {
    case VDRIVE_FAULT_TIMEOUT: return MMC_STATUS_TIMEOUT;
    case VDRIVE_FAULT_REMOVE_MEDIA:
        if (vd->st.media_present) vd->st.media_event = 3;   /* media removal */
        vd->st.media_present = 0;
        vd->st.profile = 0;
        vd->st.ntracks = 0;
        vd->st.becoming_ready = 0;
        vd->st.sao_active = 0;
        vd->meta_dirty = 1;
        return -1;
    case VDRIVE_FAULT_WRITE_PROTECT:
        vd->st.write_protected = 1;
        vd->meta_dirty = 1;
        return -1;
    default:
        return vd_sense(cmd, f->sk, (unsigned)f->asc << 8 | f->ascq);
    }
}

/* Returns -1 when no fault applies, else the status to return. */
static int injected_fault(vdrive *vd, mmc_command *cmd)
{
    unsigned i;
    for (i = 0; i < vd->st.nfaults; i++)
    {
        vdrive_fault f = vd->st.faults[i];
        if (!fault_matches(&f, cmd)) continue;
        if (f.once)
        {
            memmove(&vd->st.faults[i], &vd->st.faults[i + 1], (vd->st.nfaults - i - 1) * sizeof(f));
            vd->st.nfaults--;
            vd->meta_dirty = 1;
        }
        return fire(vd, &f, cmd);
    }
    for (i = 0; i < vd->cfg.nfaults; i++)
        if (fault_matches(&vd->cfg.faults[i], cmd)) return fire(vd, &vd->cfg.faults[i], cmd);
    return -1;
}

/* Commands a drive answers even with a unit attention pending (SPC/MMC practice). */
static int passes_unit_attention(uint8_t opcode)
{
    return opcode == MMC_INQUIRY || opcode == MMC_REQUEST_SENSE || opcode == MMC_GET_CONFIGURATION ||
           opcode == MMC_GET_EVENT_STATUS_NOTIFICATION;
}

int vdrive_execute(vdrive *vd, mmc_command *cmd)
{
    const vd_entry *e = &command_table[cmd->cdb[0]];
    int status, hr;

    cmd->transferred = 0;
    memset(cmd->sense, 0, sizeof(cmd->sense));
    if ((hr = vd_begin(vd)))
    {
        /* another host is in the middle of recording: what a shared drive would say */
        if (hr == VD_E_OWNER_BUSY) return vd_sense(cmd, SK_NOT_READY, MMC_ASCQ_LONG_WRITE_IN_PROGRESS);
        return hr == CORE_FILE_EBUSY ? MMC_STATUS_BUSY : MMC_STATUS_TRANSPORT_ERROR;
    }
    status = injected_fault(vd, cmd);
    if (status < 0)
    {
        if (!e->fn) status = vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_COMMAND_OPCODE);
        else if (vd->cfg.unit_attention && vd->st.ua_pending && !passes_unit_attention(cmd->cdb[0]))
        {
            vd->st.ua_pending = 0;
            vd->meta_dirty = 1;
            status = vd_sense(cmd, SK_UNIT_ATTENTION, MMC_ASCQ_MEDIUM_MAY_HAVE_CHANGED);
        }
        else if ((status = vd_busy_gate(vd, cmd)) >= 0) { /* an immediate BLANK / FORMAT runs */ }
        else if ((e->flags & NEEDS_MEDIA) && !vd_media_ready(vd)) status = vd_not_ready(vd, cmd);
        else status = e->fn(vd, cmd);
    }
    if (cmd->cdb[0] != MMC_REQUEST_SENSE)
    {
        if (status == MMC_STATUS_CHECK_CONDITION) memcpy(vd->sense, cmd->sense, MMC_SENSE_LEN);
        else memset(vd->sense, 0, MMC_SENSE_LEN);
    }
    vd_end(vd);
    return status;
}
