/* One ECMA-119 directory hierarchy: unique identifiers, 9.3 order, path tables
 * (6.9 / 9.4), directory extents (6.8 / 9.1). See fs_ecma119.h. */
#include <stdlib.h>
#include <string.h>
#include "fs_ecma119.h"
#include "fs_date.h"
#include "fs_hresult.h"
#include "fs_ecma119_desc.h"

#define DR_FIXED ECMA119_DR_FIXED
#define PT_FIXED ECMA119_PT_FIXED

int32_t fs_hier_init(fs_hier *h, const fs_layout *L)
{
    size_t n = L->nnodes;
    h->id_off = calloc(n, sizeof(uint32_t));
    h->id_len = calloc(n, 1);
    h->id_dot = calloc(n, 1);
    h->id_semi = calloc(n, 1);
    h->sorted = calloc(n, sizeof(uint32_t));
    h->dir_block = calloc(n, sizeof(uint32_t));
    h->dir_bytes = calloc(n, sizeof(uint32_t));
    h->dir_num = calloc(n, sizeof(uint32_t));
    h->pt_order = calloc(L->ndirs + 1, sizeof(uint32_t));
    if (!h->id_off || !h->id_len || !h->id_dot || !h->id_semi || !h->sorted || !h->dir_block
        || !h->dir_bytes || !h->dir_num || !h->pt_order)
        return FS_E_OUTOFMEMORY;
    return 0;
}

void fs_hier_destroy(fs_writer *w)
{
    fs_hier *h = (fs_hier *)w;
    free(h->ids); free(h->id_off); free(h->id_len); free(h->id_dot); free(h->id_semi);
    free(h->sorted); free(h->dir_block); free(h->dir_bytes); free(h->dir_num); free(h->pt_order);
    free(h);
}

static size_t id_bytes(const fs_hier *h, uint32_t node)
{
    if (node == 0) return 1;                       /* the root: one 0x00 byte, in Joliet too */
    return h->ucs2 ? 2u * h->id_len[node] : h->id_len[node];
}

static uint32_t dr_len(size_t idb)
{
    return (uint32_t)(DR_FIXED + idb + (idb % 2 == 0));
}

/* Directory records of a node: one per section of an imported multi-extent file. */
static uint32_t node_records(const fs_layout *L, uint32_t node)
{
    return L->nodes[node].next > 1 ? L->nodes[node].next : 1;
}

static int cmp_part(const uint16_t *a, size_t alen, const uint16_t *b, size_t blen)
{
    size_t i, n = alen > blen ? alen : blen;
    for (i = 0; i < n; i++)
    {
        uint16_t ca = i < alen ? a[i] : 0x20, cb = i < blen ? b[i] : 0x20;
        if (ca != cb) return ca < cb ? -1 : 1;
    }
    return 0;
}

int fs_ecma119_id_compare(const uint16_t *a, size_t alen, size_t adot, size_t asemi,
                          const uint16_t *b, size_t blen, size_t bdot, size_t bsemi)
{
    int r = cmp_part(a, adot, b, bdot);
    size_t ae = adot < asemi ? adot + 1 : asemi, be = bdot < bsemi ? bdot + 1 : bsemi;
    if (r) return r;
    r = cmp_part(a + ae, asemi - ae, b + be, bsemi - be);
    if (r) return r;
    /* Versions descending: higher version first. */
    r = cmp_part(b + (bsemi < blen ? bsemi + 1 : blen), bsemi < blen ? blen - bsemi - 1 : 0,
                 a + (asemi < alen ? asemi + 1 : alen), asemi < alen ? alen - asemi - 1 : 0);
    return r;
}

static int node_cmp(const fs_hier *h, uint32_t x, uint32_t y)
{
    return fs_ecma119_id_compare(h->ids + h->id_off[x], h->id_len[x], h->id_dot[x], h->id_semi[x],
                                 h->ids + h->id_off[y], h->id_len[y], h->id_dot[y], h->id_semi[y]);
}

