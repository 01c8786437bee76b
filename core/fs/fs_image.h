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

/* Where fs_image_copy puts the bytes: 0, or an HRESULT that stops the copy. */
typedef int32_t (*fs_image_sink)(void *ctx, const void *buf, size_t len);

/* The sink gets pieces of at most this many bytes. Measured under Wine 8 on Linux
 * 6.18/ext4 (bench/README.md, case c): 128 KiB writes copy 1.5-2x faster than 4 MiB
 * writes (the kernel sizes fresh page-cache folios by the write) and 10-15% faster
 * than 256 KiB ones. */
#define FS_IMAGE_COPY_PIECE (128u * 1024)
/* Files at least this big are copied from views of their source when it offers them
 * (core_stream_ops.view): one copy fewer per byte. Smaller files are read into the
 * bounce buffer together with their neighbours: mapping costs more than it saves. */
#define FS_IMAGE_VIEW_MIN (1024u * 1024)
/* Largest view asked for at once. A view's pages are the page cache's, not memory of
 * our own, but they count in the working set while it is out (64 MiB views showed as
 * 80 MiB peak in bench case c), so views stay small; mapping one costs microseconds. */
#define FS_IMAGE_VIEW_WINDOW (16u * 1024 * 1024)

/* Copy len bytes at offset to sink (behind IStream::CopyTo); stops at the image's end.
 * *produced gets the bytes the image produced, which is also how far the reader got:
 * all of them reached the sink unless the sink failed. Returns 0, an error as from
 * fs_image_read, or the sink's error. */
int32_t fs_image_copy(fs_image *img, uint64_t offset, uint64_t len, fs_image_sink sink, void *ctx,
                      uint64_t *produced);

#endif
