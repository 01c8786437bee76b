/* Image layout: turns an item tree into a block map of an ISO9660 (+ Joliet) and/or UDF
 * image in one pass. The layout is a snapshot: names, times, sizes and data sources are copied
 * (sources addref'ed), so the tree may change or die afterwards. The bytes themselves
 * are produced on demand by fs_image (fs_image.h).
 *
 * Inside, the image is a list of writers (ISO9660, Joliet, UDF; El Torito later),
 * each of which (a) reserves its blocks, (b) writes its volume descriptors and
 * (c) generates the bytes of its regions when the reader reaches them. */
#ifndef IMAPI_FS_LAYOUT_H
#define IMAPI_FS_LAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include "fs/fs_tree.h"

#define FS_BLOCK_SIZE 2048u

/* FsiFileSystems bits. */
#define FS_FS_ISO9660 1u
#define FS_FS_JOLIET  2u
#define FS_FS_UDF     4u

/* Largest file IMAPI accepts in ISO9660/Joliet (2 GiB exactly; one byte more fails with
 * IMAPI_E_DATA_TOO_BIG). Up to 0xFFFFFFFF fits one extent; larger would need
 * interchange level 3 multi-extent files, which IMAPI does not write either. */
#define FS_ISO9660_MAX_FILE 2147483648ULL
/* Largest file UDF alone takes: the allocation descriptors of one extended file entry
 * in a metadata partition (114 long_ads of 2^30 - 2048 bytes, the tightest of all
 * revisions); IMAPI documents files "up to 2 TB", which would need allocation extent
 * descriptors (not written). */
#define FS_UDF_MAX_FILE (114ULL * (0x40000000ULL - 2048))

struct fs_boot_entry;

/* Where fs_layout_options.file_streams hands a file's named streams. */
typedef struct fs_stream_sink fs_stream_sink;
/* One named stream of the file being copied: the name (UTF-16) and its data (the
 * layout takes its own reference on src). 0 or E_OUTOFMEMORY. */
int32_t fs_stream_sink_add(fs_stream_sink *sink, const uint16_t *name, size_t len, const fs_data_source *src);

typedef struct fs_layout_options
{
    uint32_t file_systems;        /* FS_FS_* mask: ISO9660 (Joliet rides on it) and/or UDF */
    int iso_level;                /* ISO9660InterchangeLevel: 1 or 2 */
    const uint16_t *volume_name;  /* VolumeName (UTF-16) or NULL: derived from creation_time */
    size_t volume_name_len;
    uint32_t session_start;       /* SessionStartBlock: every recorded block address is offset by it */
    uint32_t max_blocks;          /* FreeMediaBlocks: 0 = unlimited, else IMAPI_E_IMAGE_SIZE_LIMIT */
    int64_t creation_time;        /* fs_time for volume descriptors; 0 = current time */
    uint64_t max_file_size;       /* 0 = FS_ISO9660_MAX_FILE with ISO9660; UDF alone: 0 = what one file entry holds */
    unsigned joliet_max_name;     /* Joliet name length in UCS-2 units before ";1"; 0 = 64 */
    unsigned udf_revision;        /* UDFRevision (BCD: 0x102, 0x150, 0x200, 0x201, 0x250, 0x260) */
    int udf_redundant_metadata;   /* CreateRedundantUdfMetadataFiles: metadata mirror holds a copy (>= 2.50) */
    const struct fs_boot_entry *boot;  /* El Torito entries (fs_eltorito.h), boot[0] the default */
    uint32_t boot_count;          /* 0 = not bootable, at most FS_ELTORITO_MAX_ENTRIES */
    /* Overwrite media (IMultisessionRandomWrite): with a session_start, the stream starts
     * at disc block 0 and holds the new logical session at session_start plus, in place,
     * the blocks readers look for at fixed disc addresses: the volume descriptors from
     * block 16 and UDF's anchor at 256 (fs_layout_modified_*). Blocks between stay as
     * the disc has them (zeros in the stream, not in the modified list). */
    int random_write;
    /* Named streams (IFsiFileItem2::AddStream), recorded as UDF stream directories
     * (UDF 2.00+ 3.3.5); NULL: none. Called once per file while the tree is copied
     * and only while UDF >= 2.00 is written; it calls fs_stream_sink_add per stream.
     * 0 or an HRESULT (the build fails with it). */
    int32_t (*file_streams)(void *ctx, fs_item *file, fs_stream_sink *sink);
    void *file_streams_ctx;
} fs_layout_options;

