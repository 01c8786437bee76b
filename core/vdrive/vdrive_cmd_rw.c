/* READ(10/12), READ CD, WRITE(10/12), SYNCHRONIZE CACHE, and the write buffer model
 * that turns a host not keeping up into loss of streaming when BUFE is off. */
#include <string.h>
#include "vdrive_internal.h"

static unsigned current_write_speed(vdrive *vd)
{
    unsigned speeds[VDRIVE_MAX_SPEEDS], n;
    if (vd->st.write_speed) return vd->st.write_speed;
    vd_speed_list(vd, speeds, &n);
    return n ? speeds[0] : vd_speed_unit(vd);
}

int vd_buffer_drain(vdrive *vd)
{
    uint64_t now = vd_now_ms(vd), elapsed = now > vd->buf_last_ms ? now - vd->buf_last_ms : 0;
    uint64_t drained = elapsed * current_write_speed(vd);   /* kB/s = bytes per ms */
    vd->buf_last_ms = now;
    if (drained >= vd->buf_fill)
    {
        /* remembered until the next WRITE: a READ BUFFER CAPACITY in between drains too,
         * and must not hide the underrun */
        if (vd->streaming && drained > vd->buf_fill) vd->ran_dry = 1;
        vd->buf_fill = 0;
    }
    else vd->buf_fill -= drained;
    return vd->ran_dry && vd->streaming;
}

static void stream_stop(vdrive *vd)
{
    vd->streaming = 0;
    vd->buf_fill = 0;
}

int vd_buffer_take(vdrive *vd, uint64_t bytes)
{
    uint64_t size = (uint64_t)vd->cfg.buffer_kb * 1024u;
    int dry = vd_buffer_drain(vd);
    vd->ran_dry = 0;
    if (dry && !(vd->st.page05[2] & 0x40))
    {
        stream_stop(vd);      /* the drive stopped writing: the track is damaged from here */
        return 1;
    }
    vd->buf_fill += bytes;
    if (vd->buf_fill > size) vd->buf_fill = size;   /* a real drive would make the host wait */
    vd->streaming = 1;
    return 0;
}

/* A realtime drive (config `realtime 1`) takes data only as its buffer empties: a WRITE
 * that does not fit answers NOT READY, LONG WRITE IN PROGRESS (02/04/08) and the host
 * sends it again, as a drive with a full buffer makes it wait. A transfer larger than
 * half the buffer is taken once half of it is free (the drive takes the rest while it
 * writes). Looks without draining, so an underrun is still seen by vd_buffer_take. */
static int buffer_has_no_room(vdrive *vd, uint64_t bytes)
{
    uint64_t size = (uint64_t)vd->cfg.buffer_kb * 1024u, now = vd_now_ms(vd), fill = vd->buf_fill;
    uint64_t drained = (now > vd->buf_last_ms ? now - vd->buf_last_ms : 0) * current_write_speed(vd);
    if (!vd->cfg.realtime || !vd->streaming) return 0;
    fill = drained >= fill ? 0 : fill - drained;
    return fill + (bytes < size / 2 ? bytes : size / 2) > size;
}

/* --- reads --- */

/* Why a block cannot be read: outside every track, or inside a reserved or open track
 * but not recorded yet (a reserved track's blocks past its NWA). Both answer 05/21/00
 * LOGICAL BLOCK ADDRESS OUT OF RANGE (source: T10 MMC-6, READ (10)/(12): a read of a
 * block that is not readable on the medium; SPC's ASC list). Write-once recorders
 * (CD-R, DVD+-R, BD-R) report it for unrecorded blocks past a track's last recorded
 * address, and the model already answered it past the NWA of the open track. BLANK
 * CHECK (8/xx) is the sequential-access/WORM-disk notion that MMC drives do not use for
 * reads. See README "Reading unrecorded or lost blocks". */
static unsigned unreadable(vdrive *vd, int64_t lba, vd_track **out)
{
    vd_track *t = vd_track_at(vd, lba);
    if (!t || lba >= (int64_t)t->start + t->written) return MMC_ASCQ_LBA_OUT_OF_RANGE;
    *out = t;
    return 0;
}

