/* Volume recognition for IIsoImageManager::Validate (ECMA-119 8.1, ECMA-167 2/9.1). */
#include <string.h>
#include "fs_probe.h"
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
    if ((iso && iso_terminated) || (nsr && udf_terminated)) return 0;
    return IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND;
}
