/* Shared between mmc_media.c and mmc_burn.c; not part of the contract. */
#ifndef IMAPI_MMC_BURN_INTERNAL_H
#define IMAPI_MMC_BURN_INTERNAL_H

#include <stdint.h>

enum { MMC_FAMILY_OTHER, MMC_FAMILY_CD, MMC_FAMILY_DVD, MMC_FAMILY_BD };
int mmc_media_family(uint16_t profile);

/* CD data sessions written track at once: IMAPI's 150-block post-gap (spec 2.5,
 * PostgapAlreadyInImage) and the 2 run-out blocks that end a TAO track. */
#define MMC_CD_POSTGAP 150u
#define MMC_CD_RUNOUT  2u

#endif
