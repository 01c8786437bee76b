/* Field access for CDBs and response layouts: the core's byte-order helpers, and CD
 * addressing in the form the drive model uses (LBA 0 = MSF 00:02:00; lead-in LBAs are
 * negative), both defined once elsewhere in the core. */
#ifndef IMAPI_VDRIVE_BYTES_H
#define IMAPI_VDRIVE_BYTES_H

#include <stdint.h>
#include "io/byteorder.h"
#include "mmc/mmc_addr.h"

static inline void vd_lba_to_msf(int32_t lba, uint8_t *m, uint8_t *s, uint8_t *f)
{
    mmc_msf msf = { 0, 0, 0 };
    mmc_lba_to_msf(lba, &msf);   /* callers pass LBAs of the disc, always in range */
    *m = msf.m;
    *s = msf.s;
    *f = msf.f;
}

static inline int32_t vd_msf_to_lba(uint8_t m, uint8_t s, uint8_t f)
{
    int32_t lba = 0;
    mmc_msf_to_lba(m, s, f, &lba);
    return lba;
}

#endif