int vd_cmd_read(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    int64_t lba = (int32_t)get_be32(c + 2);
    uint32_t count = c[0] == MMC_READ10 ? get_be16(c + 7) : get_be32(c + 6), done = 0;
    const vd_media_info *m = vd_media(vd);

    if (!count) return MMC_STATUS_GOOD;
    if (!cmd->buf || cmd->dir != MMC_DIR_IN || cmd->len / MMC_SECTOR_DATA < count) return vd_invalid_cdb(cmd);
    if (m->kind == VD_OVERWRITE && !vd->st.formatted)
        return vd_sense(cmd, SK_MEDIUM_ERROR, MMC_ASCQ_CANNOT_READ_UNKNOWN_FORMAT);
    while (done < count)
    {
        vd_track *t = NULL;
        uint32_t run;
        unsigned code;
        int hr;
        if ((code = unreadable(vd, lba + done, &t))) return vd_sense(cmd, SK_ILLEGAL_REQUEST, code);
        if (t->audio) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_ILLEGAL_MODE_FOR_THIS_TRACK);
        /* at least one block: unreadable() checked lba + done < start + written */
        run = (uint32_t)(t->start + (int64_t)t->written - (lba + done));
        if (run > count - done) run = count - done;
        hr = vd_image_read(vd, lba + done, run, MMC_SECTOR_DATA, t->raw ? 16 : 0,
                           (uint8_t *)cmd->buf + (size_t)done * MMC_SECTOR_DATA);
        if (hr) return vd_sense(cmd, SK_MEDIUM_ERROR, MMC_ASCQ_UNRECOVERED_READ_ERROR);
        done += run;
    }
    cmd->transferred = (size_t)count * MMC_SECTOR_DATA;
    return MMC_STATUS_GOOD;
}

int vd_cmd_read_cd(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    int64_t lba = (int32_t)get_be32(c + 2);
    uint32_t count = get_be24(c + 6), i;
    unsigned sector_type = (c[1] >> 2) & 0x07, fields = c[9] & 0xF8;
    size_t out = 0;

    if (vd_family(vd) != VD_CD) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_CANNOT_READ_INCOMPATIBLE_FORMAT);
    if (c[10] & 0x07) return vd_invalid_cdb(cmd);            /* no subchannel data */
    if (!fields)
    {
        /* nothing to transfer: only the addresses are checked (first and last suffice) */
        vd_track *a = vd_track_at(vd, lba), *b = count ? vd_track_at(vd, lba + count - 1) : a;
        if (count && (!a || !b)) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_LBA_OUT_OF_RANGE);
        return MMC_STATUS_GOOD;
    }
    if ((uint64_t)count * MMC_SECTOR_DATA > cmd->len + (uint64_t)MMC_SECTOR_RAW_CD) return vd_invalid_cdb(cmd);
    for (i = 0; i < count; i++)
    {
        vd_track *t = NULL;
        uint32_t bytes, skip = 0;
        unsigned code = unreadable(vd, lba + i, &t);
        if (code) return vd_sense(cmd, SK_ILLEGAL_REQUEST, code);
        if (t->audio)
        {
            if (sector_type != 0 && sector_type != 1)
                return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_ILLEGAL_MODE_FOR_THIS_TRACK);
            bytes = fields ? MMC_SECTOR_RAW_CD : 0;            /* audio sectors are always raw */
        }
        else
        {
            if (sector_type != 0 && sector_type != 2)
                return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_ILLEGAL_MODE_FOR_THIS_TRACK);
            if (fields == 0x10) { bytes = MMC_SECTOR_DATA; skip = t->raw ? 16 : 0; }
            else if (fields == 0xF8 && t->raw) bytes = MMC_SECTOR_RAW_CD;
            else if (!fields) bytes = 0;
            else return vd_invalid_cdb(cmd);    /* we keep no sync/header/EDC for cooked tracks */
        }
        if (out + bytes > cmd->len || (bytes && !cmd->buf)) return vd_invalid_cdb(cmd);
        if (bytes && vd_image_read(vd, lba + i, 1, bytes, skip, (uint8_t *)cmd->buf + out))
            return vd_sense(cmd, SK_MEDIUM_ERROR, MMC_ASCQ_UNRECOVERED_READ_ERROR);
        out += bytes;
    }
    cmd->transferred = out;
    return MMC_STATUS_GOOD;
}

/* --- writes --- */

