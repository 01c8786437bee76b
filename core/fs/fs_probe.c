/* Volume recognition for IIsoImageManager::Validate (ECMA-119 8.1, ECMA-167 2/9.1). */
#include <string.h>
#include "fs_probe.h"
#include "fs_udf_desc.h"
#include "imapi2fserror.h"
#include "fs_ecma119_desc.h"

#define SECTOR ECMA119_BLOCK
#define FIRST_VD ECMA119_FIRST_VD
#define MAX_DESCRIPTORS 64   /* a recognition sequence is short; stop on garbage */
#define VD_TERMINATOR ECMA119_VD_TYPE_TERMINATOR

static int ident_is(const uint8_t *sector, const char *id)
{
    return !memcmp(sector + ECMA119_VD_ID, id, 5);
}

/* An anchor volume descriptor pointer at image sector `sector`: checksum and CRC valid;
 * its recorded location tells where the image starts on the disc (a session's image
 * holds disc addresses). 1 and *base set when valid. */
static int udf_anchor(fs_probe_read_fn read, void *ctx, uint64_t sector, uint8_t *buf, int64_t *base)
{
    fs_udf_tag t;
    if (read(ctx, sector * SECTOR, buf, SECTOR)) return 0;
    fs_udf_tag_read(buf, &t);
    if (t.ident != FS_UDF_TAG_AVDP
        || fs_udf_tag_verify(buf, SECTOR, t.location, FS_UDF_TAG_AVDP) != FS_UDF_TAG_OK)
        return 0;
    *base = (int64_t)t.location - (int64_t)sector;
    return 1;
}

/* A UDF volume (ECMA-167 3/8.4.2.1, UDF 2.2.3) is whole when the anchor at 256 is valid,
 * a second one sits at the last sector or 256 before it, and the main volume descriptor
 * sequence the anchor names lies inside the image with a valid first descriptor. A
 * truncated image loses its closing anchor. */
static int udf_volume_whole(uint64_t sectors, fs_probe_read_fn read, void *ctx)
{
    uint8_t buf[SECTOR];
    int64_t base, base2;
    fs_udf_extent vds;
    fs_udf_tag t;
    uint64_t first;
    if (sectors <= FS_UDF_AVDP_SECTOR || !udf_anchor(read, ctx, FS_UDF_AVDP_SECTOR, buf, &base)) return 0;
    fs_udf_get_extent(buf + FS_UDF_AVDP_MAIN_VDS, &vds);
    if (!((udf_anchor(read, ctx, sectors - 1, buf, &base2) && base2 == base)
          || (sectors > 257 + FS_UDF_AVDP_SECTOR && udf_anchor(read, ctx, sectors - 257, buf, &base2) && base2 == base)))
        return 0;
    if ((int64_t)vds.location < base || vds.length < 16u * SECTOR) return 0;
    first = (uint64_t)((int64_t)vds.location - base);
    if (first + vds.length / SECTOR > sectors || read(ctx, first * SECTOR, buf, SECTOR)) return 0;
    fs_udf_tag_read(buf, &t);
    return t.ident >= FS_UDF_TAG_PVD && t.ident <= FS_UDF_TAG_LVID
           && fs_udf_tag_verify(buf, SECTOR, vds.location, 0) == FS_UDF_TAG_OK;
}

int32_t fs_probe_image(uint64_t size, fs_probe_read_fn read, void *ctx)
{
    uint8_t sector[SECTOR];
    uint64_t lba, sectors;
    int iso = 0, iso_terminated = 0, in_udf_area = 0, nsr = 0, udf_terminated = 0;

    if (size % SECTOR) return IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED;
    if (size > 0x7fffffffu) return IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG;
    sectors = size / SECTOR;

    for (lba = FIRST_VD; lba < sectors && lba < FIRST_VD + MAX_DESCRIPTORS; lba++)
    {
        if (read(ctx, lba * SECTOR, sector, SECTOR)) break;
        /* Every descriptor of the sequence has version 1 after its 5-byte identifier. */
        if (sector[ECMA119_VD_VERSION] != 1) break;
        if (ident_is(sector, "CD001"))
        {
            if (in_udf_area) break;
            iso = 1;
            if (sector[ECMA119_VD_TYPE] == VD_TERMINATOR) iso_terminated = 1;
        }
        else if (ident_is(sector, "BEA01")) in_udf_area = 1;
        else if (in_udf_area && (ident_is(sector, "NSR02") || ident_is(sector, "NSR03"))) nsr = 1;
        else if (in_udf_area && ident_is(sector, "TEA01"))
        {
            udf_terminated = 1;
            break;
        }
        else if (!in_udf_area && (ident_is(sector, "BOOT2") || ident_is(sector, "CDW02")))
            continue;  /* other ECMA-167 structure descriptors may precede the extended area */
        else break;
    }
    /* A UDF recognition sequence promises a UDF volume: it must be whole, bridge or not. */
    if (nsr && udf_terminated) return udf_volume_whole(sectors, read, ctx) ? 0 : IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND;
    if (iso && iso_terminated) return 0;
    return IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND;
}