/* Bottom-up merge sort (stable, n log n) with the hierarchy as context. */
static void sort_nodes(const fs_hier *h, uint32_t *a, uint32_t n, uint32_t *tmp)
{
    uint32_t width, i;
    uint32_t *src = a, *dst = tmp;
    for (width = 1; width < n; width *= 2)
    {
        for (i = 0; i < n; i += 2 * width)
        {
            uint32_t lo = i, mid = i + width < n ? i + width : n, hi = i + 2 * width < n ? i + 2 * width : n;
            uint32_t l = lo, r = mid, k = lo;
            while (l < mid && r < hi) dst[k++] = node_cmp(h, src[r], src[l]) < 0 ? src[r++] : src[l++];
            while (l < mid) dst[k++] = src[l++];
            while (r < hi) dst[k++] = src[r++];
        }
        { uint32_t *t = src; src = dst; dst = t; }
    }
    if (src != a) memcpy(a, src, n * sizeof(uint32_t));
}

static int append_id(fs_hier *h, uint32_t node, const uint16_t *id, size_t len, int is_file, int ext_dot_missing)
{
    size_t need = len + 4, pos;
    if (h->ids_len + need > h->ids_cap)
    {
        size_t cap = h->ids_cap ? h->ids_cap * 2 : 65536;
        uint16_t *p;
        while (cap < h->ids_len + need) cap *= 2;
        p = realloc(h->ids, cap * sizeof(uint16_t));
        if (!p) return 0;
        h->ids = p;
        h->ids_cap = cap;
    }
    pos = h->ids_len;
    memcpy(h->ids + pos, id, len * sizeof(uint16_t));
    if (ext_dot_missing) h->ids[pos + len++] = '.';
    {
        size_t dot = len, i;
        for (i = len; i > 0; i--)
            if (h->ids[pos + i - 1] == '.') { dot = i - 1; break; }
        h->id_dot[node] = (uint8_t)dot;
    }
    h->id_semi[node] = (uint8_t)len;
    if (is_file) { h->ids[pos + len++] = ';'; h->ids[pos + len++] = '1'; }
    h->id_off[node] = (uint32_t)pos;
    h->id_len[node] = (uint8_t)len;
    h->ids_len = pos + len;
    return 1;
}

static int32_t name_children(fs_hier *h, const fs_layout *L)
{
    fs_uniq *u = fs_uniq_new();
    uint32_t d, k;
    int32_t hr = 0;
    if (!u) return FS_E_OUTOFMEMORY;
    /* The root's identifier is the single byte 0x00 (6.8.2.1 / 9.4.5). */
    {
        static const uint16_t zero = 0;
        if (!append_id(h, 0, &zero, 1, 0, 0)) { fs_uniq_free(u); return FS_E_OUTOFMEMORY; }
    }
    for (d = 0; d < L->nnodes && !hr; d++)
    {
        const fs_node *dn = &L->nodes[d];
        if (!dn->is_dir || !dn->nkids) continue;
        if (!fs_uniq_reset(u, dn->nkids)) { hr = FS_E_OUTOFMEMORY; break; }
        for (k = dn->first_kid; k < dn->first_kid + dn->nkids; k++)
        {
            fs_mangled m;
            uint16_t id[FS_MANGLE_MAX * 2 + 4];
            size_t len;
            h->mangle(h, L, &L->nodes[k], &m);
            if ((hr = fs_uniq_make(u, &m, id, &len))) break;
            /* ISO9660 files always carry the '.' separator, even without extension. */
            if (!append_id(h, k, id, len, !L->nodes[k].is_dir, !h->ucs2 && !L->nodes[k].is_dir && !m.ext_len))
            { hr = FS_E_OUTOFMEMORY; break; }
            h->sorted[k] = k;
        }
    }
    fs_uniq_free(u);
    return hr;
}

