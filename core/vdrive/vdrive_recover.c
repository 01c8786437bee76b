/* After a crash: make the recorded state cover every block already in disc.img.
 *
 * WRITE data goes to disc.img at once while the state follows lazily (SYNCHRONIZE CACHE,
 * CLOSE, once a second while writes go on), so a process killed in between leaves a committed NWA behind
 * blocks already burned; an append there would overwrite them on write-once media. Like
 * a drive finding the last recorded address after a power loss, the state is advanced to
 * the end of the image: the open track (the last track, so whatever lies in the file past
 * its NWA is its data) and a disc-at-once stream in progress (also last on the disc).
 * Reserved tracks lie before other tracks, so the file size cannot tell their progress:
 * writes into them commit the state before the data (vd_cmd_write).
 *
 * Runs under the command lock only when no open holds uncommitted writes (vd_begin), so
 * whatever the file holds beyond the state was written by a process that is gone. */
#include <string.h>
#include "vdrive_internal.h"

/* Blocks of the image file from LBA 0 (a short last CD slot is a block: cooked data). */
static int64_t image_blocks(vdrive *vd)
{
    uint64_t size;
    uint32_t stride = vd_sector_stride(vd);
    if (core_file_size(vd->image, &size)) return 0;
    return (int64_t)((size + stride - 1) / stride);
}

static int extend(vd_track *t, int64_t end, int64_t limit)
{
    int64_t have = t->start + (int64_t)t->written;
    if (end > limit) end = limit;
    if (end <= have) return 0;
    t->written = (uint32_t)(end - t->start);
    if (t->closed && t->written > t->size) t->size = t->written;
    return 1;
}

int vd_reconcile(vdrive *vd)
{
    vd_state *st = &vd->st;
    vd_track *t = vd_open_track(vd);
    int64_t end, recorded = 0;
    unsigned i;
    int changed = 0;

    if (!vd_media(vd) || !vd_is_sequential(vd) || st->finalized || !st->ntracks) return 0;
    end = image_blocks(vd);
    if (t && !st->sao_active)
    {
        int first = !t->written;
        if (!extend(t, end, st->capacity)) return 0;
        if (first && vd_family(vd) == VD_CD) vd_track_mode(vd, &t->audio, &t->raw);
        return 1;
    }
    /* disc at once (SAO, raw): the open session's tracks were laid out in stream order;
     * only data past the furthest recorded block is a lost part of the stream */
    for (i = 0; i < st->ntracks; i++)
        if (st->tracks[i].session == st->sessions_closed + 1 &&
            st->tracks[i].start + (int64_t)st->tracks[i].written > recorded)
            recorded = st->tracks[i].start + (int64_t)st->tracks[i].written;
    if (end <= recorded) return 0;
    if (st->sao_active == 1)
    {
        for (i = 0; i < st->ntracks; i++)
        {
            vd_track *x = &st->tracks[i];
            if (x->session == st->sessions_closed + 1 && end > x->start)
                changed |= extend(x, end, (int64_t)x->start + x->size);
        }
        if (end > st->sao_next) { st->sao_next = (int32_t)(end < st->sao_end ? end : st->sao_end); changed = 1; }
    }
    else if (st->sao_active == 2)
    {
        /* raw: the layout learnt from the lost part of the stream is gone; the session's
         * last track covers what was recorded, the stream resumes after it */
        t = &st->tracks[st->ntracks - 1];
        if (t->session == st->sessions_closed + 1) extend(t, end, st->capacity);
        if (end > st->sao_next) st->sao_next = (int32_t)end;
        changed = 1;
    }
    return changed;
}
