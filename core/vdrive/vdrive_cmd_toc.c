/* READ TOC/PMA/ATIP: formats 0 (TOC), 1 (session info), 2 (full TOC), 4 (ATIP) and
 * 5 (CD-TEXT, always empty here). Tracks appear once they hold data or are fixed. */
#include <string.h>
#include "vdrive_internal.h"

#define LEADOUT_TRACK 0xAA

static int in_toc(const vd_track *t) { return t->closed || t->written; }

static uint32_t track_end(const vd_track *t) { return (uint32_t)t->start + (t->closed ? t->size : t->written); }

static void put_address(uint8_t *p, int32_t lba, int msf)
{
    if (msf) { p[0] = 0; vd_lba_to_msf(lba, &p[1], &p[2], &p[3]); }
    else put_be32(p, (uint32_t)lba);
}

static uint8_t control(const vd_track *t) { return vd_track_control(t); }

/* Format 0: one descriptor per track from the requested number on, then the lead-out. */
static size_t toc_format0(vdrive *vd, uint8_t *d, unsigned from, int msf, unsigned *last_out)
{
    unsigned i, first = 0, last = 0;
    uint8_t *p = d + 4;
    const vd_track *lt = NULL;
    for (i = 0; i < vd->st.ntracks; i++)
    {
        const vd_track *t = &vd->st.tracks[i];
        if (!in_toc(t)) continue;
        if (!first) first = i + 1;
        last = i + 1;
        lt = t;
        if (i + 1 < from) continue;
        p[1] = (uint8_t)(0x10 | control(t));    /* ADR 1 */
        p[2] = (uint8_t)(i + 1);
        put_address(p + 4, t->start, msf);
        p += 8;
    }
    p[1] = (uint8_t)(0x10 | (lt ? control(lt) : 0x04));
    p[2] = LEADOUT_TRACK;
    put_address(p + 4, lt ? (int32_t)track_end(lt) : 0, msf);
    p += 8;
    d[2] = (uint8_t)first;
    d[3] = (uint8_t)last;
    *last_out = last;
    return (size_t)(p - d);
}

static uint8_t *full_toc_entry(uint8_t *p, unsigned session, uint8_t adr_ctl, uint8_t point,
                               uint8_t pm, uint8_t ps, uint8_t pf)
{
    memset(p, 0, 11);
    p[0] = (uint8_t)session;
    p[1] = adr_ctl;
    p[3] = point;
    p[8] = pm; p[9] = ps; p[10] = pf;
    return p + 11;
}

static size_t toc_format2(vdrive *vd, uint8_t *d)
{
    unsigned s, i, last_session = 0;
    uint8_t *p = d + 4, m, sec, f;
    for (s = 1; s <= vd_session_count(vd); s++)
    {
        unsigned first = 0, last = 0;
        const vd_track *lt = NULL;
        for (i = 0; i < vd->st.ntracks; i++)
            if (vd->st.tracks[i].session == s && in_toc(&vd->st.tracks[i]))
            { if (!first) first = i + 1; last = i + 1; lt = &vd->st.tracks[i]; }
        if (!first) continue;
        last_session = s;
        p = full_toc_entry(p, s, (uint8_t)(0x10 | control(&vd->st.tracks[first - 1])), 0xA0, (uint8_t)first, 0x00, 0);
        p = full_toc_entry(p, s, (uint8_t)(0x10 | control(lt)), 0xA1, (uint8_t)last, 0, 0);
        vd_lba_to_msf((int32_t)track_end(lt), &m, &sec, &f);
        p = full_toc_entry(p, s, (uint8_t)(0x10 | control(lt)), 0xA2, m, sec, f);
        for (i = first; i <= last; i++)
        {
            const vd_track *t = &vd->st.tracks[i - 1];
            vd_lba_to_msf(t->start, &m, &sec, &f);
            p = full_toc_entry(p, s, (uint8_t)(0x10 | control(t)), (uint8_t)i, m, sec, f);
        }
        if (s == vd->st.sessions_closed && vd_open_track(vd))
        {
            /* B0: where the next session's program area may start, and the outer limit */
            uint8_t *b0;
            vd_lba_to_msf(vd_open_track(vd)->start, &m, &sec, &f);
            b0 = p;
            p = full_toc_entry(p, s, 0x50, 0xB0, 0, 0, 0);
            b0[4] = m; b0[5] = sec; b0[6] = f;
            vd_lba_to_msf((int32_t)vd->st.capacity, &b0[8], &b0[9], &b0[10]);
        }
    }
    d[2] = 1;
    d[3] = (uint8_t)last_session;
    return (size_t)(p - d);
}

static size_t atip(vdrive *vd, uint8_t *d)
{
    memset(d, 0, 28);
    d[4] = 0x50 | 0x04;                 /* indicative target writing power, reference speed */
    d[5] = 0x40;                        /* URU */
    d[6] = (uint8_t)(0x80 | (vd->st.profile == MMC_PROFILE_CD_REWRITABLE ? 0x40 : 0));  /* disc type */
    vd_lba_to_msf(vd_atip_leadin(vd), &d[8], &d[9], &d[10]);
    vd_lba_to_msf((int32_t)vd->st.capacity, &d[12], &d[13], &d[14]);
    return 28;
}

int vd_cmd_read_toc(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    unsigned format = c[2] & 0x0F, number = c[6], last = 0, i;
    int msf = (c[1] & 0x02) != 0;
    /* worst case full TOC: A0/A1/A2/B0 per session plus one entry per track */
    uint8_t d[4 + 11 * 5 * VD_MAX_TRACKS];
    size_t len;
    int any = 0;

    memset(d, 0, sizeof(d));
    for (i = 0; i < vd->st.ntracks; i++) any |= in_toc(&vd->st.tracks[i]);
    if ((format <= 2) && !any) return vd_invalid_cdb(cmd);   /* blank disc: no TOC */
    switch (format)
    {
    case 0:
        len = toc_format0(vd, d, number ? number : 1, msf, &last);
        if (number > last && number != LEADOUT_TRACK) return vd_invalid_cdb(cmd);
        if (number == LEADOUT_TRACK)
        {
            memmove(d + 4, d + len - 8, 8);    /* just the lead-out descriptor */
            len = 12;
        }
        break;
    case 1:
    {
        unsigned session = 0, first_track = 0;
        for (i = 0; i < vd->st.ntracks; i++)
            if (in_toc(&vd->st.tracks[i]) && vd->st.tracks[i].session != session)
            { session = vd->st.tracks[i].session; first_track = i + 1; }
        d[2] = 1;
        d[3] = (uint8_t)session;
        d[5] = (uint8_t)(0x10 | control(&vd->st.tracks[first_track - 1]));
        d[6] = (uint8_t)first_track;
        put_address(d + 8, vd->st.tracks[first_track - 1].start, msf);
        len = 12;
        break;
    }
    case 2:
        if (vd_family(vd) != VD_CD) return vd_invalid_cdb(cmd);
        len = toc_format2(vd, d);
        break;
    case 4:
        if (vd->st.profile != MMC_PROFILE_CD_RECORDABLE && vd->st.profile != MMC_PROFILE_CD_REWRITABLE)
            return vd_invalid_cdb(cmd);
        len = atip(vd, d);
        break;
    case 5:
        if (vd_family(vd) != VD_CD) return vd_invalid_cdb(cmd);
        len = 4;                             /* no CD-TEXT packs */
        break;
    default:
        return vd_invalid_cdb(cmd);
    }
    put_be16(d, (uint32_t)(len - 2));
    return vd_reply(cmd, d, len, get_be16(c + 7));
}
