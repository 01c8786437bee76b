/* The media the emulated recorder accepts, with their real capacities.
 * Capacities (user data blocks of 2048 bytes):
 *  - CD-R/RW 80 min: last possible lead-out start 79:59:74 = LBA 359,849.
 *  - DVD+R / DVD+RW 4.7 GB: 2,295,104 (as reported by drives for DVD+R media).
 *  - DVD-R / DVD-RW 4.7 GB: 2,298,496 (DVD-R books give slightly more than DVD+R).
 *  - DVD+R DL 8.5 GB: 4,173,824.  DVD-RAM 4.7 GB: 2,236,704.
 *  - BD-R / BD-ROM 25 GB: 12,219,392; BD-RE 25 GB formatted with the default spare
 *    areas: 11,826,176 (12,219,392 without spares). */
#include <string.h>
#include "vdrive_internal.h"

#define CD_80MIN_LEADOUT 359849u  /* 79:59:74 - 150 */

static const vd_media_info media_table[] =
{
    { MMC_PROFILE_CDROM, "cdrom", "CD-ROM", VD_CD, VD_ROM, 0, 0, CD_80MIN_LEADOUT, 0, 1 },
    { MMC_PROFILE_CD_RECORDABLE, "cdr", "CD-R 80 min", VD_CD, VD_SEQUENTIAL, 0, 0, CD_80MIN_LEADOUT, 0, 1 },
    { MMC_PROFILE_CD_REWRITABLE, "cdrw", "CD-RW 80 min", VD_CD, VD_SEQUENTIAL, 1, 0, CD_80MIN_LEADOUT, 0, 1 },
    { MMC_PROFILE_DVDROM, "dvdrom", "DVD-ROM", VD_DVD, VD_ROM, 0, 0, 2295104u, 0x0, 1 },
    { MMC_PROFILE_DVD_DASH_RECORDABLE, "dvd-r", "DVD-R 4.7 GB", VD_DVD, VD_SEQUENTIAL, 0, 0, 2298496u, 0x2, 1 },
    { MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL, "dvd-rw", "DVD-RW 4.7 GB (sequential)", VD_DVD, VD_SEQUENTIAL, 1, 0, 2298496u, 0x3, 1 },
    { MMC_PROFILE_DVD_DASH_RW_RESTRICTED, "dvd-rw-ro", "DVD-RW 4.7 GB (restricted overwrite)", VD_DVD, VD_OVERWRITE, 1, 0, 2298496u, 0x3, 1 },
    { MMC_PROFILE_DVD_PLUS_R, "dvd+r", "DVD+R 4.7 GB", VD_DVD, VD_SEQUENTIAL, 0, 0, 2295104u, 0xA, 1 },
    { MMC_PROFILE_DVD_PLUS_R_DUAL, "dvd+r-dl", "DVD+R DL 8.5 GB", VD_DVD, VD_SEQUENTIAL, 0, 0, 4173824u, 0xE, 2 },
    { MMC_PROFILE_DVD_PLUS_RW, "dvd+rw", "DVD+RW 4.7 GB", VD_DVD, VD_OVERWRITE, 1, 1, 2295104u, 0x9, 1 },
    { MMC_PROFILE_DVD_RAM, "dvd-ram", "DVD-RAM 4.7 GB", VD_DVD, VD_OVERWRITE, 1, 0, 2236704u, 0x1, 1 },
    { MMC_PROFILE_BD_ROM, "bdrom", "BD-ROM 25 GB", VD_BD, VD_ROM, 0, 0, VD_BD_CAPACITY, 0, 1 },
    { MMC_PROFILE_BD_R_SEQUENTIAL, "bdr", "BD-R 25 GB (SRM)", VD_BD, VD_SEQUENTIAL, 0, 0, VD_BD_CAPACITY, 0, 1 },
    { MMC_PROFILE_BD_REWRITABLE, "bdre", "BD-RE 25 GB", VD_BD, VD_OVERWRITE, 1, 1, VD_BD_RE_SPARED_CAPACITY, 0, 1 },
};

#define MEDIA_COUNT (sizeof(media_table) / sizeof(media_table[0]))

const vd_media_info *vd_media_find(uint16_t profile)
{
    size_t i;
    for (i = 0; i < MEDIA_COUNT; i++)
        if (media_table[i].profile == profile) return &media_table[i];
    return NULL;
}

uint32_t vd_media_max_capacity(const vd_media_info *m)
{
    return m->profile == MMC_PROFILE_BD_REWRITABLE ? VD_BD_CAPACITY : m->capacity;
}

int vdrive_media_from_name(const char *name, uint16_t *profile)
{
    size_t i;
    for (i = 0; i < MEDIA_COUNT; i++)
        if (!strcmp(media_table[i].name, name)) { *profile = media_table[i].profile; return 0; }
    return VDRIVE_E_STATE;
}

const char *vdrive_media_name(uint16_t profile)
{
    const vd_media_info *m = vd_media_find(profile);
    return m ? m->name : "none";
}

int vdrive_media_enum(unsigned index, uint16_t *profile, const char **name, const char **description)
{
    if (index >= MEDIA_COUNT) return 0;
    *profile = media_table[index].profile;
    *name = media_table[index].name;
    *description = media_table[index].description;
    return 1;
}
