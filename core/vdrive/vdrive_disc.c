/* The disc model: tracks, sessions, next writable address, closing and reserving,
 * blanking and formatting. Handlers turn CDBs into these operations; the operations
 * never build sense data themselves but return MMC_ASCQ_* style codes. */
#include <string.h>
#include "vdrive_internal.h"

#define CD_TRACK_PREGAP 150

const vd_media_info *vd_media(const vdrive *vd)
{
    return vd->st.media_present ? vd_media_find(vd->st.profile) : NULL;
}

int vd_media_ready(const vdrive *vd)
{
    return !vd->st.tray_open && vd->st.media_present && !vd->st.becoming_ready;
}

enum vd_family vd_family(const vdrive *vd)
{
    const vd_media_info *m = vd_media(vd);
    return m ? m->family : VD_CD;
}

int vd_is_sequential(const vdrive *vd)
{
    const vd_media_info *m = vd_media(vd);
    return m && m->kind == VD_SEQUENTIAL;
}

int vd_is_writable_profile(uint16_t profile)
{
    const vd_media_info *m = vd_media_find(profile);
    return m && m->kind != VD_ROM;
}

/* Tracks on DVD start on ECC-block (16 sector) boundaries, on BD on clusters (32). */
static int32_t align_track_start(const vdrive *vd, int32_t lba)
{
    uint32_t unit = vd_family(vd) == VD_DVD ? 16 : vd_family(vd) == VD_BD ? 32 : 1;
    return (int32_t)(((uint32_t)lba + unit - 1) / unit * unit);
}

vd_track *vd_open_track(vdrive *vd)
{
    vd_state *st = &vd->st;
    vd_track *t;
    if (!vd_is_sequential(vd) || st->finalized || !st->ntracks) return NULL;
    t = &st->tracks[st->ntracks - 1];
    return t->closed ? NULL : t;
}

uint32_t vd_next_writable(vdrive *vd)
{
    vd_track *t = vd_open_track(vd);
    return t ? (uint32_t)t->start + t->written : 0;
}

uint32_t vd_free_blocks(vdrive *vd)
{
    vd_track *t = vd_open_track(vd);
    uint32_t nwa;
    if (!t) return 0;
    nwa = (uint32_t)t->start + t->written;
    return nwa < vd->st.capacity ? vd->st.capacity - nwa : 0;
}

int32_t vd_last_recorded(vdrive *vd)
{
    const vd_media_info *m = vd_media(vd);
    int32_t last = -1;
    unsigned i;
    if (m && m->kind == VD_OVERWRITE) return vd->st.formatted ? (int32_t)vd->st.capacity - 1 : -1;
    for (i = 0; i < vd->st.ntracks; i++)
    {
        const vd_track *t = &vd->st.tracks[i];
        if (t->written && t->start + (int32_t)t->written - 1 > last) last = t->start + (int32_t)t->written - 1;
    }
    return last;
}

unsigned vd_disc_status(vdrive *vd)
{
    const vd_media_info *m = vd_media(vd);
    const vd_state *st = &vd->st;
    if (!m) return 0;
    if (m->kind == VD_ROM) return 2;
    if (m->kind == VD_OVERWRITE) return st->formatted ? 2 : 0;
    if (st->finalized) return 2;
    if (!st->sessions_closed && st->ntracks == 1 && !st->tracks[0].written && !st->tracks[0].closed)
        return 0;
    return 1;
}

unsigned vd_last_session_status(vdrive *vd)
{
    const vd_media_info *m = vd_media(vd);
    const vd_state *st = &vd->st;
    unsigned i, open_session;
    if (!m) return 0;
    if (m->kind == VD_OVERWRITE) return st->formatted ? 3 : 0;
    if (m->kind == VD_ROM || st->finalized) return 3;
    open_session = st->sessions_closed + 1;
    for (i = 0; i < st->ntracks; i++)
        if (st->tracks[i].session == open_session && (st->tracks[i].written || st->tracks[i].closed))
            return 1;
    return 0;
}

