/* READ DISC INFORMATION, READ TRACK INFORMATION, READ CAPACITY, READ FORMAT CAPACITIES
 * and READ DISC STRUCTURE. (READ TOC/PMA/ATIP lives in vdrive_cmd_toc.c.) */
#include <string.h>
#include "vdrive_internal.h"

/* ATIP start time of lead-in of the emulated blanks (a typical Taiyo Yuden-like code). */
#define ATIP_LEADIN_CDR  (-11634)  /* 97:26:66 */
#define ATIP_LEADIN_CDRW (-11700)  /* 97:25:00 */

static void put_msf_field(uint8_t *p, int32_t lba)
{
    p[0] = 0;
    vd_lba_to_msf(lba, &p[1], &p[2], &p[3]);
}

int vd_atip_leadin(const vdrive *vd)
{
    return vd->st.profile == MMC_PROFILE_CD_REWRITABLE ? ATIP_LEADIN_CDRW : ATIP_LEADIN_CDR;
}

static void session_track_range(vdrive *vd, unsigned session, unsigned *first, unsigned *last)
{
    unsigned i;
    *first = *last = 0;
    for (i = 0; i < vd->st.ntracks; i++)
        if (vd->st.tracks[i].session == session)
        {
            if (!*first) *first = i + 1;
            *last = i + 1;
        }
    if (!*first) *first = *last = vd->st.ntracks ? vd->st.ntracks : 1;
}

int vd_cmd_disc_info(vdrive *vd, mmc_command *cmd)
{
    const vd_media_info *m = vd_media(vd);
    uint8_t d[34];
    unsigned status = vd_disc_status(vd), sessions = vd_session_count(vd), first, last;
    vd_track *open = vd_open_track(vd);

    if (cmd->cdb[1] & 0x07) return vd_invalid_cdb(cmd);   /* only standard disc information */
    memset(d, 0, sizeof(d));
    put_be16(d, sizeof(d) - 2);
    d[2] = (uint8_t)((m->erasable ? 0x10 : 0) | vd_last_session_status(vd) << 2 | status);
    d[3] = 1;
    session_track_range(vd, sessions, &first, &last);
    d[4] = (uint8_t)sessions; d[9] = (uint8_t)(sessions >> 8);
    d[5] = (uint8_t)first;    d[10] = (uint8_t)(first >> 8);
    d[6] = (uint8_t)last;     d[11] = (uint8_t)(last >> 8);
    d[7] = 0x20;                                  /* URU: unrestricted use */
    if (m->kind == VD_OVERWRITE && m->needs_format && vd->st.formatted) d[7] |= 0x03; /* BG format complete */
    d[8] = 0x00;                                  /* disc type: CD-DA or CD-ROM */
    if (m->family == VD_CD)
    {
        if (status == 2) { put_be32(d + 16, 0xFFFFFFFFu); put_be32(d + 20, 0xFFFFFFFFu); }
        else
        {
            put_msf_field(d + 16, status == 0 || !open ? vd_atip_leadin(vd) : open->start - 150 - 4500);
            put_msf_field(d + 20, (int32_t)vd->st.capacity);
        }
    }
    else
    {
        put_be32(d + 16, open && status == 1 ? (uint32_t)open->start : 0);
        put_be32(d + 20, vd->st.capacity);
    }
    return vd_reply(cmd, d, sizeof(d), get_be16(cmd->cdb + 7));
}

static vd_track *find_track(vdrive *vd, const uint8_t *c, unsigned *number)
{
    uint32_t v = get_be32(c + 2);
    unsigned i;
    switch (c[1] & 0x03)
    {
    case 0:                                       /* LBA */
        for (i = 0; i < vd->st.ntracks; i++)
        {
            vd_track *t = &vd->st.tracks[i];
            uint32_t extent = t->closed ? t->size : vd->st.capacity - (uint32_t)t->start;
            if ((int32_t)v >= t->start && (uint64_t)(int32_t)v < (uint64_t)t->start + extent)
            { *number = i + 1; return t; }
        }
        return NULL;
    case 1:                                       /* track number; FFh = the invisible track */
        if (v == 0xFF && vd_open_track(vd)) { *number = vd->st.ntracks; return vd_open_track(vd); }
        if (!v || v > vd->st.ntracks) return NULL;
        *number = v;
        return &vd->st.tracks[v - 1];
    case 2:                                       /* session number: its first track */
        for (i = 0; i < vd->st.ntracks; i++)
            if (vd->st.tracks[i].session == v) { *number = i + 1; return &vd->st.tracks[i]; }
        return NULL;
    default:
        return NULL;
    }
}

