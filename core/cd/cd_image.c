/* Raw CD images (see cd_image.h). */
#include <string.h>
#include "cd_image.h"

unsigned cd_image_sector_bytes(int type)
{
    switch (type)
    {
    case CD_SUB_PQ: return CD_SECTOR_BYTES + 16;
    case CD_SUB_COOKED: case CD_SUB_RAW: return CD_SECTOR_BYTES + CD_SUBCODE_BYTES;
    default: return 0;
    }
}

uint32_t cd_image_sectors(const cd_layout *l)
{
    return (uint32_t)(l->leadout + CD_LEADOUT_SECTORS - CD_IMAGE_FIRST_LBA);
}

void cd_image_subcode(const cd_layout *l, int32_t lba, int type, const uint8_t *rw, uint8_t *out)
{
    uint8_t q[CD_Q_BYTES];
    int p;
    cd_layout_subq(l, lba, q, &p);
    if (type == CD_SUB_PQ) cd_sub_pack_pq16(out, p, q);
    else cd_sub_pack_pw96(out, p, q, rw);
}

int cd_image_layout_add(cd_layout *l, uint8_t number, uint32_t sectors, int gapless, uint32_t first_pregap)
{
    cd_track *t;
    if (l->ntracks >= CD_MAX_TRACKS || !sectors) return -1;
    t = &l->tracks[l->ntracks];
    memset(t, 0, sizeof(*t));
    t->number = number;
    if (!l->ntracks)
    {
        t->pregap = -CD_PREGAP_FRAMES;
        t->start = first_pregap > CD_PREGAP_FRAMES ? (int32_t)first_pregap - CD_PREGAP_FRAMES : 0;
    }
    else
    {
        cd_track *prev = &l->tracks[l->ntracks - 1];
        int32_t end = prev->start + (int32_t)prev->length;
        if (gapless)
        {
            if (prev->length <= CD_PREGAP_FRAMES + CD_MIN_TRACK_FRAMES) return -1;
            prev->length -= CD_PREGAP_FRAMES;
            t->pregap = end - CD_PREGAP_FRAMES;
            t->start = end;
        }
        else
        {
            t->pregap = end;
            t->start = end + CD_PREGAP_FRAMES;
        }
    }
    t->length = sectors;
    l->ntracks++;
    l->leadout = t->start + (int32_t)sectors;
    return 0;
}
