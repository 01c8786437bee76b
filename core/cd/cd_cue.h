/* A CD session's track layout and its two cue sheets: the binary one MMC's SEND CUE
 * SHEET takes (8-byte entries, MMC-6 "Session at once recording"), and the BIN/CUE text
 * (CDRWIN format: CATALOG, FILE, TRACK, ISRC, FLAGS, PREGAP, INDEX) that cd-info and
 * bchunk read. Also the Q sub-channel of any sector of the session (lead-in TOC items,
 * pre-gaps counting down, tracks, lead-out). */
#ifndef IMAPI_CD_CUE_H
#define IMAPI_CD_CUE_H

#include <stddef.h>
#include <stdint.h>
#include "cd_msf.h"
#include "cd_subq.h"

#define CD_MAX_INDEX 99

typedef struct cd_track
{
    uint8_t number;            /* 1..99 */
    uint8_t control;           /* CD_CTL_* bits */
    int32_t pregap;            /* LBA of index 0 (== start when there is none) */
    int32_t start;             /* LBA of index 1 */
    uint32_t length;           /* sectors from index 1 up to the next pre-gap / lead-out */
    unsigned nindex;           /* further indexes: index[k] is index k+2, as an LBA */
    int32_t index[CD_MAX_INDEX - 1];
    char isrc[13];             /* "" or CCOOOYYSSSSS */
} cd_track;

typedef struct cd_layout
{
    char mcn[14];              /* "" or 13 digits */
    unsigned ntracks;
    cd_track tracks[CD_MAX_TRACKS];
    int32_t leadout;           /* LBA of the lead-out */
} cd_layout;

/* SEND CUE SHEET entries for the layout; data_form: 0x00 CD-DA 2352 from the host.
 * Writes at most cap bytes; returns the length needed (a multiple of 8). */
size_t cd_cue_sheet(const cd_layout *l, uint8_t data_form, uint8_t *out, size_t cap);

/* BIN/CUE text for one .bin file holding every sector from the first track's pre-gap
 * (or index 1) to the lead-out as raw 2352-byte sectors. malloc'd, NULL without memory. */
char *cd_cue_text(const cd_layout *l, const char *bin_name);

/* Q of the sector at lba (lead-in from -leadin_frames, program area, lead-out) and its
 * P flag (1 in pre-gaps and the lead-out's first 2 s, then 2 Hz there; 0 elsewhere).
 * MCN and ISRC (when set) replace the position in one frame of every 100 (absolute frame
 * % 100 == 25 for MCN, == 75 for ISRC, inside index 1 and later). */
void cd_layout_subq(const cd_layout *l, int32_t lba, uint8_t q[CD_Q_BYTES], int *p);

/* READ TOC/PMA/ATIP format 0000b (LBA form) for the layout: header, one descriptor per
 * track, then the lead-out (track AAh). Writes at most cap bytes; returns the length. */
size_t cd_toc_format0(const cd_layout *l, uint8_t *out, size_t cap);

#endif
