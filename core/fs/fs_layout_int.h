/* Private to core/fs: the layout snapshot, its regions and the writer interface. */
#ifndef IMAPI_FS_LAYOUT_INT_H
#define IMAPI_FS_LAYOUT_INT_H

#include "fs_layout.h"
#include "io/byteorder.h"

/* One item of the snapshot. Nodes are numbered breadth first, so the children of a
 * directory are the contiguous nodes [first_kid, first_kid + nkids), in insertion order. */
typedef struct fs_node
{
    uint32_t parent;          /* root: 0 (itself) */
    uint32_t first_kid, nkids;
    uint32_t name_off, name_len;
    uint32_t data_block;      /* files with data: local block of the extent */
    uint32_t level;           /* root 1 */
    uint8_t is_dir, hidden;
    fs_time mtime;
    fs_data_source src;
    /* Data already on the disc (imported, before session_start): the directory records
     * point at these sections and no block is placed for the file. */
    const fs_extent *ext;
    uint32_t next;
} fs_node;

typedef struct fs_writer fs_writer;

struct fs_writer
{
    /* (a) Reserve blocks with fs_layout_reserve. */
    int32_t (*compute)(fs_writer *w, fs_layout *L);
    /* (b) Write vd_count volume descriptors (2048 bytes each, zeroed) into vd. */
    void (*write_vd)(fs_writer *w, const fs_layout *L, uint8_t *vd);
    /* (c) Produce the whole region reserved with argument arg into buf (zeroed). */
    int32_t (*generate)(fs_writer *w, const fs_layout *L, uint32_t arg, uint8_t *buf);
    void (*destroy)(fs_writer *w);
    uint32_t vd_count;
};

enum fs_region_kind { FS_REGION_ZERO, FS_REGION_META, FS_REGION_VDS, FS_REGION_FILE };

typedef struct fs_region
{
    uint32_t start, count;    /* local blocks */
    uint32_t arg;             /* META: writer's argument; FILE: node index */
    uint8_t kind;
    fs_writer *writer;
} fs_region;

#define FS_MAX_WRITERS 4

struct fs_layout
{
    int refs;
    void (*on_destroy)(void *ctx);   /* fs_layout_on_destroy */
    void *on_destroy_ctx;
    fs_layout_options opt;
    uint16_t volume_name[64];
    size_t volume_name_len;
    fs_time created;
    fs_node *nodes;
    uint32_t nnodes, ndirs;
    uint16_t *names;
    fs_writer *writers[FS_MAX_WRITERS];
    int nwriters;
    fs_region *regions;
    size_t nregions, regions_cap;
    uint32_t next_block;
    uint32_t *files;          /* node index of each file, in data order */
    uint32_t nfiles;
};

/* Append a region of nblocks at the next free block; returns its local start or
 * UINT32_MAX when out of memory or past 2^32 blocks. */
uint32_t fs_layout_reserve(fs_layout *L, uint32_t nblocks, int kind, fs_writer *w, uint32_t arg);

/* Recorded (disc) address of a local block. */
static inline uint32_t fs_layout_lba(const fs_layout *L, uint32_t local)
{
    return L->opt.session_start + local;
}

/* Writers. */
fs_writer *fs_iso9660_writer_new(fs_layout *L);
fs_writer *fs_joliet_writer_new(fs_layout *L);

#endif
