/* CD addresses: LBA <-> MSF (minutes, seconds, frames of 1/75 s) and BCD, as MMC-6
 * (table "LBA to MSF translation") and ECMA-130 define them. */
#ifndef IMAPI_CD_MSF_H
#define IMAPI_CD_MSF_H

#include <stdint.h>

#define CD_FRAMES_PER_SECOND 75
#define CD_FRAMES_PER_MINUTE (60 * CD_FRAMES_PER_SECOND)
#define CD_PREGAP_FRAMES 150              /* LBA 0 is MSF 00:02:00 */
#define CD_SECTOR_BYTES 2352              /* one frame of main channel: CD-DA or raw data */
#define CD_SUBCODE_BYTES 96               /* P-W, one byte per symbol */
#define CD_MIN_TRACK_FRAMES 300           /* ECMA-130: a track lasts at least 4 s */
#define CD_MAX_TRACKS 99
#define CD_LEADIN_MSF_MIN 95              /* lead-in times of raw images start at 95:00:00 */

typedef struct cd_msf { uint8_t m, s, f; } cd_msf;

uint8_t cd_to_bcd(unsigned v);            /* v < 100 */
unsigned cd_from_bcd(uint8_t v);
int cd_bcd_valid(uint8_t v);

/* MMC: LBA -150..404849 is MSF (LBA + 150); LBA -45150..-151 (the lead-in) is
 * MSF (LBA + 450150), so the lead-in counts up to 99:59:74 just before 00:00:00. */
cd_msf cd_lba_to_msf(int32_t lba);
int32_t cd_msf_to_lba(cd_msf msf);
/* A length or a relative time in frames as MSF (no offset). */
cd_msf cd_frames_to_msf(uint32_t frames);
uint32_t cd_msf_frames(cd_msf msf);

#endif
