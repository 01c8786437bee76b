/* CLOSE TRACK/SESSION, RESERVE TRACK, BLANK, FORMAT UNIT, SEND CUE SHEET,
 * SEND OPC INFORMATION: the commands that change the disc's structure. Each commits
 * the metadata durably at once (after syncing the image) like a drive updating its PMA. */
#include <string.h>
#include "vdrive_internal.h"
#include "cd/cd_subq.h"

static int commit_now(vdrive *vd, mmc_command *cmd)
{
    vd->streaming = 0;
    vd->buf_fill = 0;
    if (vd_commit(vd, 1)) return vd_sense(cmd, SK_MEDIUM_ERROR, 0x0C00);
    return MMC_STATUS_GOOD;
}

/* Shared refusals for commands that record on the disc. */
static int refuse_recording(vdrive *vd, mmc_command *cmd)
{
    const vd_media_info *m = vd_media(vd);
    if (m->kind == VD_ROM) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INCOMPATIBLE_MEDIUM);
    if (vd->st.write_protected) return vd_sense(cmd, SK_DATA_PROTECT, MMC_ASCQ_WRITE_PROTECTED);
    return -1;
}

int vd_cmd_close_track_session(vdrive *vd, mmc_command *cmd)
{
    const vd_media_info *m = vd_media(vd);
    unsigned function = cmd->cdb[2] & 0x07, code = 0;
    int status, plus = vd->st.profile == MMC_PROFILE_DVD_PLUS_R || vd->st.profile == MMC_PROFILE_DVD_PLUS_R_DUAL;
    int bd = m->family == VD_BD;

    if ((status = refuse_recording(vd, cmd)) >= 0) return status;
    if (m->kind == VD_OVERWRITE) return MMC_STATUS_GOOD;   /* stops background formatting: nothing to do */
    switch (function)
    {
    case 1: code = (unsigned)vd_close_track(vd); break;
    case 2:
        /* CD and DVD-R: the write parameters page decides whether another session may follow;
         * DVD+R and BD-R leave the disc appendable and finalize with their own function */
        code = (unsigned)vd_close_session(vd, !(plus || bd) && (vd->st.page05[3] >> 6) != 3);
        break;
    case 5: case 6:
        if (!plus && !bd) return vd_invalid_cdb(cmd);
        code = (unsigned)vd_close_session(vd, 1);
        break;
    default:
        return vd_invalid_cdb(cmd);
    }
    if (code) return vd_sense(cmd, SK_ILLEGAL_REQUEST, code);
    return commit_now(vd, cmd);
}

int vd_cmd_reserve_track(vdrive *vd, mmc_command *cmd)
{
    unsigned code;
    int status;
    if ((status = refuse_recording(vd, cmd)) >= 0) return status;
    if (cmd->cdb[1] & 0x01) return vd_invalid_cdb(cmd);    /* ARSV (address-based) not supported */
    if (!vd_is_sequential(vd)) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INCOMPATIBLE_MEDIUM);
    if ((code = (unsigned)vd_reserve_track(vd, get_be32(cmd->cdb + 5))))
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, code);
    return commit_now(vd, cmd);
}

/* Forget the recorded bytes too: committed state first, so a crash in between leaves a
 * blank disc with stale bytes that nothing references (never the reverse). */
static int reset_image(vdrive *vd, mmc_command *cmd)
{
    int status = commit_now(vd, cmd);
    if (status == MMC_STATUS_GOOD) core_file_set_size(vd->image, 0);
    return status;
}

int vd_cmd_blank(vdrive *vd, mmc_command *cmd)
{
    unsigned type = cmd->cdb[1] & 0x07;
    uint16_t p = vd->st.profile;
    int status;

    if ((status = refuse_recording(vd, cmd)) >= 0) return status;
    if (p != MMC_PROFILE_CD_REWRITABLE && p != MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL &&
        p != MMC_PROFILE_DVD_DASH_RW_RESTRICTED)
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INCOMPATIBLE_MEDIUM);
    if (type > 1) return vd_invalid_cdb(cmd);             /* full (0) and minimal (1) only */
    if (p == MMC_PROFILE_DVD_DASH_RW_RESTRICTED) vd->st.profile = MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL;
    vd->st.sao_active = 0;
    vd_disc_blank(vd);
    return reset_image(vd, cmd);
}