int vd_cmd_track_info(vdrive *vd, mmc_command *cmd)
{
    const vd_media_info *m = vd_media(vd);
    uint8_t d[48];
    vd_track blank_track, *t;
    unsigned number = 1;
    uint32_t nwa = 0, free_blocks = 0, size;
    int nwa_valid = 0;

    memset(d, 0, sizeof(d));
    t = find_track(vd, cmd->cdb, &number);
    if (!t && !vd->st.ntracks && m->kind == VD_OVERWRITE && (cmd->cdb[1] & 3) == 1 && get_be32(cmd->cdb + 2) == 1)
    {
        memset(&blank_track, 0, sizeof(blank_track));   /* unformatted: one blank track */
        blank_track.session = 1;
        t = &blank_track;
    }
    if (!t) return vd_invalid_cdb(cmd);
    size = t->closed ? t->size : vd->st.capacity - (uint32_t)t->start;
    if (m->kind == VD_OVERWRITE && vd->st.formatted) { nwa_valid = 1; nwa = 0; free_blocks = vd->st.capacity; }
    else if (!t->closed && t == vd_open_track(vd))
    {
        nwa_valid = 1;
        nwa = (uint32_t)t->start + t->written;
        free_blocks = vd_free_blocks(vd);
    }
    else if (t->closed && t->written < t->size && m->kind == VD_SEQUENTIAL && !vd->st.finalized)
    {
        nwa_valid = 1;                             /* a reserved track not yet filled */
        nwa = (uint32_t)t->start + t->written;
        free_blocks = t->size - t->written;
    }
    put_be16(d, sizeof(d) - 2);
    d[2] = (uint8_t)number; d[32] = (uint8_t)(number >> 8);
    d[3] = (uint8_t)t->session; d[33] = (uint8_t)(t->session >> 8);
    d[5] = vd_track_control(t);                    /* track mode: the Q control nibble */
    d[6] = (uint8_t)((t->closed && t->written < t->size && m->kind == VD_SEQUENTIAL ? 0x80 : 0) |
                     (!t->written ? 0x40 : 0) |
                     (m->kind == VD_SEQUENTIAL && !t->closed ? 0x20 : 0) |
                     (t->audio ? 0x00 : !t->written ? 0x0F : 0x01));   /* data mode 1, Fh unknown */
    d[7] = (uint8_t)((t->written ? 0x02 : 0) | (nwa_valid ? 0x01 : 0));
    put_be32(d + 8, (uint32_t)t->start);
    put_be32(d + 12, nwa_valid ? nwa : 0);
    put_be32(d + 16, free_blocks);
    put_be32(d + 20, m->family == VD_DVD ? 16 : m->family == VD_BD ? 32 : 0);
    put_be32(d + 24, size);
    put_be32(d + 28, t->written ? (uint32_t)t->start + t->written - 1 : 0);
    return vd_reply(cmd, d, sizeof(d), get_be16(cmd->cdb + 7));
}

int vd_cmd_read_capacity(vdrive *vd, mmc_command *cmd)
{
    uint8_t d[8];
    int32_t last = vd_last_recorded(vd);
    put_be32(d, last < 0 ? 0 : (uint32_t)last);
    put_be32(d + 4, MMC_SECTOR_DATA);
    return vd_reply(cmd, d, sizeof(d), sizeof(d));
}

static uint8_t *format_descriptor(uint8_t *p, uint32_t blocks, unsigned type, uint32_t param)
{
    put_be32(p, blocks);
    p[4] = (uint8_t)(type << 2);
    put_be24(p + 5, param);
    return p + 8;
}

