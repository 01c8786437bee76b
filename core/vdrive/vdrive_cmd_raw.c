/* Raw disc-at-once recording (write type 3, "DAO-96"): the host streams every sector from
 * the lead-in through the lead-out, each 2352 bytes of main channel followed by its
 * sub-channel. The drive keeps the program area's main channel and learns the track
 * layout from the Q sub-channel (ADR 1: track number, index, control), as a recorder
 * writing what it is given would leave it on the disc. */
#include <string.h>
#include "vdrive_internal.h"

#define RAW_LEADOUT_TNO 0xAA
#define NO_LEADOUT (-1)

/* Host bytes per sector for the data block type of page 05h, 0 if not a raw type. */
static unsigned raw_bytes(const vdrive *vd)
{
    switch (vd->st.page05[4] & 0x0F)
    {
    case 1: return MMC_SECTOR_RAW_CD + 16;      /* P-Q: 12 bytes of Q first */
    case 2: case 3: return MMC_SECTOR_RAW_CD_PW; /* P-W: P and Q in bits 7 and 6 of each byte */
    default: return 0;
    }
}

/* The 12 Q sub-channel bytes (control/ADR, TNO, index, times, CRC) of one sector. */
static void extract_q(const uint8_t *sub, unsigned bytes, uint8_t q[12])
{
    unsigned i;
    if (bytes == MMC_SECTOR_RAW_CD + 16) { memcpy(q, sub, 12); return; }
    memset(q, 0, 12);
    for (i = 0; i < 96; i++)
        if (sub[i] & 0x40) q[i / 8] |= (uint8_t)(0x80u >> (i % 8));
}

static int bcd_valid(uint8_t v) { return (v >> 4) <= 9 && (v & 0x0F) <= 9; }
static unsigned bcd(uint8_t v) { return (v >> 4) * 10u + (v & 0x0Fu); }
/* the number a recorded track had in the stream: its place in the disc's track list */
static unsigned bcd_track(const vdrive *vd, const vd_track *t) { return (unsigned)(t - vd->st.tracks) + 1; }

/* First raw write: only on a blank disc, inside the lead-in area (from the ATIP lead-in
 * start) up to the first track's pre-gap. */
static int start_raw(vdrive *vd, mmc_command *cmd, int64_t lba)
{
    vd_track *open = vd_open_track(vd);
    int32_t leadin = vd_atip_leadin(vd);
    if (!open || open->written || vd->st.sessions_closed)
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_COMMAND_SEQUENCE_ERROR);
    if (lba < leadin || lba > open->start - 150)
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_ADDRESS_FOR_WRITE);
    vd->st.ntracks--;                    /* the tracks will come from the sub-channel */
    vd->st.mcn[0] = 0;
    vd->pending_pregap = NO_LEADOUT;
    vd->st.sao_active = 2;
    vd->st.sao_next = (int32_t)lba;
    vd->st.sao_end = NO_LEADOUT;
    vd->meta_dirty = 1;
    return -1;
}

