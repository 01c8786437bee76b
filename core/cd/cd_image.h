/* Disc-at-once raw images (what IRawCDImageCreator makes and IDiscFormat2RawCD writes):
 * every sector from MSF 95:00:00 in the lead-in to the end of the lead-out, each 2352
 * bytes of main channel followed by its sub-channel in one of MMC's raw data block types:
 *   1  P-Q only: 16 bytes (cd_sub_pack_pq16)           -> 2368-byte sectors
 *   2  P-W "cooked" and 3 P-W raw: 96 bytes            -> 2448-byte sectors
 * (IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE uses the same numbers). For types 2 and 3 the
 * R-W bits come from the caller's generator as given (zero without one).
 *
 * The layout of an audio session (cd_image_layout_add): track 1's index 1 at LBA 0 after
 * the 2 s pre-gap (LBA -150..-1, silence or the special pre-gap's audio); each later track
 * either after a 2 s silent pre-gap, or gapless: its pre-gap is the last 2 s of the
 * previous track's audio (which then end 150 sectors earlier). */
#ifndef IMAPI_CD_IMAGE_H
#define IMAPI_CD_IMAGE_H

#include "cd_cue.h"

#define CD_IMAGE_FIRST_LBA (-22650)       /* MSF 95:00:00 */
#define CD_LEADOUT_SECTORS 6750           /* 90 s, a first session's lead-out */
#define CD_MAX_LEADOUT_START 398099       /* 88:29:74: the last track ends there at the latest */

enum cd_sub_type { CD_SUB_PQ = 1, CD_SUB_COOKED = 2, CD_SUB_RAW = 3 };

unsigned cd_image_sector_bytes(int type);           /* 0 for an unknown type */
/* Sectors of the image for a layout: lead-in from 95:00:00, program area, lead-out. */
uint32_t cd_image_sectors(const cd_layout *l);
/* The sub-channel bytes of the image sector at lba (lead-in included), after its main
 * channel: 16 (type 1) or 96 (types 2, 3; rw: the generator's 96 bytes or NULL). */
void cd_image_subcode(const cd_layout *l, int32_t lba, int type, const uint8_t *rw, uint8_t *out);
/* Appends an audio track of `sectors` user sectors; gapless: see above. first_pregap: the
 * first track's pre-gap in sectors (150, or a longer special pre-gap: track 1 then starts
 * at first_pregap - 150). Returns 0, or -1 when 99 tracks are there, the track is empty,
 * or gapless needs a previous track of more than 150 + 300 sectors. */
int cd_image_layout_add(cd_layout *l, uint8_t number, uint32_t sectors, int gapless, uint32_t first_pregap);

#endif