int vd_cmd_format_capacities(vdrive *vd, mmc_command *cmd)
{
    const vd_media_info *m = vd_media(vd);
    uint8_t d[4 + 8 * 6], *p = d + 12;
    unsigned current_type;
    uint32_t current_blocks;

    memset(d, 0, sizeof(d));
    if (m->kind == VD_OVERWRITE)
    {
        current_type = vd->st.formatted ? 2 : 1;
        current_blocks = vd->st.formatted ? vd->st.capacity : m->capacity;
    }
    else if (m->kind == VD_SEQUENTIAL && vd_disc_status(vd) == 0)
    { current_type = 1; current_blocks = vd->st.capacity; }
    else
    {
        int32_t last = vd_last_recorded(vd);
        current_type = 2;
        current_blocks = (uint32_t)(last + 1);
    }
    format_descriptor(d + 4, current_blocks, 0, MMC_SECTOR_DATA);
    d[8] = (uint8_t)current_type;                  /* descriptor type in bits 1:0 */
    switch (vd->st.profile)
    {
    case MMC_PROFILE_DVD_PLUS_RW:
        p = format_descriptor(p, m->capacity, 0x26, 0);
        break;
    case MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL: case MMC_PROFILE_DVD_DASH_RW_RESTRICTED:
        p = format_descriptor(p, m->capacity, 0x10, 16);
        p = format_descriptor(p, m->capacity, 0x15, 16);
        break;
    case MMC_PROFILE_DVD_RAM:
        p = format_descriptor(p, m->capacity, 0x00, MMC_SECTOR_DATA);
        break;
    case MMC_PROFILE_BD_REWRITABLE:
        p = format_descriptor(p, 11826176u, 0x00, 393216u / 32u * 32u);   /* default spare */
        p = format_descriptor(p, 11826176u, 0x30, 393216u);
        p = format_descriptor(p, 12219392u, 0x31, 0);                      /* no spare */
        break;
    default:
        break;
    }
    d[3] = (uint8_t)(p - d - 4);
    return vd_reply(cmd, d, (size_t)(p - d), get_be16(cmd->cdb + 7));
}

int vd_cmd_disc_structure(vdrive *vd, mmc_command *cmd)
{
    const vd_media_info *m = vd_media(vd);
    const uint8_t *c = cmd->cdb;
    unsigned media_type = c[1] & 0x0F, format = c[7];
    size_t alloc = get_be16(c + 8);
    uint8_t d[4 + 2048];

    memset(d, 0, sizeof(d));
    if (m->family == VD_CD) return vd_invalid_cdb(cmd);
    if (format == 0xFF)
    {
        /* structure list: code, SDS/RDS (readable) flag, length */
        uint8_t *p = d + 4;
        p[0] = 0x00; p[1] = 0x40; put_be16(p + 2, m->family == VD_DVD ? 2048 + 4 : 112 + 4); p += 4;
        if (m->family == VD_DVD) { p[0] = 0x01; p[1] = 0x40; put_be16(p + 2, 8); p += 4; }
        p[0] = 0xFF; p[1] = 0x40; put_be16(p + 2, 0xFFFF); p += 4;
        put_be16(d, (uint32_t)(p - d - 2));
        return vd_reply(cmd, d, (size_t)(p - d), alloc);
    }
    if (media_type == 0 && m->family == VD_DVD)
    {
        uint32_t start_psn = 0x030000, end_psn;
        uint8_t layer_type = m->kind == VD_ROM ? 0x01 : m->erasable ? 0x04 : 0x02;
        if (format == 0x01)
        {
            put_be16(d, 6);                       /* copyright: no protection, all regions */
            return vd_reply(cmd, d, 8, alloc);
        }
        if (format != 0x00) return vd_invalid_cdb(cmd);
        if (c[6] >= m->layers) return vd_invalid_cdb(cmd);
        end_psn = start_psn + (m->kind == VD_ROM ? (uint32_t)(vd_last_recorded(vd) + 1) : vd->st.capacity) - 1;
        put_be16(d, 2048 + 2);
        d[4] = (uint8_t)(m->book_type << 4);       /* book type, part version 0 */
        d[5] = 0x0F;                               /* 120 mm, maximum rate not specified */
        d[6] = (uint8_t)((m->layers - 1) << 5 | (m->layers > 1 ? 0x10 : 0) | layer_type);
        d[7] = 0x10;                               /* densities: 0.267 um/bit, 0.74 um/track */
        put_be32(d + 8, start_psn);
        if (m->layers > 1)
        {
            /* opposite track path: layer 1 counts back down from the complement */
            uint32_t l0_end = start_psn + vd->st.capacity / 2 - 1;
            put_be32(d + 12, ~l0_end & 0x00FFFFFFu);
            put_be32(d + 16, l0_end);
        }
        else put_be32(d + 12, end_psn);
        return vd_reply(cmd, d, 4 + 2048, alloc);
    }
    if (media_type == 1 && m->family == VD_BD && format == 0x00)
    {
        const char *id = m->kind == VD_ROM ? "BDO" : m->erasable ? "BDW" : "BDR";
        put_be16(d, 112 + 2);
        d[4] = 'D'; d[5] = 'I';                    /* disc information unit */
        d[6] = 1;                                  /* format */
        d[8] = 1;                                  /* one DI unit in the block */
        memcpy(d + 12, id, 3);
        d[15] = 0x01;                              /* disc size 120 mm, class 0, version 1 */
        d[16] = (uint8_t)(m->layers << 4 | 1);     /* layers, this layer */
        return vd_reply(cmd, d, 4 + 112, alloc);
    }
    return vd_invalid_cdb(cmd);
}
