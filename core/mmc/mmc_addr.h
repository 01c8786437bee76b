/* CD addressing: MSF (minute, second, frame; 75 frames a second) <-> LBA.
 * LBA 0 is MSF 00:02:00 (the 150-frame pre-gap of track 1). The lead-in lies
 * before it and is addressed by negative LBAs; by the Red/Orange Book convention
 * its MSF minutes run from 90 upwards (e.g. ATIP lead-in start 97:26:66), so
 * minutes >= 90 denote LBA - 450150 rather than a position after 90 minutes. */
#ifndef IMAPI_MMC_ADDR_H
#define IMAPI_MMC_ADDR_H

#include <stdint.h>

typedef struct mmc_msf
{
    uint8_t m, s, f;
} mmc_msf;

/* Frames counted from 00:00:00, no pre-gap adjustment. */
#define MMC_MSF_FRAMES(m, s, f) (((int32_t)(m) * 60 + (int32_t)(s)) * 75 + (int32_t)(f))

/* First lead-in minute: MSF minutes at or above this are negative LBAs. */
#define MMC_MSF_LEADIN_MINUTE 90

/* MSF -> LBA. Returns 0 or -1 when s >= 60 or f >= 75 (not an MSF). */
int mmc_msf_to_lba(uint8_t m, uint8_t s, uint8_t f, int32_t *lba);

/* LBA -> MSF. Valid LBAs are -45150 .. 404849 (MSF 90:00:00 .. 89:59:74, via 99:59:74 = -151 and 00:00:00 = -150);
 * returns 0 or -1 outside that range. */
int mmc_lba_to_msf(int32_t lba, mmc_msf *out);

#endif