unsigned vd_session_count(vdrive *vd)
{
    if (vd_is_sequential(vd) && !vd->st.finalized) return vd->st.sessions_closed + 1;
    return vd->st.sessions_closed ? vd->st.sessions_closed : 1;
}

vd_track *vd_track_at(vdrive *vd, int64_t lba)
{
    unsigned i;
    for (i = 0; i < vd->st.ntracks; i++)
    {
        vd_track *t = &vd->st.tracks[i];
        uint32_t extent = t->closed ? t->size : t->written;
        if (lba >= t->start && lba < (int64_t)t->start + extent) return t;
    }
    return NULL;
}

static void add_open_track(vdrive *vd, int32_t start, unsigned session)
{
    vd_state *st = &vd->st;
    vd_track *t;
    if (st->ntracks >= VD_MAX_TRACKS || start >= (int32_t)st->capacity)
    {
        st->finalized = 1;  /* no room for another track: nothing more can be appended */
        return;
    }
    t = &st->tracks[st->ntracks++];
    memset(t, 0, sizeof(*t));
    t->start = start;
    t->session = (uint16_t)session;
}

void vd_disc_blank(vdrive *vd)
{
    const vd_media_info *m = vd_media_find(vd->st.profile);
    vd_state *st = &vd->st;
    st->finalized = 0;
    st->sessions_closed = 0;
    st->ntracks = 0;
    st->mcn[0] = 0;                  /* the catalogue number goes with the recorded disc */
    st->formatted = 0;
    st->capacity = m ? m->capacity : 0;
    if (!m) return;
    if (m->kind == VD_SEQUENTIAL) add_open_track(vd, 0, 1);
    else if (m->kind == VD_OVERWRITE && !m->needs_format) vd_disc_format(vd, m->capacity);
}

void vd_disc_format(vdrive *vd, uint32_t blocks)
{
    vd_state *st = &vd->st;
    vd_track *t = &st->tracks[0];
    st->formatted = 1;
    st->finalized = 0;
    st->capacity = blocks;
    st->sessions_closed = 1;
    st->ntracks = 1;
    memset(t, 0, sizeof(*t));
    t->start = 0;
    t->size = blocks;
    t->written = blocks;  /* every block of overwritable media reads (zeros until written) */
    t->session = 1;
    t->closed = 1;
}

static int32_t next_track_start(vdrive *vd, const vd_track *prev)
{
    int32_t end = prev->start + (int32_t)prev->size;
    return vd_family(vd) == VD_CD ? end + CD_TRACK_PREGAP : align_track_start(vd, end);
}

int vd_close_track(vdrive *vd)
{
    vd_track *t = vd_open_track(vd);
    if (!t || !t->written) return 0;    /* nothing recorded: closing is a no-op */
    t->size = t->written;
    t->closed = 1;
    add_open_track(vd, next_track_start(vd, t), t->session);
    return 0;
}

int vd_close_session(vdrive *vd, int finalize)
{
    vd_state *st = &vd->st;
    unsigned session = st->sessions_closed + 1, i, tracks_in_session = 0;
    int32_t end = 0;
    vd_track *t;

    if (!vd_is_sequential(vd) || st->finalized) return MMC_ASCQ_COMMAND_SEQUENCE_ERROR;
    vd_close_track(vd);
    t = vd_open_track(vd);
    if (t && !t->written) st->ntracks--;  /* drop the empty invisible track */
    for (i = 0; i < st->ntracks; i++)
        if (st->tracks[i].session == session)
        {
            tracks_in_session++;
            end = st->tracks[i].start + (int32_t)st->tracks[i].size;
        }
    if (!tracks_in_session)
    {
        if (finalize && st->sessions_closed) { st->finalized = 1; return 0; }
        add_open_track(vd, t ? t->start : 0, session);   /* nothing to close: restore */
        return finalize ? MMC_ASCQ_COMMAND_SEQUENCE_ERROR : 0;
    }
    st->sessions_closed++;
    if (finalize) { st->finalized = 1; return 0; }
    if (vd_family(vd) == VD_CD)
        end += st->sessions_closed == 1 ? CD_FIRST_SESSION_OVERHEAD : CD_LATER_SESSION_OVERHEAD;
    else
        end = align_track_start(vd, end);
    add_open_track(vd, end, st->sessions_closed + 1);
    return 0;
}

