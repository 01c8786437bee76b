/* The image as a random-access byte source, produced on demand from a layout
 * (behind IFileSystemImageResult::ImageStream). Metadata is generated per region into
 * a one-region cache; file data is read from each file's own source, opened when the
 * read position reaches it and closed after its end; block tails are zero padding.
 * The whole image never sits in memory. Byte 0 is the session's first block
 * (session_start), i.e. the stream is what gets written at that address. */
#ifndef IMAPI_FS_IMAGE_H
#define IMAPI_FS_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include "fs/fs_layout.h"

typedef struct fs_image fs_image;

/* Takes its own reference on L; several readers may share one layout (IStream::Clone).
 * A reader is used by one thread at a time; readers of one layout may run in different
 * threads, but fs_image_open/close (layout reference counts) must be serialised. */
int32_t fs_image_open(fs_layout *L, fs_image **out);
void fs_image_close(fs_image *img);

uint64_t fs_image_size(const fs_image *img);        /* total blocks * 2048 */

/* Read up to len bytes at offset; *done gets the count (short only at the end).
 * Errors: IMAPI_E_DATA_STREAM_INCONSISTENCY (a source gives fewer or more bytes than
 * its declared size), IMAPI_E_DATA_STREAM_READ_FAILURE (a source fails to open, seek
 * or read), E_OUTOFMEMORY. *done then counts the bytes produced before the error. */
int32_t fs_image_read(fs_image *img, uint64_t offset, void *buf, size_t len, size_t *done);

#endif
