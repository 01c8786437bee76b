/* The in-memory item tree under IFileSystemImage: directories and files with UTF-16
 * names, per-item times, a lazily opened data source per file, O(1) average
 * case-insensitive child lookup, incremental counts, and change points.
 *
 * Ownership: items are reference counted. A directory holds a reference on each child;
 * the tree holds the root. The COM wrappers (IFsiDirectoryItem / IFsiFileItem) each hold
 * one reference on their item, so an item removed from the tree stays valid for them.
 * Not thread-safe: the COM layer serialises calls.
 *
 * All functions returning int32_t return 0 on success or an IMAPI HRESULT
 * (include/imapi2fserror.h); E_OUTOFMEMORY is FS_E_OUTOFMEMORY below. */
#ifndef IMAPI_FS_TREE_H
#define IMAPI_FS_TREE_H

#include <stddef.h>
#include <stdint.h>
#include "io/core_io.h"
#include "fs/fs_date.h"

#define FS_E_OUTOFMEMORY ((int32_t)0x8007000EL)

/* Deepest ISO9660 directory level (ECMA-119 6.8.2.1: root is level 1, at most 8). */
#define FS_ISO9660_MAX_LEVELS 8

/* Where a file's bytes come from. open() is called only when the image reader reaches
 * the file's data and the stream is closed (ops->close) once its end is passed, so
 * trees with more files than a process may keep open work. addref/release (optional)
 * manage ctx lifetime: the tree releases once when the item dies, each layout snapshot
 * takes and drops its own reference. */
/* One file section already recorded on the disc (an imported file's data). */
typedef struct fs_extent
{
    uint32_t lba;             /* first block, absolute disc address */
    uint32_t bytes;           /* section length; all but the last a multiple of 2048 */
} fs_extent;

typedef struct fs_data_source
{
    uint64_t size;
    void *ctx;
    /* 0 and *out set, or an HRESULT. The stream starts at offset 0. */
    int32_t (*open)(void *ctx, core_stream **out);
    void (*addref)(void *ctx);
    void (*release)(void *ctx);
    /* Optional: data that already sits on the disc (an imported file, fs_read.h). The
     * sections cover size bytes in order; the layout points the new directory records
     * at them instead of placing the data again, and such data counts no new blocks. */
    const fs_extent *(*extents)(void *ctx, uint32_t *count);
} fs_data_source;

typedef struct fs_tree fs_tree;
typedef struct fs_item fs_item;

typedef enum fs_item_type { FS_ITEM_NOT_FOUND = 0, FS_ITEM_DIRECTORY = 1, FS_ITEM_FILE = 2 } fs_item_type;

/* ---- tree ---- */
fs_tree *fs_tree_new(void);
void fs_tree_free(fs_tree *t);                 /* drops the tree's references */
fs_item *fs_tree_root(fs_tree *t);            /* borrowed */

/* Time given to new items ("time the item was added"). Without a clock, items get 0. */
void fs_tree_set_clock(fs_tree *t, fs_time (*now)(void *ctx), void *ctx);
/* UseRestrictedCharacterSet: applies to names added afterwards. */
void fs_tree_set_restricted_names(fs_tree *t, int restricted);
/* Deepest directory level allowed (FS_ISO9660_MAX_LEVELS while ISO9660 is selected,
 * 0 = unlimited). Adding deeper directories fails with IMAPI_E_ISO9660_LEVELS. */
void fs_tree_set_max_levels(fs_tree *t, unsigned levels);
/* Most directories allowed below the root (0 = unlimited). ISO9660 path tables number
 * directories in 16 bits, so with ISO9660 selected the COM layer sets
 * FS_ISO9660_MAX_DIRS; more fail with IMAPI_E_TOO_MANY_DIRS. */
#define FS_ISO9660_MAX_DIRS 65534u
void fs_tree_set_max_dirs(fs_tree *t, uint32_t dirs);
/* FreeMediaBlocks at Add time (0 = unlimited): an add that would take the file data
 * past this many 2048-byte blocks fails with IMAPI_E_IMAGE_SIZE_LIMIT. Metadata is not
 * counted here; the layout checks the whole image again. */
void fs_tree_set_max_blocks(fs_tree *t, uint64_t blocks);
/* Largest file accepted (0 = unlimited); larger ones fail with IMAPI_E_DATA_TOO_BIG. */
void fs_tree_set_max_file_size(fs_tree *t, uint64_t bytes);

/* Items in the tree, root not counted. Maintained incrementally. */
uint32_t fs_tree_file_count(const fs_tree *t);
uint32_t fs_tree_dir_count(const fs_tree *t);
/* Sum over files of their size rounded up to 2048-byte blocks (UsedBlocks estimate). */
uint64_t fs_tree_data_blocks(const fs_tree *t);
/* Deepest directory level in the tree (root = 1); walks the tree. */
unsigned fs_tree_levels(const fs_tree *t);

/* ---- items ---- */
/* New detached items (CreateDirectoryItem / CreateFileItem). The caller owns one
 * reference. A file item takes over the source's reference (release on failure too). */