/* Bytes per sector the host sends for the current write parameters. */
static unsigned write_block_bytes(vdrive *vd)
{
    if (vd_family(vd) != VD_CD) return MMC_SECTOR_DATA;
    switch (vd->st.page05[4] & 0x0F)
    {
    case 0: return MMC_SECTOR_RAW_CD;
    default: return MMC_SECTOR_DATA;   /* 8: Mode 1, 10: Mode 2 form 1 user data */
    }
}

static int write_sao(vdrive *vd, mmc_command *cmd, int64_t lba, uint32_t count);

void vd_track_mode(vdrive *vd, uint8_t *audio, uint8_t *raw)
{
    *audio = (vd->st.page05[3] & 0x0F) < 4;
    *raw = write_block_bytes(vd) == MMC_SECTOR_RAW_CD;
}

int vd_cmd_write(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    const vd_media_info *m = vd_media(vd);
    int64_t lba = (int32_t)get_be32(c + 2);
    uint32_t count = c[0] == MMC_WRITE10 ? get_be16(c + 7) : get_be32(c + 6);
    unsigned bytes = write_block_bytes(vd);
    int test_write = vd_family(vd) != VD_BD && (vd->st.page05[2] & 0x10);
    vd_track *t = NULL;
    unsigned i;

    if (m->kind == VD_ROM) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INCOMPATIBLE_MEDIUM);
    if (vd->st.write_protected) return vd_sense(cmd, SK_DATA_PROTECT, MMC_ASCQ_WRITE_PROTECTED);
    if (!count) return MMC_STATUS_GOOD;
    if (vd->st.sao_active == 2 || (vd_family(vd) == VD_CD && (vd->st.page05[2] & 0x0F) == 3))
        return vd_write_raw(vd, cmd, lba, count);
    if (vd->st.sao_active) return write_sao(vd, cmd, lba, count);
    if (!cmd->buf || cmd->dir != MMC_DIR_OUT || cmd->len / bytes < count) return vd_invalid_cdb(cmd);

    if (m->kind == VD_OVERWRITE)
    {
        if (!vd->st.formatted) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_CANNOT_WRITE_INCOMPATIBLE_FORMAT);
        if (lba < 0 || lba + count > vd->st.capacity) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_LBA_OUT_OF_RANGE);
    }
    else
    {
        /* sequential media: only at the NWA of the open track or of a reserved track */
        for (i = 0; i < vd->st.ntracks && !vd->st.finalized; i++)
        {
            vd_track *x = &vd->st.tracks[i];
            if (x->start + (int64_t)x->written == lba && (!x->closed || x->written < x->size)) { t = x; break; }
        }
        if (!t) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_ADDRESS_FOR_WRITE);
        if (lba + count > (t->closed ? (int64_t)t->start + t->size : (int64_t)vd->st.capacity))
            return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_LBA_OUT_OF_RANGE);
        if (vd_family(vd) == VD_CD)
        {
            uint8_t audio, raw;
            vd_track_mode(vd, &audio, &raw);
            if (t->written && (t->audio != audio || t->raw != raw))
                return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_ILLEGAL_MODE_FOR_THIS_TRACK);
            if (!test_write) { t->audio = audio; t->raw = raw; }
        }
    }

    if (buffer_has_no_room(vd, (uint64_t)count * bytes))
        return vd_sense(cmd, SK_NOT_READY, MMC_ASCQ_LONG_WRITE_IN_PROGRESS);
    if (vd_buffer_take(vd, (uint64_t)count * bytes))
        return vd_sense(cmd, SK_MEDIUM_ERROR, MMC_ASCQ_LOSS_OF_STREAMING);

    if (!test_write)
    {
        /* a reserved track lies before other tracks, where the image size cannot tell a
         * crash's lost progress (vdrive_recover.c): its state goes first, then the data */
        if (t && t->closed)
        {
            t->written += count;
            if (vd_commit(vd, 0)) { t->written -= count; return vd_sense(cmd, SK_MEDIUM_ERROR, 0x0C00); }
            t = NULL;
        }
        if (vd_image_write(vd, lba, count, bytes, cmd->buf))
            return vd_sense(cmd, SK_MEDIUM_ERROR, 0x0C00);     /* write error */
        vd_step(vd, "write");
        if (t) t->written += count;
        vd->data_dirty = 1;
    }
    cmd->transferred = (size_t)count * bytes;
    return MMC_STATUS_GOOD;
}