static uint32_t dir_size(const fs_hier *h, const fs_layout *L, uint32_t d)
{
    const fs_node *dn = &L->nodes[d];
    uint32_t off = 2 * dr_len(1), k;     /* '.' and '..' */
    for (k = dn->first_kid; k < dn->first_kid + dn->nkids; k++)
    {
        uint32_t len = dr_len(id_bytes(h, k)), r;
        for (r = 0; r < node_records(L, k); r++)
        {
            if (off % FS_BLOCK_SIZE + len > FS_BLOCK_SIZE) off += FS_BLOCK_SIZE - off % FS_BLOCK_SIZE;
            off += len;
        }
    }
    return (off + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE * FS_BLOCK_SIZE;
}

int32_t fs_hier_compute(fs_writer *w, fs_layout *L)
{
    fs_hier *h = (fs_hier *)w;
    uint32_t *tmp, d, i, count;
    uint64_t pt = 0;
    int32_t hr = name_children(h, L);
    if (hr) return hr;
    tmp = malloc((L->nnodes + 1) * sizeof(uint32_t));
    if (!tmp) return FS_E_OUTOFMEMORY;
    for (d = 0; d < L->nnodes; d++)
        if (L->nodes[d].is_dir && L->nodes[d].nkids > 1)
            sort_nodes(h, h->sorted + L->nodes[d].first_kid, L->nodes[d].nkids, tmp);
    free(tmp);

    /* Path-table order (6.9.1): breadth first, each directory's subdirectories in 9.3
     * order, which sorts by level, then parent number, then identifier. */
    h->pt_order[0] = 0;
    h->dir_num[0] = 1;
    count = 1;
    for (i = 0; i < count; i++)
    {
        const fs_node *dn = &L->nodes[h->pt_order[i]];
        uint32_t k;
        for (k = 0; k < dn->nkids; k++)
        {
            uint32_t kid = h->sorted[dn->first_kid + k];
            if (!L->nodes[kid].is_dir) continue;
            h->dir_num[kid] = count + 1;
            h->pt_order[count++] = kid;
        }
    }
    h->ndirs = count;
    for (i = 0; i < count; i++)
    {
        size_t idb = id_bytes(h, h->pt_order[i]);
        pt += PT_FIXED + idb + (idb & 1);
    }
    h->pt_bytes = (uint32_t)pt;
    h->pt_blocks = (uint32_t)((pt + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE);
    h->pt_l = fs_layout_reserve(L, h->pt_blocks, FS_REGION_META, w, 0);
    h->pt_m = fs_layout_reserve(L, h->pt_blocks, FS_REGION_META, w, 1);
    if (h->pt_l == UINT32_MAX || h->pt_m == UINT32_MAX) return FS_E_OUTOFMEMORY;
    for (i = 0; i < count; i++)
    {
        uint32_t dnode = h->pt_order[i];
        h->dir_bytes[dnode] = dir_size(h, L, dnode);
        h->dir_block[dnode] = fs_layout_reserve(L, h->dir_bytes[dnode] / FS_BLOCK_SIZE, FS_REGION_META, w, 2 + i);
        if (h->dir_block[dnode] == UINT32_MAX) return IMAPI_E_IMAGE_SIZE_LIMIT;
    }
    return 0;
}

static void put_id(const fs_hier *h, uint8_t *p, uint32_t node)
{
    const uint16_t *id = h->ids + h->id_off[node];
    size_t i;
    if (node == 0) { p[0] = 0; return; }
    for (i = 0; i < h->id_len[node]; i++)
    {
        if (h->ucs2) put_be16(p + 2 * i, id[i]);
        else p[i] = (uint8_t)id[i];
    }
}

/* 9.1 directory record; special: 0 = node's own identifier, 1 = '.', 2 = '..'.
 * section: which section of a file whose data is already on the disc. */
static uint32_t put_record(const fs_hier *h, const fs_layout *L, uint8_t *p, uint32_t node, int special, uint32_t section)
{
    const fs_node *n = &L->nodes[node];
    size_t idb = special ? 1 : id_bytes(h, node);
    uint32_t len = dr_len(idb);
    uint32_t extent, size;
    p[ECMA119_DR_LENGTH] = (uint8_t)len;
    p[ECMA119_DR_EAR_LENGTH] = 0;
    if (n->is_dir)
    {
        extent = fs_layout_lba(L, h->dir_block[node]);
        size = h->dir_bytes[node];
    }
    else if (n->next)
    {
        extent = n->ext[section].lba;             /* imported data stays where it is */
        size = n->ext[section].bytes;
    }
    else
    {
        extent = n->src.size ? fs_layout_lba(L, n->data_block) : 0;
        size = (uint32_t)n->src.size;
    }
    put_both32(p + ECMA119_DR_EXTENT, extent);
    put_both32(p + ECMA119_DR_DATA_LENGTH, size);
    fs_time_to_iso7(n->mtime, p + ECMA119_DR_DATE);
    p[ECMA119_DR_FLAGS] = (uint8_t)((n->is_dir ? ECMA119_FLAG_DIRECTORY : 0)
                                   | (n->hidden && !special ? ECMA119_FLAG_HIDDEN : 0)
                                   | (section + 1 < n->next ? ECMA119_FLAG_MULTI_EXTENT : 0));
    p[ECMA119_DR_UNIT_SIZE] = 0;
    p[ECMA119_DR_GAP_SIZE] = 0;
    put_both16(p + ECMA119_DR_SEQ_NUMBER, 1);
    p[ECMA119_DR_ID_LENGTH] = (uint8_t)idb;
    if (special) p[ECMA119_DR_ID] = (uint8_t)(special - 1);  /* 0x00 '.', 0x01 '..' */
    else put_id(h, p + ECMA119_DR_ID, node);
    return len;
}

static void gen_dir(const fs_hier *h, const fs_layout *L, uint32_t d, uint8_t *buf)
{
    const fs_node *dn = &L->nodes[d];
    uint32_t off = 0, k;
    off += put_record(h, L, buf + off, d, 1, 0);
    off += put_record(h, L, buf + off, dn->parent, 2, 0);
    for (k = 0; k < dn->nkids; k++)
    {
        uint32_t kid = h->sorted[dn->first_kid + k];
        uint32_t len = dr_len(id_bytes(h, kid)), r;
        for (r = 0; r < node_records(L, kid); r++)
        {
            if (off % FS_BLOCK_SIZE + len > FS_BLOCK_SIZE) off += FS_BLOCK_SIZE - off % FS_BLOCK_SIZE;
            off += put_record(h, L, buf + off, kid, 0, r);
        }
    }
}

static void gen_path_table(const fs_hier *h, const fs_layout *L, int big_endian, uint8_t *buf)
{
    uint32_t i, off = 0;
    for (i = 0; i < h->ndirs; i++)
    {
        uint32_t d = h->pt_order[i];
        size_t idb = id_bytes(h, d);
        uint8_t *p = buf + off;
        uint32_t parent = h->dir_num[L->nodes[d].parent];
        p[ECMA119_PT_ID_LENGTH] = (uint8_t)idb;
        p[ECMA119_PT_EAR_LENGTH] = 0;
        if (big_endian)
        {
            put_be32(p + ECMA119_PT_EXTENT, fs_layout_lba(L, h->dir_block[d]));
            put_be16(p + ECMA119_PT_PARENT, parent);
        }
        else
        {
            put_le32(p + ECMA119_PT_EXTENT, fs_layout_lba(L, h->dir_block[d]));
            put_le16(p + ECMA119_PT_PARENT, parent);
        }
        put_id(h, p + ECMA119_PT_FIXED, d);
        off += (uint32_t)(PT_FIXED + idb + (idb & 1));
    }
}

int32_t fs_hier_generate(fs_writer *w, const fs_layout *L, uint32_t arg, uint8_t *buf)
{
    const fs_hier *h = (const fs_hier *)w;
    if (arg < 2) gen_path_table(h, L, arg == 1, buf);
    else gen_dir(h, L, h->pt_order[arg - 2], buf);
    return 0;
}

void fs_hier_fill_vd(const fs_hier *h, const fs_layout *L, uint8_t *vd)
{
    uint32_t total = L->next_block;
    memcpy(vd + ECMA119_VD_ID, "CD001", 5);
    vd[ECMA119_VD_VERSION] = 1;
    /* The blocks of this session, as genisoimage -C and libisofs record it: xorriso
     * takes the field as the session's size and refuses a DVD/BD session whose size
     * runs past its track (an absolute end would). */
    put_both32(vd + ECMA119_VD_SPACE_SIZE, total);
    put_both16(vd + ECMA119_VD_SET_SIZE, 1);
    put_both16(vd + ECMA119_VD_SEQ_NUMBER, 1);
    put_both16(vd + ECMA119_VD_BLOCK_SIZE, FS_BLOCK_SIZE);
    put_both32(vd + ECMA119_VD_PT_SIZE, h->pt_bytes);
    put_le32(vd + ECMA119_VD_PT_L, fs_layout_lba(L, h->pt_l));
    put_be32(vd + ECMA119_VD_PT_M, fs_layout_lba(L, h->pt_m));
    put_record(h, L, vd + ECMA119_VD_ROOT_DR, 0, 1, 0);
    fs_time_to_iso17(L->created, vd + ECMA119_VD_CREATED);
    fs_time_to_iso17(L->created, vd + ECMA119_VD_MODIFIED);
    fs_time_to_iso17(0, vd + ECMA119_VD_EXPIRES);
    fs_time_to_iso17(0, vd + ECMA119_VD_EFFECTIVE);
    vd[ECMA119_VD_FS_VERSION] = 1;
}
