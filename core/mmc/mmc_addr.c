/* MSF <-> LBA conversion for CD addresses (see mmc_addr.h for the convention).
 * Minutes 0..89 cover LBA -150 .. 404849; minutes 90..99 cover the lead-in,
 * LBA -45150 .. -151, so the two ranges join without a gap. */
#include "mmc_addr.h"
#include "mmc_defs.h"

#define LEADIN_OFFSET (MMC_MSF_FRAMES(100, 0, 0) + MMC_CD_PREGAP_FRAMES) /* 450150 */
#define LBA_MIN (MMC_MSF_FRAMES(MMC_MSF_LEADIN_MINUTE, 0, 0) - LEADIN_OFFSET)  /* -45150 */
#define LBA_MAX (MMC_MSF_FRAMES(MMC_MSF_LEADIN_MINUTE, 0, 0) - 1 - MMC_CD_PREGAP_FRAMES) /* 404849 */

int mmc_msf_to_lba(uint8_t m, uint8_t s, uint8_t f, int32_t *lba)
{
    int32_t frames;

    if (m >= 100 || s >= 60 || f >= MMC_CD_FRAMES_PER_SECOND)
        return -1;
    frames = MMC_MSF_FRAMES(m, s, f);
    *lba = frames - (m >= MMC_MSF_LEADIN_MINUTE ? LEADIN_OFFSET : MMC_CD_PREGAP_FRAMES);
    return 0;
}

int mmc_lba_to_msf(int32_t lba, mmc_msf *out)
{
    int32_t frames;

    if (lba < LBA_MIN || lba > LBA_MAX)
        return -1;
    frames = lba + (lba >= -MMC_CD_PREGAP_FRAMES ? MMC_CD_PREGAP_FRAMES : LEADIN_OFFSET);
    out->m = (uint8_t)(frames / (60 * 75));
    out->s = (uint8_t)(frames / 75 % 60);
    out->f = (uint8_t)(frames % 75);
    return 0;
}
