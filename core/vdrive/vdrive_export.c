/* Export of a recorder's disc: an ISO of data tracks, and BIN/CUE for CD. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vdrive_internal.h"
#include "vdrive_text.h"
#include "cd/cd_cue.h"

#define CHUNK 64

/* Copy a track's recorded sectors to a file, bytes_per each (skip into each slot). */
static int copy_track(vdrive *vd, const vd_track *t, uint32_t first_block, const char *path,
                      uint32_t bytes_per, uint32_t skip, int append)
{
    uint8_t *buf = malloc((size_t)CHUNK * MMC_SECTOR_RAW_CD);
    core_file *out;
    uint32_t done = 0;
    int hr;

    if (!buf) return CORE_FILE_ENOMEM;
    if ((hr = core_file_open(path, CORE_FILE_WRITE | CORE_FILE_CREATE | (append ? 0 : CORE_FILE_TRUNCATE), &out)))
    { free(buf); return hr; }
    while (!hr && done < t->written)
    {
        uint32_t n = t->written - done < CHUNK ? t->written - done : CHUNK;
        hr = vd_image_read(vd, t->start + (int64_t)done, n, bytes_per, skip, buf);
        if (!hr) hr = core_file_pwrite(out, buf, (size_t)n * bytes_per, ((uint64_t)first_block + done) * bytes_per);
        done += n;
    }
    core_file_close(out);
    free(buf);
    return hr;
}

int vdrive_export_iso(vdrive *vd, unsigned track, const char *path)
{
    unsigned i, first = 0, last = 0, session;
    int hr;

    if ((hr = vd_begin(vd))) return hr;
    if (!vd->st.media_present || !vd->st.ntracks) { vd_end(vd); return VDRIVE_E_STATE; }
    if (track)
    {
        if (track > vd->st.ntracks || vd->st.tracks[track - 1].audio) { vd_end(vd); return VDRIVE_E_STATE; }
        first = last = track;
    }
    else
    {
        /* the last session holding recorded data tracks */
        for (session = 0, i = 0; i < vd->st.ntracks; i++)
            if (vd->st.tracks[i].written && !vd->st.tracks[i].audio) session = vd->st.tracks[i].session;
        for (i = 0; i < vd->st.ntracks; i++)
            if (vd->st.tracks[i].session == session && vd->st.tracks[i].written && !vd->st.tracks[i].audio)
            { if (!first) first = i + 1; last = i + 1; }
        if (!first) { vd_end(vd); return VDRIVE_E_STATE; }
    }
    /* A multi-session ISO addresses blocks from LBA 0: write each track at its own LBA
     * relative to the first exported track, so the file reads like the disc. When the
     * exported session is not the first, keep absolute LBAs (holes stay sparse). */
    for (i = first; !hr && i <= last; i++)
    {
        const vd_track *t = &vd->st.tracks[i - 1];
        uint32_t at = vd->st.tracks[first - 1].session > 1 ? (uint32_t)t->start
                                                          : (uint32_t)(t->start - vd->st.tracks[first - 1].start);
        if (t->audio || !t->written) continue;
        /* never more than the disc holds (the state was validated; this keeps it so) */
        if ((uint64_t)at + t->written > vd->st.capacity) { hr = VDRIVE_E_STATE; break; }
        hr = copy_track(vd, t, at, path, MMC_SECTOR_DATA, t->raw ? 16 : 0, i != first);
    }
    vd_end(vd);
    return hr;
}

/* A disc whose recorded tracks all hold 2352-byte sectors (audio, or data written raw):
 * one .bin from the first track's start to the last track's end, sector n at LBA
 * origin + n, and a cue sheet with each track's pre-gap (the gap the drive left before
 * it) as INDEX 00, so readers (cd-info, bchunk) see the disc's own addresses. */
