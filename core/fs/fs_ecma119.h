/* Private to core/fs: one ECMA-119 directory hierarchy (path tables + directory
 * extents), shared by the ISO9660 primary tree and the Joliet supplementary tree,
 * which differ only in identifier encoding and naming. */
#ifndef IMAPI_FS_ECMA119_H
#define IMAPI_FS_ECMA119_H

#include "fs_layout_int.h"
#include "fs_mangle.h"

typedef struct fs_hier
{
    fs_writer w;                    /* first: the writer interface */
    int ucs2;                       /* identifiers recorded as UCS-2 big-endian (Joliet) */
    /* Conform one node's name for this hierarchy. */
    void (*mangle)(const struct fs_hier *h, const fs_layout *L, const fs_node *n, fs_mangled *out);
    unsigned joliet_max;

    uint16_t *ids;                  /* recorded identifiers ("NAME.EXT;1"), units */
    size_t ids_len, ids_cap;
    uint32_t *id_off;               /* per node */
    uint8_t *id_len, *id_dot, *id_semi;   /* per node, in units */
    uint32_t *sorted;               /* per node slot: each directory's children in 9.3 order */
    uint32_t *dir_block, *dir_bytes, *dir_num;  /* per node, directories only */
    uint32_t *pt_order;             /* directories in path-table order */
    uint32_t ndirs;
    uint32_t pt_bytes, pt_blocks, pt_l, pt_m;
} fs_hier;

int32_t fs_hier_init(fs_hier *h, const fs_layout *L);
int32_t fs_hier_compute(fs_writer *w, fs_layout *L);
int32_t fs_hier_generate(fs_writer *w, const fs_layout *L, uint32_t arg, uint8_t *buf);
void fs_hier_destroy(fs_writer *w);

/* Fields common to the primary and supplementary volume descriptors (8.4 / 8.5):
 * everything except type, flags, identifiers and escape sequences. */
void fs_hier_fill_vd(const fs_hier *h, const fs_layout *L, uint8_t *vd);

/* Total order of recorded identifiers per ECMA-119 9.3 (name, extension padded with
 * spaces; version descending). Exposed for unit tests. */
int fs_ecma119_id_compare(const uint16_t *a, size_t alen, size_t adot, size_t asemi,
                          const uint16_t *b, size_t blen, size_t bdot, size_t bsemi);

#endif