/* SAO: the host sends every sector from the first pre-gap to the lead-out in order;
 * pre-gap sectors (outside any track) are accepted and dropped. */
static int write_sao(vdrive *vd, mmc_command *cmd, int64_t lba, uint32_t count)
{
    const uint8_t *src = cmd->buf;
    size_t used = 0;
    uint32_t i;

    if (lba != vd->st.sao_next) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_ADDRESS_FOR_WRITE);
    if (lba + count > vd->st.sao_end) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_LBA_OUT_OF_RANGE);
    if (!src || cmd->dir != MMC_DIR_OUT) return vd_invalid_cdb(cmd);
    for (i = 0; i < count; i++)
    {
        vd_track *t = NULL;
        unsigned k, bytes;
        for (k = 0; k < vd->st.ntracks; k++)
        {
            vd_track *x = &vd->st.tracks[k];
            if (x->session == vd->st.sessions_closed + 1 && lba + i >= x->start && lba + i < (int64_t)x->start + x->size)
            { t = x; break; }
        }
        /* pre-gaps take the format of the track they precede */
        if (!t)
            for (k = 0; k < vd->st.ntracks; k++)
                if (vd->st.tracks[k].session == vd->st.sessions_closed + 1 && vd->st.tracks[k].start > lba + i)
                { bytes = vd->st.tracks[k].host_bytes; goto have_bytes; }
        bytes = t ? t->host_bytes : 0;
    have_bytes:
        if (used + bytes > cmd->len) return vd_invalid_cdb(cmd);
        if (t)
        {
            /* a track the drive generates (silence, host_bytes 0) is recorded as zeros,
             * so every recorded sector has its bytes in the image */
            static const uint8_t silence[MMC_SECTOR_RAW_CD];
            if (bytes ? vd_image_write(vd, lba + i, 1, bytes, src + used)
                      : vd_image_write(vd, lba + i, 1, MMC_SECTOR_RAW_CD, silence))
                return vd_sense(cmd, SK_MEDIUM_ERROR, 0x0C00);
            t->written = (uint32_t)(lba + i - t->start + 1);
        }
        used += bytes;
    }
    vd->st.sao_next = (int32_t)(lba + count);
    vd->data_dirty = 1;
    cmd->transferred = used;
    return MMC_STATUS_GOOD;
}

/* The lead-out is reached: the disc-at-once session is complete. */
void vd_finish_dao(vdrive *vd)
{
    unsigned i, session = vd->st.sessions_closed + 1;
    int multi = (vd->st.page05[3] >> 6) == 3;
    int32_t end = vd->st.sao_end;
    vd->st.sao_active = 0;
    for (i = 0; i < vd->st.ntracks; i++)
        if (vd->st.tracks[i].session == session) vd->st.tracks[i].written = vd->st.tracks[i].size;
    int64_t next = (int64_t)end + (vd->st.sessions_closed ? CD_LATER_SESSION_OVERHEAD : CD_FIRST_SESSION_OVERHEAD);
    vd->st.sessions_closed++;
    /* no room for another session (its first track would start past the capacity) */
    if (!multi || vd->st.ntracks >= VD_MAX_TRACKS || next >= (int64_t)vd->st.capacity)
    { vd->st.finalized = 1; return; }
    {
        vd_track *t = &vd->st.tracks[vd->st.ntracks++];
        memset(t, 0, sizeof(*t));
        t->start = (int32_t)next;
        t->session = (uint16_t)(session + 1);
    }
}

int vd_cmd_sync_cache(vdrive *vd, mmc_command *cmd)
{
    stream_stop(vd);
    if (vd->st.sao_active == 1 && vd->st.sao_next >= vd->st.sao_end) { vd_finish_dao(vd); vd->meta_dirty = 1; }
    if (vd->st.sao_active == 2) { vd_finish_raw(vd); vd->meta_dirty = 1; }
    if ((vd->data_dirty || vd->meta_dirty) && vd_commit(vd, 1))
        return vd_sense(cmd, SK_MEDIUM_ERROR, 0x0C00);
    return MMC_STATUS_GOOD;
}
