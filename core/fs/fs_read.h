/* Import: read the file system of a disc's last session into an item tree
 * (IFileSystemImage::ImportFileSystem and friends).
 *
 * Blocks come through one callback (fs_read_io), so the COM layer can feed a reader
 * from an image stream or from a recorder (READ(10) from the start of the last
 * session). Readers never read outside [0, media_blocks): a structure pointing
 * elsewhere is IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR.
 *
 * Imported files are data REFERENCES: their source (fs_data_source.extents) lists the
 * sections at their old disc blocks; the layout writes directory records pointing
 * there and never copies them. Their open() reads the disc through the same io (for
 * IFsiFileItem::Data), so the disc object lives as long as any imported file.
 *
 * One reader per file system (FS_FS_ISO9660 and FS_FS_JOLIET in fs_read_iso.c, FS_FS_UDF
 * in fs_read_udf.c), rows of the table in fs_read.c. */
#ifndef IMAPI_FS_READ_H
#define IMAPI_FS_READ_H

#include <stddef.h>
#include <stdint.h>
#include "fs/fs_tree.h"

typedef struct fs_read_io
{
    void *ctx;
    uint32_t media_blocks;    /* readable 2048-byte blocks [0, media_blocks) */
    /* Read count blocks at lba into buf: 0 or an HRESULT (IMAPI_E_IMPORT_READ_FAILURE). */
    int32_t (*read)(void *ctx, uint32_t lba, uint32_t count, void *buf);
    void (*free_ctx)(void *ctx);  /* optional: with the disc's last reference */
} fs_read_io;

/* A reference-counted disc (the io and its context), shared by imported sources. */
typedef struct fs_disc fs_disc;
int32_t fs_disc_new(const fs_read_io *io, fs_disc **out);
void fs_disc_addref(fs_disc *d);
void fs_disc_release(fs_disc *d);
/* Bounds-checked block read (consistency error outside the media). */
int32_t fs_disc_read(fs_disc *d, uint32_t lba, uint32_t count, void *buf);
uint32_t fs_disc_blocks(const fs_disc *d);

/* FS_FS_* bits of the file systems recorded in the session starting at session_start
 * (UDF: its volume recognition sequence and an anchor). 0 with *fs == 0 when none is
 * recognised; read failures are returned. */
int32_t fs_read_identify(fs_disc *d, uint32_t session_start, uint32_t *fs);

/* Overwrite media: where the file system recorded from block 0 ends, so the next
 * logical session may start there: the primary volume descriptor's volume space size,
 * and UDF's (its partitions' end, a closing anchor right after them counted), the
 * larger where both are recorded. IMAPI_E_FILE_SYSTEM_NOT_FOUND with neither, the
 * consistency error for an ISO9660 size that cannot be or a damaged UDF volume alone. */
int32_t fs_read_volume_end(fs_disc *d, uint32_t *end);

typedef struct fs_import_progress
{
    void *ctx;
    /* before each directory (is_dir 1, its path) and after each file (its path);
     * counts of items imported so far; info->total_dirs is known by then. */
    void (*update)(void *ctx, int is_dir, const uint16_t *path, size_t len, uint32_t dirs_done, uint32_t files_done,
                   int32_t total_dirs);
} fs_import_progress;

typedef struct fs_import_info
{
    uint16_t volume_name[33];  /* as recorded (ISO: a-characters, Joliet: UCS-2), trailing spaces cut */
    size_t volume_name_len;
    uint32_t volume_blocks;    /* Volume Space Size: end of the session's file system */
    uint32_t dirs, files;      /* imported (dropped duplicates not counted) */
    int32_t total_dirs;        /* directories on the disc (ISO: path table records, UDF: the LVID's count), -1 unknown */
    unsigned udf_revision;     /* UDF: the logical volume's domain revision (BCD, 0x0102 ..), else 0 */
} fs_import_info;

/* Import the one file system fs (a single FS_FS_* bit) of the session starting at
 * session_start under the root of t, as one change point. Items already in t win over
 * imported ones with the same name (spec: "the in-memory item wins"); directories of
 * both merge. Errors: IMAPI_E_FILE_SYSTEM_NOT_FOUND (fs not in the session),
 * IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR (damaged structures),
 * IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY /
 * IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE, IMAPI_E_INVALID_PATH (a name
 * the image cannot hold), IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED (e.g. a UDF virtual
 * partition), the tree's limits, read failures, E_OUTOFMEMORY. On failure t is rolled
 * back. */
int32_t fs_read_import(fs_disc *d, uint32_t session_start, uint32_t fs, fs_tree *t,
                       const fs_import_progress *progress, fs_import_info *info);

#endif
