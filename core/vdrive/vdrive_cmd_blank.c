/* BLANK and FORMAT UNIT with the Immed bit, as a drive runs them: the command is accepted
 * at once and the operation goes on in the drive for a while. Meanwhile (MMC-6 BLANK,
 * FORMAT UNIT; SPC-3 progress indication):
 *  - TEST UNIT READY and every command that needs the medium answer CHECK CONDITION,
 *    NOT READY, 04/07 LOGICAL UNIT NOT READY, OPERATION IN PROGRESS (blank) or 04/04
 *    FORMAT IN PROGRESS (format), with SKSV set and the fraction done (n / 65536) in the
 *    sense-key specific bytes 16-17;
 *  - REQUEST SENSE returns that sense (and progress) as its data, with GOOD status;
 *  - INQUIRY, GET CONFIGURATION, GET EVENT STATUS NOTIFICATION, MODE SENSE, READ BUFFER
 *    CAPACITY and GET PERFORMANCE are answered as usual (they do not touch the medium).
 * The disc itself changes when the command is accepted (the model has nothing to wait
 * for); the time only shapes what the host sees. The operation's start and length are
 * kept in state.txt (`busy kind= start= total=`) so every open sees it; a clock that does
 * not agree with the start (another process's clock base, a test clock) ends it at once.
 * Durations: IMAPI_VDRIVE_ERASE_MS (minimal blank; default 1500 ms), a full blank
 * twice that, an immediate format 2000 ms: short enough for tests, long enough for a few
 * 0.5 s polls. Without Immed the command completes before it returns (no busy time).
 * Media that cannot be blanked (anything but CD-RW and DVD-RW) answer 05/64/00 ILLEGAL
 * MODE FOR THIS TRACK: what MMC drives report for a BLANK the medium does not allow. */
#include <stdlib.h>
#include <string.h>
#include "vdrive_internal.h"

#define DEFAULT_ERASE_MS  1500u
#define FORMAT_MS         2000u
#define MAX_BUSY_MS       3600000u

static uint32_t erase_ms(void)
{
    const char *v = getenv("IMAPI_VDRIVE_ERASE_MS");
    char *end;
    unsigned long ms;
    if (!v || !*v) return DEFAULT_ERASE_MS;
    ms = strtoul(v, &end, 10);
    return *end || ms > MAX_BUSY_MS / 2 ? DEFAULT_ERASE_MS : (uint32_t)ms;
}

static void start_busy(vdrive *vd, int kind, uint32_t total_ms)
{
    if (!total_ms) return;
    vd->st.busy_kind = kind;
    vd->st.busy_start_ms = vd_now_ms(vd);
    vd->st.busy_total_ms = total_ms;
    vd->meta_dirty = 1;
}

int vd_cmd_blank_immed(vdrive *vd, mmc_command *cmd)
{
    uint16_t p = vd->st.profile;
    int status, immed = (cmd->cdb[1] & 0x10) != 0, full = (cmd->cdb[1] & 0x07) == 0;
    const vd_media_info *m = vd_media(vd);

    if (m->kind != VD_ROM && !vd->st.write_protected && p != MMC_PROFILE_CD_REWRITABLE &&
        p != MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL && p != MMC_PROFILE_DVD_DASH_RW_RESTRICTED)
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_ILLEGAL_MODE_FOR_THIS_TRACK);
    status = vd_cmd_blank(vd, cmd);
    if (status == MMC_STATUS_GOOD && immed) start_busy(vd, VD_BUSY_BLANK, full ? 2 * erase_ms() : erase_ms());
    return status;
}

int vd_cmd_format_unit_immed(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *d = cmd->buf;
    int status = vd_cmd_format_unit(vd, cmd);
    /* parameter list header byte 1: FOV (bit 7) and IMMED (bit 1) */
    if (status == MMC_STATUS_GOOD && d && cmd->len >= 2 && (d[1] & 0x82) == 0x82)
        start_busy(vd, VD_BUSY_FORMAT, FORMAT_MS);
    return status;
}

static int answers_while_busy(uint8_t opcode)
{
    return opcode == MMC_INQUIRY || opcode == MMC_GET_CONFIGURATION || opcode == MMC_GET_EVENT_STATUS_NOTIFICATION ||
           opcode == MMC_MODE_SENSE10 || opcode == MMC_READ_BUFFER_CAPACITY || opcode == MMC_GET_PERFORMANCE;
}

int vd_busy_gate(vdrive *vd, mmc_command *cmd)
{
    vd_state *st = &vd->st;
    uint64_t now, elapsed;
    uint32_t fraction;
    mmc_command scratch;
    int status;

    if (!st->busy_kind) return -1;
    now = vd_now_ms(vd);
    elapsed = now - st->busy_start_ms;
    if (now < st->busy_start_ms || elapsed >= st->busy_total_ms || !st->media_present || st->tray_open)
    {
        st->busy_kind = 0;
        vd->meta_dirty = 1;
        return -1;
    }
    if (answers_while_busy(cmd->cdb[0])) return -1;
    fraction = (uint32_t)(elapsed * 65536u / st->busy_total_ms);
    memset(&scratch, 0, sizeof(scratch));
    vd_sense(&scratch, SK_NOT_READY, st->busy_kind == VD_BUSY_FORMAT ? MMC_ASCQ_FORMAT_IN_PROGRESS
                                                                    : MMC_ASCQ_OPERATION_IN_PROGRESS);
    scratch.sense[15] = 0x80;                      /* SKSV: progress indication */
    scratch.sense[16] = (uint8_t)(fraction >> 8);
    scratch.sense[17] = (uint8_t)fraction;
    if (cmd->cdb[0] == MMC_REQUEST_SENSE)
    {
        if (cmd->cdb[1] & 0x01) return vd_invalid_cdb(cmd);
        return vd_reply(cmd, scratch.sense, MMC_SENSE_LEN, cmd->cdb[4]);
    }
    memcpy(cmd->sense, scratch.sense, MMC_SENSE_LEN);
    status = MMC_STATUS_CHECK_CONDITION;
    return status;
}