int vd_reserve_track(vdrive *vd, uint32_t blocks)
{
    vd_track *t = vd_open_track(vd);
    if (!t || t->written) return MMC_ASCQ_COMMAND_SEQUENCE_ERROR;
    if (vd_family(vd) == VD_DVD) blocks = (blocks + 15) / 16 * 16;
    if (!blocks || (uint64_t)t->start + blocks > vd->st.capacity) return MMC_ASCQ_INVALID_FIELD_IN_CDB;
    t->size = blocks;
    t->closed = 1;
    add_open_track(vd, next_track_start(vd, t), t->session);
    return 0;
}

uint32_t vd_sector_stride(const vdrive *vd)
{
    return vd_family(vd) == VD_CD ? MMC_SECTOR_RAW_CD : MMC_SECTOR_DATA;
}

uint64_t vd_image_offset(const vdrive *vd, int64_t lba)
{
    return (uint64_t)lba * vd_sector_stride(vd);
}

void vd_default_pages(vd_state *st, const vdrive_config *cfg)
{
    memset(st->page01, 0, sizeof(st->page01));
    st->page01[0] = MMC_MODE_PAGE_ERROR_RECOVERY;
    st->page01[1] = 0x0A;
    st->page01[3] = 0x20;                  /* read retry count */
    st->page01[8] = 0x20;                  /* write retry count */
    memset(st->page05, 0, sizeof(st->page05));
    st->page05[0] = MMC_MODE_PAGE_WRITE_PARAMETERS;
    st->page05[1] = 0x32;
    st->page05[2] = 0x40 | 0x01;           /* BUFE on, write type TAO */
    st->page05[3] = 0x04;                  /* multi-session 00b, track mode 4 (data) */
    st->page05[4] = 0x08;                  /* data block type: Mode 1, 2048 bytes */
    put_be16(&st->page05[14], 150);        /* audio pause length */
    memset(st->page08, 0, sizeof(st->page08));
    st->page08[0] = MMC_MODE_PAGE_CACHING;
    st->page08[1] = 0x0A;
    st->page08[2] = 0x04;                  /* WCE */
    memset(st->page1a, 0, sizeof(st->page1a));
    st->page1a[0] = MMC_MODE_PAGE_POWER_CONDITION;
    st->page1a[1] = 0x0A;
    memset(st->page1d, 0, sizeof(st->page1d));
    st->page1d[0] = MMC_MODE_PAGE_TIMEOUT_AND_PROTECT;
    st->page1d[1] = 0x0A;
    put_be16(&st->page1d[6], 30);          /* group 1 minimum timeout, seconds */
    put_be16(&st->page1d[8], 600);         /* group 2 minimum timeout */
    (void)cfg;
}

unsigned vd_speed_unit(const vdrive *vd)
{
    switch (vd_family(vd))
    {
    case VD_DVD: return 1385;
    case VD_BD: return 4496;
    default: return 176;
    }
}

void vd_speed_list(const vdrive *vd, unsigned *speeds, unsigned *n)
{
    const unsigned *mult = vd->cfg.cd_speeds;
    unsigned count = vd->cfg.ncd_speeds, i, j;
    if (vd_family(vd) == VD_DVD) { mult = vd->cfg.dvd_speeds; count = vd->cfg.ndvd_speeds; }
    if (vd_family(vd) == VD_BD) { mult = vd->cfg.bd_speeds; count = vd->cfg.nbd_speeds; }
    for (i = 0; i < count; i++) speeds[i] = mult[i] * vd_speed_unit(vd);
    for (i = 1; i < count; i++)          /* a handful of entries: insertion sort */
        for (j = i; j > 0 && speeds[j] > speeds[j - 1]; j--)
        { unsigned x = speeds[j]; speeds[j] = speeds[j - 1]; speeds[j - 1] = x; }
    *n = count;
}
