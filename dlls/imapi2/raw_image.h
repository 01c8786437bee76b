/* MsftRawCDImageCreator's parts: the creator (raw_image.c), its per-track objects
 * (raw_image_track.c, IRawCDImageTrackInfo) and the result stream (raw_image_stream.c).
 * The layout and the sub-channel are the core's (core/cd/cd_image.h). */
#ifndef RAW_IMAGE_H
#define RAW_IMAGE_H

#include "imapi2_private.h"
#include "cd/cd_image.h"

#define RAW_MAX_INDEXES 98          /* indexes 2..99 besides index 1 at offset 0 */
#define RAW_INDEX_MIN_DISTANCE 10   /* sectors between two indexes [undoc: the error name] */

struct raw_track
{
    IStream *data;
    uint32_t sectors;               /* of the stream: 2352 bytes each */
    char isrc[13];                  /* "" or CCOOOYYNNNNN */
    IMAPI_CD_TRACK_DIGITAL_COPY_SETTING copy;
    BOOL preemphasis;
    unsigned nindex;
    LONG index[RAW_MAX_INDEXES];    /* offsets from index 1, ascending */
};

struct raw_image
{
    struct imapi_object obj;
    IRawCDImageCreator IRawCDImageCreator_iface;
    CRITICAL_SECTION cs;
    IMAPI_FORMAT2_RAW_CD_DATA_SECTOR_TYPE resulting_image_type;
    BOOL disable_gapless_audio;
    LONG starting_track_number;
    LONG leadout_limit;
    char mcn[14];
    IStream *special_pregap;
    uint32_t pregap_sectors;        /* 150, or the special pre-gap's length */
    IStream *rw;                    /* AddSubcodeRWGenerator */
    BOOL read_only;                 /* after CreateResultImage */
    unsigned ntracks;
    struct raw_track tracks[CD_MAX_TRACKS];
};

/* The layout of the tracks added so far (a cd_layout is large: malloc'd, free()). */
cd_layout *raw_image_layout(const struct raw_image *image);
void raw_image_addref(struct raw_image *image);
void raw_image_release(struct raw_image *image);

HRESULT raw_image_track_create(struct raw_image *image, unsigned index, IRawCDImageTrackInfo **out);
HRESULT raw_image_stream_create(struct raw_image *image, IStream **out);

#endif