int vd_cmd_format_unit(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb, *d = cmd->buf;
    unsigned type;
    uint32_t blocks, formatted;
    int status;

    if ((status = refuse_recording(vd, cmd)) >= 0) return status;
    if ((c[1] & 0x17) != 0x11) return vd_invalid_cdb(cmd);   /* FmtData with format code 001b */
    if (!d || cmd->dir != MMC_DIR_OUT || cmd->len < 12 || get_be16(d + 2) != 8) return vd_invalid_param(cmd);
    blocks = get_be32(d + 4);
    type = d[8] >> 2;
    switch (vd->st.profile)
    {
    case MMC_PROFILE_DVD_PLUS_RW:
        if (type != 0x26) return vd_invalid_param(cmd);
        formatted = vd_media(vd)->capacity;
        break;
    case MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL: case MMC_PROFILE_DVD_DASH_RW_RESTRICTED:
        if (type != 0x10 && type != 0x15) return vd_invalid_param(cmd);
        vd->st.profile = MMC_PROFILE_DVD_DASH_RW_RESTRICTED;
        formatted = vd_media(vd)->capacity;
        break;
    case MMC_PROFILE_DVD_RAM:
        if (type != 0x00 && type != 0x01) return vd_invalid_param(cmd);
        formatted = vd_media(vd)->capacity;
        break;
    case MMC_PROFILE_BD_REWRITABLE:
        if (type == 0x00) formatted = VD_BD_RE_SPARED_CAPACITY;
        else if (type == 0x31) formatted = VD_BD_CAPACITY;
        else if (type == 0x30 && blocks && blocks <= VD_BD_CAPACITY) formatted = blocks;
        else return vd_invalid_param(cmd);
        break;
    case MMC_PROFILE_BD_R_SEQUENTIAL:
        /* SRM+POW format of a blank BD-R: the layout we model already */
        if (type != 0x32 || vd_disc_status(vd) != 0) return vd_invalid_param(cmd);
        return MMC_STATUS_GOOD;
    default:
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_CANNOT_FORMAT_INCOMPATIBLE_MEDIUM);
    }
    vd_disc_format(vd, formatted);
    return reset_image(vd, cmd);
}

static unsigned from_bcd(uint8_t v)
{
    return (v >> 4) <= 9 && (v & 0x0F) <= 9 ? (v >> 4) * 10u + (v & 0x0Fu) : v;
}

/* Host bytes per sector for a cue sheet data form (low 6 bits). */
static int cue_bytes(unsigned form, int *audio, int *raw)
{
    switch (form & 0x3F)
    {
    case 0x00: *audio = 1; *raw = 1; return MMC_SECTOR_RAW_CD;   /* CD-DA */
    case 0x01: *audio = 1; *raw = 1; return 0;                   /* CD-DA generated by the drive */
    case 0x10: *audio = 0; *raw = 0; return MMC_SECTOR_DATA;     /* Mode 1, user data */
    case 0x11: *audio = 0; *raw = 1; return MMC_SECTOR_RAW_CD;   /* Mode 1, raw */
    default: return -1;
    }
}