static int export_single_bin(vdrive *vd, const char *cue_path, char *bin_path)
{
    cd_layout *l = calloc(1, sizeof(*l));
    const char *base;
    char *dot, *text = NULL;
    int32_t origin = vd->st.tracks[0].start, prev_end;
    unsigned i;
    int hr = 0;

    if (!l) return CORE_FILE_ENOMEM;
    memcpy(l->mcn, vd->st.mcn, sizeof(l->mcn));
    strcpy(bin_path, cue_path);
    dot = strrchr(bin_path, '.');
    if (dot && !strchr(dot, '/')) *dot = 0;
    strcat(bin_path, ".bin");
    base = strrchr(bin_path, '/');
    base = base ? base + 1 : bin_path;
    prev_end = origin;
    for (i = 0; !hr && i < vd->st.ntracks && i < CD_MAX_TRACKS; i++)
    {
        const vd_track *t = &vd->st.tracks[i];
        cd_track *c;
        if (!t->written) continue;
        c = &l->tracks[l->ntracks++];
        c->number = (uint8_t)(i + 1);
        c->control = vd_track_control(t);
        c->start = t->start;
        /* the pre-gap: what the recording said (index 0), else the gap the drive left
         * after the previous track; never before the .bin's first sector */
        c->pregap = t->pregap ? t->start - (int32_t)t->pregap : prev_end < t->start ? prev_end : t->start;
        if (c->pregap < origin) c->pregap = t->start;
        c->length = t->written;
        memcpy(c->isrc, t->isrc, sizeof(c->isrc));
        c->nindex = t->nindex;
        memcpy(c->index, t->index, t->nindex * sizeof(t->index[0]));
        prev_end = t->start + (int32_t)t->written;
        hr = copy_track(vd, t, (uint32_t)(t->start - origin), bin_path, MMC_SECTOR_RAW_CD, 0, i != 0);
    }
    l->leadout = prev_end;
    if (!hr && !(text = cd_cue_text(l, base))) hr = CORE_FILE_ENOMEM;
    if (!hr) hr = core_file_replace(cue_path, text, strlen(text), 0);
    free(text);
    free(l);
    return hr;
}

int vdrive_export_bincue(vdrive *vd, const char *cue_path)
{
    vd_text cue = { 0 };
    char *dir_end, *bin_path, *text;
    const char *base;
    size_t n = strlen(cue_path) + 32;
    unsigned i;
    int hr;

    if ((hr = vd_begin(vd))) return hr;
    if (!vd->st.media_present || vd_family(vd) != VD_CD || !vd->st.ntracks) { vd_end(vd); return VDRIVE_E_STATE; }
    if (!(bin_path = malloc(n))) { vd_end(vd); return CORE_FILE_ENOMEM; }
    {
        int single = 1;
        for (i = 0; i < vd->st.ntracks; i++)
        {
            const vd_track *t = &vd->st.tracks[i];
            if (!t->written) continue;      /* the empty invisible track */
            if (!(t->audio || t->raw) || t->session != 1 ||
                (uint64_t)t->start + t->written > vd->st.capacity) single = 0;
        }
        if (single && vd->st.tracks[0].start >= 0)
        {
            hr = export_single_bin(vd, cue_path, bin_path);
            vd_end(vd);
            free(bin_path);
            return hr;
        }
    }
    for (i = 0; !hr && i < vd->st.ntracks; i++)
    {
        const vd_track *t = &vd->st.tracks[i];
        uint32_t bytes = t->audio || t->raw ? MMC_SECTOR_RAW_CD : MMC_SECTOR_DATA;
        if (!t->written) continue;
        if ((uint64_t)t->start + t->written > vd->st.capacity) { hr = VDRIVE_E_STATE; break; }
        /* one .bin per track beside the .cue: name.cue -> name-NN.bin */
        strcpy(bin_path, cue_path);
        dir_end = strrchr(bin_path, '.');
        if (dir_end && !strchr(dir_end, '/')) *dir_end = 0;
        snprintf(bin_path + strlen(bin_path), 16, "-%02u.bin", i + 1);
        hr = copy_track(vd, t, 0, bin_path, bytes, 0, 0);
        base = strrchr(bin_path, '/');
        base = base ? base + 1 : bin_path;
        vd_text_printf(&cue, "FILE \"%s\" BINARY\n  TRACK %02u %s\n    INDEX 01 00:00:00\n", base, i + 1,
                       t->audio ? "AUDIO" : t->raw ? "MODE1/2352" : "MODE1/2048");
    }
    vd_end(vd);
    free(bin_path);
    text = vd_text_finish(&cue);
    if (!hr && !text) hr = VDRIVE_E_STATE;
    if (!hr) hr = core_file_replace(cue_path, text, strlen(text), 0);
    free(text);
    return hr;
}
