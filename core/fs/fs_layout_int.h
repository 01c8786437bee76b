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
    uint8_t is_dir, hidden, real_time;
    fs_time mtime;
    fs_data_source src;
    /* Data already on the disc (imported, before session_start): the directory records
     * point at these sections and no block is placed for the file. */
    const fs_extent *ext;
    uint32_t next;
    /* Named streams: L->streams[first_stream .. first_stream + nstreams). */
    uint32_t first_stream, nstreams;
} fs_node;

/* A named stream of a file (UDF stream directory entry). */
typedef struct fs_layout_stream
{
    uint32_t node;            /* the file */
    uint32_t name_off, name_len;  /* in L->names */
    uint32_t src;             /* source id (fs_layout_source) */
    uint32_t data_block;      /* local block of its data (size > 0) */
} fs_layout_stream;

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
    /* Optional (NULL / 0 when unused): */
    /* Before any compute: claim fixed blocks with fs_layout_reserve_at (UDF's anchor). */
    int32_t (*pin)(fs_writer *w, fs_layout *L);
    /* After the file data: reserve regions at the end of the image (UDF's metadata
     * mirror and closing anchor). */
    int32_t (*finish)(fs_writer *w, fs_layout *L);
    /* ext_count descriptors right after the volume descriptor set terminator (UDF's
     * extended area BEA01/NSR0x/TEA01, ECMA-167 2/8.3), 2048 bytes each, zeroed. */
    void (*write_ext)(fs_writer *w, const fs_layout *L, uint8_t *ext);
    uint32_t ext_count;
    /* Random-write images: the argument that generates a pinned region for its fixed
     * block of the disc instead of the session (UDF's anchor at disc block 256). */
    uint32_t (*in_place_arg)(fs_writer *w, uint32_t arg);
};

/* FILE: data of a source (arg = source id, see fs_layout_source). */
enum fs_region_kind { FS_REGION_ZERO, FS_REGION_META, FS_REGION_VDS, FS_REGION_FILE };

typedef struct fs_region
{
    uint32_t start, count;    /* local blocks */
    uint32_t arg;             /* META: writer's argument; FILE: node index */
    uint8_t kind;
    fs_writer *writer;
} fs_region;

#define FS_MAX_PINS 4

/* A region asked for at a fixed block, placed when the allocator reaches it. */
typedef struct fs_pin
{
    uint32_t start, count, arg;
    uint8_t kind, placed;
    fs_writer *writer;
} fs_pin;

#define FS_MAX_WRITERS 8
/* In-place blocks of a random-write image: the volume descriptor set and the pins,
 * then the session: at most FS_MAX_PINS + 2 ranges. */
#define FS_MAX_MODIFIED (FS_MAX_PINS + 2)

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
    size_t names_len, names_cap;
    fs_layout_stream *streams;
    uint32_t nstreams, streams_cap;
    fs_writer *writers[FS_MAX_WRITERS];
    int nwriters;
    fs_region *regions;
    size_t nregions, regions_cap;
    uint32_t next_block;
    uint32_t *files;          /* node index of each file, in data order */
    uint32_t nfiles;
    fs_pin pins[FS_MAX_PINS];
    int npins;
    uint32_t nvd;             /* ISO9660 volume descriptors incl. terminator; 0: none (UDF only) */
    /* Data that is no tree node (El Torito boot images): source id nnodes + k. */
    fs_data_source *extra;
    uint32_t nextra, extra_cap;
    uint32_t modified[FS_MAX_MODIFIED][2];   /* random_write: disc ranges, inclusive */
    uint32_t nmodified;
};

/* Append a region of nblocks at the next free block; returns its local start or
 * UINT32_MAX when out of memory or past 2^32 blocks. */
uint32_t fs_layout_reserve(fs_layout *L, uint32_t nblocks, int kind, fs_writer *w, uint32_t arg);

/* Ask for nblocks at local block `at` (before any region reaches it): regions
 * reserved later skip it, the gap before it is zero-filled. Only from a writer's pin
 * hook. UINT32_MAX when the pin table is full. */
uint32_t fs_layout_reserve_at(fs_layout *L, uint32_t at, uint32_t nblocks, int kind, fs_writer *w, uint32_t arg);
/* Place every pin not placed yet (zero-filling up to it): the next free block is then
 * past all of them. */
int32_t fs_layout_flush_pins(fs_layout *L);

/* Register a data source that is no tree node (addref'ed, released with the layout);
 * its id goes into a FS_REGION_FILE region's arg. UINT32_MAX when out of memory. */
uint32_t fs_layout_add_source(fs_layout *L, const fs_data_source *src);

/* The source of a FILE region's arg: a tree node's, or one added above. */
static inline const fs_data_source *fs_layout_source(const fs_layout *L, uint32_t id)
{
    return id < L->nnodes ? &L->nodes[id].src : &L->extra[id - L->nnodes];
}

/* Recorded (disc) address of a local block. */
static inline uint32_t fs_layout_lba(const fs_layout *L, uint32_t local)
{
    return L->opt.session_start + local;
}

/* Writers. */
fs_writer *fs_iso9660_writer_new(fs_layout *L);
fs_writer *fs_joliet_writer_new(fs_layout *L);
fs_writer *fs_udf_writer_new(fs_layout *L);
fs_writer *fs_eltorito_writer_new(fs_layout *L);

#endif
