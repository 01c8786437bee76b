/* Private to core/fs: what a file-system reader gets from fs_read.c. A reader finds
 * its volume in the session and walks it, handing every directory and file to
 * fs_import_dir / fs_import_file, which apply the tree's name and clash rules. */
#ifndef IMAPI_FS_READ_INT_H
#define IMAPI_FS_READ_INT_H

#include "fs_read.h"

typedef struct fs_import_ctx
{
    fs_disc *disc;
    fs_tree *tree;
    const fs_import_progress *progress;
    fs_import_info *info;
} fs_import_ctx;

/* The directory to fill for an imported directory name under parent: a new item, or
 * the directory already in the tree (merge). *out borrowed. */
int32_t fs_import_dir(fs_import_ctx *c, fs_item *parent, const uint16_t *name, size_t len, fs_time mtime,
                      int hidden, fs_item **out);
/* UpdateImport's event before the root directory (once its total is known). */
void fs_import_root(fs_import_ctx *c);
/* An imported file with its sections (copied); dropped when the name already exists
 * as a file. */
int32_t fs_import_file(fs_import_ctx *c, fs_item *parent, const uint16_t *name, size_t len, fs_time mtime,
                       int hidden, uint64_t size, const fs_extent *ext, uint32_t next);

/* A file whose data is recorded inside its entry (UDF embedded data): a copy of the
 * bytes becomes its source (the layout writes it like new data). */
int32_t fs_import_file_bytes(fs_import_ctx *c, fs_item *parent, const uint16_t *name, size_t len, fs_time mtime,
                             int hidden, const uint8_t *data, uint32_t size);

typedef struct fs_reader
{
    uint32_t fs;                                              /* one FS_FS_* bit */
    /* 0 when the session holds this file system, IMAPI_E_FILE_SYSTEM_NOT_FOUND when
     * not, or a read error. */
    int32_t (*probe)(fs_disc *d, uint32_t session_start);
    int32_t (*import)(fs_import_ctx *c, uint32_t session_start);
} fs_reader;

extern const fs_reader fs_reader_iso9660;
extern const fs_reader fs_reader_joliet;
extern const fs_reader fs_reader_udf;

/* One past the last block of the UDF volume recorded from block 0 (its partitions'
 * end, and a closing anchor right after them); fs_read_volume_end's UDF half. */
int32_t fs_read_udf_volume_end(fs_disc *d, uint32_t *end);

#endif
