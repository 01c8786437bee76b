/* Recognising a user-data disc image: what IIsoImageManager::Validate checks. */
#ifndef FS_PROBE_H
#define FS_PROBE_H

#include <stdint.h>
#include <stddef.h>

/* Read exactly len bytes at offset; 0 on success. */
typedef int (*fs_probe_read_fn)(void *ctx, uint64_t offset, void *buf, size_t len);

/* S_OK (0) when the image of `size` bytes holds 2048-byte user-data sectors with a
 * valid volume recognition sequence from sector 16 on: ISO9660 volume descriptors
 * (ECMA-119, "CD001", ending in a terminator) or a UDF extended area ("BEA01", an
 * "NSR02"/"NSR03", "TEA01", ECMA-167) whose volume is whole: a valid anchor at sector
 * 256, a second one at the last sector (or 256 before it), the main volume descriptor
 * sequence inside the image (a truncated UDF or bridge image fails). Otherwise, checked
 * in this order:
 * IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED (size not a multiple of 2048),
 * IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG (more than MAXLONG bytes, the literal reading of
 * the documentation), IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND. A read failure is also
 * NO_VALID_VD_FOUND: nothing valid could be seen. */
int32_t fs_probe_image(uint64_t size, fs_probe_read_fn read, void *ctx);

#endif