int vd_cmd_send_cue_sheet(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *d = cmd->buf;
    size_t len = get_be24(cmd->cdb + 6), i;
    vd_track *open = vd_open_track(vd), tracks[99];
    char mcn[14], isrc[100][13];
    int32_t pregap_at[100];
    unsigned ntracks = 0, session;
    int32_t first_lba = 0, leadout = -1;
    int have_first = 0, status;

    if ((status = refuse_recording(vd, cmd)) >= 0) return status;
    if (vd_family(vd) != VD_CD || !open || open->written)
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_COMMAND_SEQUENCE_ERROR);
    if ((vd->st.page05[2] & 0x0F) != 2) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_COMMAND_SEQUENCE_ERROR);
    if (!len || len % 8 || !d || cmd->len < len || cmd->dir != MMC_DIR_OUT) return vd_invalid_param(cmd);
    session = open->session;
    memset(isrc, 0, sizeof(isrc));
    for (i = 0; i < 100; i++) pregap_at[i] = INT32_MIN;
    mcn[0] = 0;
    for (i = 0; i < len; i += 8)
    {
        const uint8_t *e = d + i;
        unsigned tno = e[1] == 0xAA ? 0xAA : from_bcd(e[1]), index = from_bcd(e[2]);
        int32_t lba = vd_msf_to_lba(e[5], e[6], e[7]);
        int audio = 0, raw = 0, bytes = cue_bytes(e[3], &audio, &raw);
        /* ADR 2 (catalogue number) and ADR 3 (ISRC) come as two entries each */
        if ((e[0] & 0x0F) == 2 || (e[0] & 0x0F) == 3)
        {
            if (i + 16 > len || (e[8] & 0x0F) != (e[0] & 0x0F)) return vd_invalid_param(cmd);
            if ((e[0] & 0x0F) == 2) { memcpy(mcn, e + 1, 7); memcpy(mcn + 7, e + 9, 6); mcn[13] = 0; }
            else if (tno >= 1 && tno <= 99) { memcpy(isrc[tno], e + 2, 6); memcpy(isrc[tno] + 6, e + 10, 6); isrc[tno][12] = 0; }
            i += 8;
            continue;
        }
        if (!have_first) { first_lba = lba; have_first = 1; }
        if (tno == 0xAA) { leadout = lba; break; }
        if (bytes < 0 || tno > 99) return vd_invalid_param(cmd);
        if (tno >= 1 && index == 0) pregap_at[tno] = lba;
        if (tno >= 1 && index >= 2 && ntracks && tracks[ntracks - 1].nindex < VD_MAX_INDEX)
            tracks[ntracks - 1].index[tracks[ntracks - 1].nindex++] = lba;
        if (tno >= 1 && index == 1)
        {
            vd_track *t = &tracks[ntracks];
            if (ntracks == 99) return vd_invalid_param(cmd);
            memset(t, 0, sizeof(*t));
            t->start = lba;
            t->session = (uint16_t)session;
            t->audio = (uint8_t)audio;
            t->raw = (uint8_t)raw;
            t->host_bytes = (uint16_t)bytes;
            t->closed = 1;
            t->control = (uint8_t)((e[0] >> 4) & 3);
            if (pregap_at[tno] != INT32_MIN && pregap_at[tno] < lba) t->pregap = (uint32_t)(lba - pregap_at[tno]);
            if (cd_isrc_valid(isrc[tno])) memcpy(t->isrc, isrc[tno], sizeof(t->isrc));
            if (ntracks) tracks[ntracks - 1].size = (uint32_t)(lba - tracks[ntracks - 1].start);
            ntracks++;
        }
    }
    if (!ntracks || leadout <= tracks[ntracks - 1].start || leadout > (int32_t)vd->st.capacity ||
        tracks[0].start < open->start || vd->st.ntracks - 1 + ntracks > VD_MAX_TRACKS)
        return vd_invalid_param(cmd);
    /* pre-gap index-0 areas between tracks stay outside the previous track */
    for (i = 0; i + 1 < ntracks; i++)
    {
        size_t k;
        for (k = 0; k < len; k += 8)
            if ((d[k] & 0x0F) == 1 && from_bcd(d[k + 1]) == i + 2 && from_bcd(d[k + 2]) == 0)
                tracks[i].size = (uint32_t)(vd_msf_to_lba(d[k + 5], d[k + 6], d[k + 7]) - tracks[i].start);
    }
    tracks[ntracks - 1].size = (uint32_t)(leadout - tracks[ntracks - 1].start);
    /* tracks in order, each non-empty and ending before the next (or the lead-out) starts;
     * the stream begins in the lead-in or pre-gap, not after track 1 */
    if (first_lba < vd_atip_leadin(vd) || first_lba > tracks[0].start) return vd_invalid_param(cmd);
    for (i = 0; i < ntracks; i++)
    {
        int64_t limit = i + 1 < ntracks ? tracks[i + 1].start : leadout;
        if (!tracks[i].size || tracks[i].start + (int64_t)tracks[i].size > limit) return vd_invalid_param(cmd);
    }
    vd->st.ntracks--;                        /* the open track becomes the cue's tracks */
    memcpy(&vd->st.tracks[vd->st.ntracks], tracks, ntracks * sizeof(tracks[0]));
    vd->st.ntracks += ntracks;
    if (cd_mcn_valid(mcn)) memcpy(vd->st.mcn, mcn, sizeof(mcn));
    vd->st.sao_active = 1;
    vd->st.sao_next = first_lba;
    vd->st.sao_end = leadout;
    cmd->transferred = len;
    return commit_now(vd, cmd);
}

int vd_cmd_send_opc(vdrive *vd, mmc_command *cmd)
{
    return MMC_STATUS_GOOD;   /* power calibration always succeeds on an emulated disc */
}