int32_t fs_item_new_dir(fs_tree *t, const uint16_t *name, size_t len, fs_item **out);
int32_t fs_item_new_file(fs_tree *t, const uint16_t *name, size_t len, const fs_data_source *src, fs_item **out);
void fs_item_addref(fs_item *it);
void fs_item_release(fs_item *it);

fs_item_type fs_item_kind(const fs_item *it);
const uint16_t *fs_item_name(const fs_item *it, size_t *len);
fs_item *fs_item_parent(const fs_item *it);      /* NULL for root and detached items */
int fs_item_in_tree(const fs_item *it);           /* attached below the tree's root */
/* Full path with leading '\\' ("\\" for the root) into buf (0-terminated). Returns the
 * length needed without the terminator; call with cap 0 to size the buffer. */
size_t fs_item_full_path(const fs_item *it, uint16_t *buf, size_t cap);

typedef struct fs_item_times { fs_time creation, modification, access; } fs_item_times;
void fs_item_get_times(const fs_item *it, fs_item_times *out);
void fs_item_set_times(fs_item *it, const fs_item_times *times);
int fs_item_hidden(const fs_item *it);
void fs_item_set_hidden(fs_item *it, int hidden);
/* IFsiFileItem2::IsRealTime: recorded as a UDF real-time file (UDF 2.01 and later). */
int fs_item_real_time(const fs_item *it);
void fs_item_set_real_time(fs_item *it, int real_time);

/* Files. Replacing the data of an item that is in the tree fails with IMAPI_E_READONLY
 * (IMAPI makes file data read-only once the item was added). */
const fs_data_source *fs_file_source(const fs_item *it);
uint64_t fs_file_size(const fs_item *it);
int32_t fs_file_set_source(fs_item *it, const fs_data_source *src);

/* Directories. Children keep insertion order. */
uint32_t fs_dir_child_count(const fs_item *dir);
fs_item *fs_dir_first_child(const fs_item *dir);
fs_item *fs_item_next_sibling(const fs_item *it);
/* Case-insensitive lookup of a direct child; NULL if absent. */
fs_item *fs_dir_find(const fs_item *dir, const uint16_t *name, size_t len);

/* Attach a detached item (and its subtree) under dir (IFsiDirectoryItem::Add).
 * dir takes its own reference. IMAPI_E_DUP_NAME if the name exists, IMAPI_E_NOT_DIR,
 * IMAPI_E_INVALID_PARAM if item is attached or would contain dir,
 * IMAPI_E_ISO9660_LEVELS / IMAPI_E_DATA_TOO_BIG / IMAPI_E_TOO_MANY_DIRS /
 * IMAPI_E_IMAGE_SIZE_LIMIT per the tree limits. */
int32_t fs_dir_add(fs_tree *t, fs_item *dir, fs_item *item);
/* Detach item from its parent. Directories need recursive set unless empty
 * (IMAPI_E_DIR_NOT_EMPTY). The root cannot be removed: recursive on the root empties it. */
int32_t fs_item_remove(fs_tree *t, fs_item *item, int recursive);

/* ---- paths ---- */
/* Paths use '\\' or '/' separators. A leading separator means "from the root";
 * otherwise the path is relative to base (NULL base = root). A single trailing
 * separator is accepted. Empty components, "." and ".." are IMAPI_E_INVALID_PATH.
 * Lookup: IMAPI_E_ITEM_NOT_FOUND if the last component is missing, IMAPI_E_DIR_NOT_FOUND
 * if a directory on the way is missing, IMAPI_E_INVALID_PATH if one is a file. */
int32_t fs_tree_lookup(fs_tree *t, fs_item *base, const uint16_t *path, size_t len, fs_item **out);
/* AddDirectory / AddFile by path: the parent must exist; the new item is attached and
 * returned borrowed (optional out). Name errors are IMAPI_E_INVALID_PATH here. */
int32_t fs_tree_add_dir_path(fs_tree *t, fs_item *base, const uint16_t *path, size_t len, fs_item **out);
int32_t fs_tree_add_file_path(fs_tree *t, fs_item *base, const uint16_t *path, size_t len,
                              const fs_data_source *src, fs_item **out);

/* ---- change points (spec 4.4) ----
 * Every successful add or remove of an item in the tree is one modification and is
 * journalled. ChangePoint is the count of modifications; rolling back undoes the
 * journal down to that point; locking in forgets the journal below the current point.
 * Times, hidden flags and detached-item edits are not journalled. */
int32_t fs_tree_change_point(const fs_tree *t);
/* IMAPI_E_INVALID_PARAM if point is below the locked point or above the current one. */
int32_t fs_tree_rollback(fs_tree *t, int32_t point);
int32_t fs_tree_lock_in(fs_tree *t);
/* Make every modification until the matching end one change point (AddTree, RemoveTree
 * of the root): the COM layer can roll back to the point before it on failure. */
void fs_tree_group_begin(fs_tree *t);
void fs_tree_group_end(fs_tree *t);

#endif