void fs_layout_options_default(fs_layout_options *o);

typedef struct fs_layout fs_layout;

/* UDF revisions the writer produces (UDFRevisionsSupported), in increasing order. */
extern const unsigned fs_udf_revisions[];
extern const size_t fs_udf_revision_count;
int fs_udf_revision_supported(unsigned revision);

/* Build the layout. Errors: IMAPI_E_NO_OUTPUT (neither ISO9660 nor UDF in the mask),
 * IMAPI_E_INVALID_PARAM (bad level or UDF revision, Joliet without ISO9660),
 * IMAPI_E_ISO9660_LEVELS (directory deeper than level 8 while ISO9660 is written),
 * IMAPI_E_TOO_MANY_DIRS (more than 65535 directories, the path table's limit, while
 * ISO9660 is written), IMAPI_E_DATA_TOO_BIG, IMAPI_E_NO_UNIQUE_NAME,
 * IMAPI_E_IMAGE_SIZE_LIMIT, E_OUTOFMEMORY; with boot entries also IMAPI_E_INVALID_PARAM
 * (no ISO9660), IMAPI_E_BOOT_OBJECT_CONFLICT (session_start not 0),
 * IMAPI_E_BOOT_IMAGE_DATA, IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH
 * (fs_eltorito_check_entry). */
int32_t fs_layout_build(fs_tree *t, const fs_layout_options *o, fs_layout **out);
void fs_layout_addref(fs_layout *L);
void fs_layout_release(fs_layout *L);
/* fn(ctx) runs once when the last reference goes (the COM layer counts its live
 * results with it: "while a result stream is active"). One hook per layout. */
void fs_layout_on_destroy(fs_layout *L, void (*fn)(void *ctx), void *ctx);

/* FS_FS_* bits written. */
uint32_t fs_layout_file_systems(const fs_layout *L);

/* Blocks in the produced stream (the session, starting at session_start; random_write
 * with a session_start: from disc block 0 to the new session's end). */
uint32_t fs_layout_total_blocks(const fs_layout *L);

/* Volume names as written (also for VolumeNameISO9660 / VolumeNameJoliet getters).
 * ISO9660: d-characters, uppercase, at most 32 (out gets a 0-terminated string).
 * Joliet: at most 16 UCS-2 units (0-terminated). */
void fs_volume_name_iso9660(const uint16_t *name, size_t len, char out[33]);
void fs_volume_name_joliet(const uint16_t *name, size_t len, uint16_t out[17]);

/* File extents for ProgressItems: files in block order. Local block numbers (add
 * session_start for disc addresses). nblocks 0 for empty files. path gets the item's
 * full path ("\\dir\\file") like fs_item_full_path. */
uint32_t fs_layout_file_count(const fs_layout *L);
void fs_layout_file_extent(const fs_layout *L, uint32_t index, uint32_t *first_block, uint32_t *nblocks);
size_t fs_layout_file_path(const fs_layout *L, uint32_t index, uint16_t *buf, size_t cap);

/* Random-write images with a session start: the disc block ranges the stream changes
 * (inclusive, in the order they must be written: in-place descriptors first, then the
 * new session). Other images: none (the whole stream is written). */
uint32_t fs_layout_modified_count(const fs_layout *L);
void fs_layout_modified_range(const fs_layout *L, uint32_t index, uint32_t *first, uint32_t *last);

#endif