int vd_write_raw(vdrive *vd, mmc_command *cmd, int64_t lba, uint32_t count)
{
    unsigned bytes = raw_bytes(vd), session = vd->st.sessions_closed + 1;
    const uint8_t *src = cmd->buf;
    uint32_t i;
    int status;

    if (!bytes || vd_family(vd) != VD_CD || (vd->st.page05[2] & 0x0F) != 3)
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_ILLEGAL_MODE_FOR_THIS_TRACK);
    if (!src || cmd->dir != MMC_DIR_OUT || cmd->len / bytes < count) return vd_invalid_cdb(cmd);
    if (vd->st.sao_active != 2 && (status = start_raw(vd, cmd, lba)) >= 0) return status;
    if (lba != vd->st.sao_next) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_ADDRESS_FOR_WRITE);
    if (lba + count > (int64_t)vd->st.capacity + 6750)   /* lead-out may run past the last start */
        return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_LBA_OUT_OF_RANGE);
    if (vd_buffer_take(vd, (uint64_t)count * bytes))
        return vd_sense(cmd, SK_MEDIUM_ERROR, MMC_ASCQ_LOSS_OF_STREAMING);
    for (i = 0; i < count; i++)
    {
        const uint8_t *sector = src + (size_t)i * bytes;
        int64_t at = lba + i;
        vd_track *last = vd->st.ntracks ? &vd->st.tracks[vd->st.ntracks - 1] : NULL;
        uint8_t q[12];

        if (last && last->session != session) last = NULL;
        if (vd->st.sao_end != NO_LEADOUT) continue;           /* lead-out */
        extract_q(sector + MMC_SECTOR_RAW_CD, bytes, q);
        if (at < -150) continue;                               /* lead-in: the drive makes its own TOC */
        if ((q[0] & 0x0F) == 1)
        {
            if (q[1] == RAW_LEADOUT_TNO) { vd->st.sao_end = (int32_t)at; continue; }
            if (bcd_valid(q[1]) && bcd_valid(q[2]) && bcd(q[1]) >= 1 && bcd(q[1]) > (last ? bcd_track(vd, last) : 0) &&
                bcd(q[2]) == 0 && vd->pending_pregap == NO_LEADOUT)
                vd->pending_pregap = (int32_t)at;              /* index 0 of the next track begins */
            if (bcd_valid(q[1]) && bcd_valid(q[2]) && bcd(q[2]) >= 1 && bcd(q[1]) >= 1 &&
                (!last || bcd(q[1]) > vd->st.ntracks) && vd->st.ntracks < VD_MAX_TRACKS && at >= 0)
            {
                last = &vd->st.tracks[vd->st.ntracks++];     /* index 1 of a new track */
                memset(last, 0, sizeof(*last));
                last->start = (int32_t)at;
                last->session = (uint16_t)session;
                last->audio = !(q[0] & 0x40);                /* control bit 2: data track */
                last->raw = 1;
                last->closed = 1;
                last->host_bytes = (uint16_t)bytes;
                if (vd->pending_pregap != NO_LEADOUT && vd->pending_pregap < at)
                    last->pregap = (uint32_t)(at - vd->pending_pregap);
                vd->pending_pregap = NO_LEADOUT;
            }
        }
        vd_cd_note_q(vd, last, q, at);
        if (at < 0 || !last) continue;                         /* before track 1's index 1 */
        if (at >= (int64_t)vd->st.capacity) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_LBA_OUT_OF_RANGE);
        if (vd_image_write(vd, at, 1, MMC_SECTOR_RAW_CD, sector))
            return vd_sense(cmd, SK_MEDIUM_ERROR, 0x0C00);
        last->written = (uint32_t)(at - last->start + 1);
        last->size = last->written;
    }
    vd->st.sao_next = (int32_t)(lba + count);
    vd->data_dirty = 1;
    cmd->transferred = (size_t)count * bytes;
    return MMC_STATUS_GOOD;
}

/* SYNCHRONIZE CACHE ends the raw stream: tracks run up to the next one, the last up to
 * the lead-out (or to where the host stopped if it sent none). */
void vd_finish_raw(vdrive *vd)
{
    unsigned i, session = vd->st.sessions_closed + 1, first = vd->st.ntracks;
    int32_t end = vd->st.sao_end != NO_LEADOUT ? vd->st.sao_end : vd->st.sao_next;

    for (i = 0; i < vd->st.ntracks; i++)
        if (vd->st.tracks[i].session == session && i < first) first = i;
    if (first == vd->st.ntracks)
    {
        /* nothing recorded in the program area: the disc stays blank */
        vd->st.sao_active = 0;
        vd_disc_blank(vd);
        return;
    }
    for (i = first; i < vd->st.ntracks; i++)
    {
        vd_track *t = &vd->st.tracks[i];
        int32_t next = i + 1 < vd->st.ntracks ? vd->st.tracks[i + 1].start : end;
        t->size = (uint32_t)(next - t->start);
        if (t->written > t->size) t->written = t->size;
    }
    vd->st.sao_end = end;
    vd_finish_dao(vd);
}
