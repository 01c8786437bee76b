/* What a CD carries besides its tracks' sectors, as the emulated drive keeps it: the Q
 * control bits of each track (copy permitted, pre-emphasis), its pre-gap (index 0) and
 * further indexes, its ISRC, and the disc's media catalogue number. They come from the
 * Q sub-channel of a raw (write type 3) recording or from a SEND CUE SHEET, are stored in
 * state.txt ("mcn CODE", "isrc TRACK CODE", "index TRACK LBA", track keys control= and
 * pregap=), and are answered by READ TOC / READ TRACK INFORMATION (control), READ
 * SUB-CHANNEL (formats 02h MCN and 03h ISRC) and the BIN/CUE export. */
#include <string.h>
#include "vdrive_internal.h"
#include "vdrive_text.h"
#include "cd/cd_subq.h"

uint8_t vd_track_control(const vd_track *t)
{
    return (uint8_t)((t->audio ? 0 : CD_CTL_DATA) | (t->control & (CD_CTL_COPY_PERMITTED | CD_CTL_PREEMPHASIS)));
}

void vd_cd_note_q(vdrive *vd, vd_track *t, const uint8_t q[12], int64_t lba)
{
    char text[14];
    if (!cd_subq_crc_ok(q)) return;                 /* a damaged Q says nothing */
    switch (q[0] & 0x0F)
    {
    case 1:
        /* only the track's own Q (not the next track's pre-gap) */
        if (!t || !cd_bcd_valid(q[1]) || cd_from_bcd(q[1]) != (unsigned)(t - vd->st.tracks) + 1) return;
        t->control = (uint8_t)((q[0] >> 4) & (CD_CTL_COPY_PERMITTED | CD_CTL_PREEMPHASIS));
        if (cd_bcd_valid(q[2]) && cd_from_bcd(q[2]) >= 2)
        {
            unsigned k = cd_from_bcd(q[2]) - 2;
            /* the first sector of each further index, in order */
            if (k == t->nindex && k < VD_MAX_INDEX) t->index[t->nindex++] = (int32_t)lba;
        }
        return;
    case 2:
        if (cd_subq_get_mcn(q, text) && cd_mcn_valid(text)) memcpy(vd->st.mcn, text, sizeof(vd->st.mcn));
        return;
    case 3:
        if (t && cd_subq_get_isrc(q, text) && cd_isrc_valid(text)) memcpy(t->isrc, text, sizeof(t->isrc));
        return;
    }
}

void vd_cd_format_state(const vd_state *st, vd_text *out)
{
    unsigned i, k;
    if (st->mcn[0]) vd_text_printf(out, "mcn %s\n", st->mcn);
    for (i = 0; i < st->ntracks; i++)
    {
        const vd_track *t = &st->tracks[i];
        if (t->isrc[0]) vd_text_printf(out, "isrc %u %s\n", i + 1, t->isrc);
        for (k = 0; k < t->nindex; k++) vd_text_printf(out, "index %u %ld\n", i + 1, (long)t->index[k]);
    }
}

int vd_cd_parse_state_line(vd_state *st, const char *key, char *rest)
{
    char *a, *b;
    int64_t n, lba;
    vd_track *t;

    if (!strcmp(key, "mcn"))
    {
        if (!cd_mcn_valid(rest)) return -1;
        memcpy(st->mcn, rest, sizeof(st->mcn));
        return 1;
    }
    if (strcmp(key, "isrc") && strcmp(key, "index")) return 0;
    a = vd_text_token(&rest);
    b = vd_text_token(&rest);
    if (!a || !b || vd_text_int(a, 1, st->ntracks, &n)) return -1;   /* after its track line */
    t = &st->tracks[n - 1];
    if (!strcmp(key, "isrc"))
    {
        if (!cd_isrc_valid(b)) return -1;
        memcpy(t->isrc, b, sizeof(t->isrc));
        return 1;
    }
    if (vd_text_int(b, t->start + 1, (int64_t)t->start + t->size, &lba) || t->nindex >= VD_MAX_INDEX ||
        (t->nindex && lba <= t->index[t->nindex - 1]))
        return -1;
    t->index[t->nindex++] = (int32_t)lba;
    return 1;
}

/* READ SUB-CHANNEL: the Q data a host asks of a stopped drive: the media catalogue
 * number (format 02h) and a track's ISRC (03h); current position (01h) reports no play. */
int vd_cmd_read_subchannel(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    unsigned format = c[3], track = c[6], alloc = get_be16(c + 7);
    uint8_t d[4 + 20];
    size_t len = 4;

    memset(d, 0, sizeof(d));
    d[1] = 0x15;                                    /* audio status: no current status */
    if (vd_family(vd) != VD_CD) return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INCOMPATIBLE_MEDIUM);
    if (c[2] & 0x40)                                /* SubQ: the data is wanted */
    {
        switch (format)
        {
        case 1:
            d[4] = 1;
            len = 4 + 12;
            break;
        case 2:
            d[4] = 2;
            if (vd->st.mcn[0]) { d[8] = 0x80; memcpy(d + 9, vd->st.mcn, 13); }   /* MCVAL */
            len = 4 + 20;
            break;
        case 3:
            if (!track || track > vd->st.ntracks) return vd_invalid_cdb(cmd);
            d[4] = 3;
            d[5] = (uint8_t)(0x10 | vd_track_control(&vd->st.tracks[track - 1]));
            d[6] = (uint8_t)track;
            if (vd->st.tracks[track - 1].isrc[0]) { d[8] = 0x80; memcpy(d + 9, vd->st.tracks[track - 1].isrc, 12); }
            len = 4 + 20;
            break;
        default:
            return vd_invalid_cdb(cmd);
        }
    }
    put_be16(d + 2, (unsigned)(len - 4));
    return vd_reply(cmd, d, len, alloc);
}
