/* The UDF writer (OSTA UDF 1.02 .. 2.60 on ECMA-167; structures in fs_udf_desc.h).
 *
 * Blocks it claims, in image order:
 *   - the extended area BEA01, NSR02/NSR03, TEA01 right after the ISO9660 terminator
 *     (or from block 16 when UDF is written alone), ECMA-167 2/8.3;
 *   - main and reserve volume descriptor sequences (16 blocks each, UDF 2.2.3.1):
 *     PVD, IUVD, PD, LVD, USD, TD; the integrity sequence (LVID, TD);
 *   - the anchor at block 256 of the session (pinned, 3/8.4.2.1);
 *   - the partition (read-only access, no space bitmap): the "content" - FSD, TD, then
 *     per item in breadth-first order its (extended) file entry and, for directories,
 *     the FIDs. From 2.50 the content is the metadata file of a metadata partition
 *     (UDF 2.2.10/2.2.13): two EFEs (metadata file, mirror file) at partition blocks
 *     0 and 1, the content at block 32 (allocation and alignment unit 32 blocks);
 *   - from 2.50 with CreateRedundantUdfMetadataFiles a second copy of the content for
 *     the mirror file, aligned after the first (without it, the mirror file names the
 *     metadata file's extent and the duplicate flag is clear);
 *     A file with named streams (UDF 2.00+ 3.3.5) is followed by its stream
 *     directory: an EFE of type 13 and its FIDs (the parent FID names the file),
 *     then one EFE (type 5) per stream; the file's EFE points at it (Stream
 *     Directory ICB);
 *   - the file data, shared with the ISO9660/Joliet trees (placed by the layout),
 *     then the named streams' data;
 *   - the closing anchor in the image's last block.
 * Tag locations of content descriptors are content block numbers (the partition the
 * descriptor lives in), so the mirror copy is byte-identical. */
#include <stdlib.h>
#include <string.h>
#include "fs_layout_int.h"
#include "fs_udf_desc.h"
#include "fs_hresult.h"

#define VDS_BLOCKS 16u
#define LVID_BLOCKS 2u
#define CHUNK_BLOCKS 256u        /* content is generated in pieces of about this many blocks */
#define META_UNIT 32u            /* metadata allocation/alignment unit (ECC block of BD) */
#define META_EXT_MAX ((0x40000000u / (META_UNIT * FS_UDF_SECTOR) - 1) * META_UNIT * FS_UDF_SECTOR)
#define TAG_SERIAL 1u            /* one serial for the whole volume (3/7.2.5) */
#define FIRST_UNIQUE_ID 16u      /* UDF 3.2.1.1: 0 is the root, 1..15 reserved */

const unsigned fs_udf_revisions[] = { FS_UDF_REV_102, FS_UDF_REV_150, FS_UDF_REV_200, FS_UDF_REV_201,
                                      FS_UDF_REV_250, FS_UDF_REV_260 };
const size_t fs_udf_revision_count = sizeof(fs_udf_revisions) / sizeof(fs_udf_revisions[0]);

int fs_udf_revision_supported(unsigned revision)
{
    size_t i;
    for (i = 0; i < fs_udf_revision_count; i++)
        if (fs_udf_revisions[i] == revision) return 1;
    return 0;
}

enum { ARG_VDS_MAIN, ARG_VDS_RES, ARG_LVID, ARG_AVDP, ARG_META_FE, ARG_CONTENT, ARG_MIRROR };
#define ARG(kind, idx) (((uint32_t)(kind) << 28) | (uint32_t)(idx))

typedef struct udf_chunk { uint32_t start, count, first_node; } udf_chunk;

typedef struct fs_udf
{
    fs_writer w;
    unsigned rev;
    uint16_t ver;                /* descriptor version: 2 or 3 */
    int efe, meta, dup;
    uint16_t content_ref;        /* partition reference of the content: 0, or 1 (metadata) */
    uint32_t vds_main, vds_res, lvid, avdp_end;  /* local blocks */
    uint32_t part_start, part_len;
    /* Blocks the partition starts before part_start: with imported files (data of an
     * earlier session, fs_node.ext) it starts at the disc's block 0, so their old
     * extents lie inside it; 0 otherwise. */
    uint32_t shift;
    uint32_t meta_start, meta_blocks, mirror_start;  /* physical partition blocks */
    uint32_t content_blocks;
    uint32_t *fe;                /* per node: content block of its file entry */
    uint32_t *data;              /* per node: content block of a directory's FIDs */
    uint32_t *dir_bytes;         /* per node: directory size */
    uint32_t *nsub;              /* per node: subdirectories */
    uint16_t *units;             /* per node: name units recorded */
    uint8_t *id_bytes;           /* per node: CS0 bytes of its FID identifier */
    uint32_t *sdir_fe, *sdir_data, *sdir_bytes;  /* per node with streams: its stream directory */
    uint64_t *sdir_uid;          /* per node: the stream directory's unique ID */
    uint32_t *sfe;               /* per stream: content block of its EFE */
    uint16_t *s_units;           /* per stream: name units recorded */
    uint8_t *s_id_bytes;         /* per stream: CS0 bytes of its FID identifier */
    udf_chunk *chunks;
    uint32_t nchunks, chunks_cap;
} fs_udf;

static uint64_t unique_id(uint32_t node) { return node ? FIRST_UNIQUE_ID - 1 + (uint64_t)node : 0; }

static uint32_t blocks_of(uint64_t bytes) { return (uint32_t)((bytes + FS_UDF_SECTOR - 1) / FS_UDF_SECTOR); }

static void udf_destroy(fs_writer *w)
{
    fs_udf *u = (fs_udf *)w;
    free(u->fe); free(u->data); free(u->dir_bytes); free(u->nsub); free(u->units); free(u->id_bytes);
    free(u->sdir_fe); free(u->sdir_data); free(u->sdir_bytes); free(u->sdir_uid); free(u->sfe);
    free(u->s_units); free(u->s_id_bytes);
    free(u->chunks);
    free(u);
}

/* ---- layout ---- */

static int32_t udf_pin(fs_writer *w, fs_layout *L)
{
    return fs_layout_reserve_at(L, FS_UDF_AVDP_SECTOR, 1, FS_REGION_META, w, ARG(ARG_AVDP, 0)) == UINT32_MAX
               ? IMAPI_E_FSI_INTERNAL_ERROR : 0;
}

/* Recorded names: up to 255 bytes of compressed unicode (4/14.4.4 L_FI is a byte).
 * Longer names are cut; a cut that makes two siblings equal is IMAPI_E_NO_UNIQUE_NAME. */
static int32_t name_nodes(fs_udf *u, const fs_layout *L)
{
    uint32_t i, k;
    for (i = 1; i < L->nnodes; i++)
    {
        const fs_node *n = &L->nodes[i];
        const uint16_t *name = L->names + n->name_off;
        size_t units = fs_udf_cs0_fit(name, n->name_len, 255);
        u->units[i] = (uint16_t)units;
        u->id_bytes[i] = (uint8_t)fs_udf_cs0_size(name, units);
        if (units == n->name_len) continue;
        for (k = L->nodes[n->parent].first_kid; k < i; k++)
        {
            const fs_node *s = &L->nodes[k];
            if (u->units[k] == units && !memcmp(L->names + s->name_off, name, units * sizeof(uint16_t)))
                return IMAPI_E_NO_UNIQUE_NAME;
        }
    }
    /* Stream names (unique per file already, case-insensitively): cut the same way. */
    for (i = 0; i < L->nstreams; i++)
    {
        const fs_layout_stream *st = &L->streams[i];
        const uint16_t *name = L->names + st->name_off;
        size_t units = fs_udf_cs0_fit(name, st->name_len, 255);
        u->s_units[i] = (uint16_t)units;
        u->s_id_bytes[i] = (uint8_t)fs_udf_cs0_size(name, units);
    }
    return 0;
}

static int add_chunk(fs_udf *u, uint32_t start, uint32_t first_node)
{
    if (u->nchunks == u->chunks_cap)
    {
        uint32_t cap = u->chunks_cap ? u->chunks_cap * 2 : 64;
        udf_chunk *p = realloc(u->chunks, cap * sizeof(*p));
        if (!p) return 0;
        u->chunks = p;
        u->chunks_cap = cap;
    }
    u->chunks[u->nchunks].start = start;
    u->chunks[u->nchunks].count = 0;
    u->chunks[u->nchunks].first_node = first_node;
    u->nchunks++;
    return 1;
}

/* Allocation descriptors a file's data needs, and how many fit one file entry. */
static uint64_t data_extents(uint64_t size) { return (size + FS_UDF_EXT_MAX - 1) / FS_UDF_EXT_MAX; }
static uint64_t node_extents(const fs_node *n)
{
    uint64_t k = 0;
    uint32_t i;
    if (!n->next) return data_extents(n->src.size);
    for (i = 0; i < n->next; i++) k += data_extents(n->ext[i].bytes);
    return k;
}
static uint32_t max_ads(const fs_udf *u)
{
    uint32_t fixed = u->efe ? FS_UDF_EFE_FIXED : FS_UDF_FE_FIXED;
    return (FS_UDF_SECTOR - fixed) / (u->meta ? FS_UDF_LONG_AD_SIZE : FS_UDF_SHORT_AD_SIZE);
}

static int32_t pad_to_unit(fs_udf *u, fs_layout *L)
{
    uint32_t rel = L->next_block - u->part_start + u->shift, pad = (META_UNIT - rel % META_UNIT) % META_UNIT;
    return fs_layout_reserve(L, pad, FS_REGION_ZERO, NULL, 0) == UINT32_MAX ? IMAPI_E_IMAGE_SIZE_LIMIT : 0;
}

static int32_t reserve_content(fs_udf *u, fs_layout *L, int kind)
{
    uint32_t k;
    for (k = 0; k < u->nchunks; k++)
        if (fs_layout_reserve(L, u->chunks[k].count, FS_REGION_META, &u->w, ARG(kind, k)) == UINT32_MAX)
            return IMAPI_E_IMAGE_SIZE_LIMIT;
    if (u->meta && fs_layout_reserve(L, u->meta_blocks - u->content_blocks, FS_REGION_ZERO, NULL, 0) == UINT32_MAX)
        return IMAPI_E_IMAGE_SIZE_LIMIT;
    return 0;
}

static int32_t udf_compute(fs_writer *w, fs_layout *L)
{
    fs_udf *u = (fs_udf *)w;
    uint64_t c = 2;                               /* FSD and its terminator */
    uint32_t i, k, nsdirs = 0;
    int32_t hr;

    if ((hr = name_nodes(u, L))) return hr;
    for (i = 0; i < L->nnodes; i++)
    {
        const fs_node *n = &L->nodes[i];
        if (!n->is_dir)
        {
            if (node_extents(n) > max_ads(u)) return IMAPI_E_DATA_TOO_BIG;
            if (!n->nstreams) continue;
            u->sdir_bytes[i] = fs_udf_fid_size(0);   /* the parent FID: the file */
            for (k = n->first_stream; k < n->first_stream + n->nstreams; k++)
            {
                if (data_extents(fs_layout_source(L, L->streams[k].src)->size) > max_ads(u)) return IMAPI_E_DATA_TOO_BIG;
                u->sdir_bytes[i] += fs_udf_fid_size(u->s_id_bytes[k]);
            }
            continue;
        }
        u->dir_bytes[i] = fs_udf_fid_size(0);    /* the parent's FID */
        for (k = n->first_kid; k < n->first_kid + n->nkids; k++)
        {
            u->dir_bytes[i] += fs_udf_fid_size(u->id_bytes[k]);
            if (L->nodes[k].is_dir) u->nsub[i]++;
        }
    }
    /* Content: whole items per chunk, so a chunk is generated alone. */
    if (!add_chunk(u, 0, 0)) return FS_E_OUTOFMEMORY;
    for (i = 0; i < L->nnodes; i++)
    {
        udf_chunk *ch = &u->chunks[u->nchunks - 1];
        ch->count = (uint32_t)(c - ch->start);
        if (ch->count >= CHUNK_BLOCKS)
        {
            if (!add_chunk(u, (uint32_t)c, i)) return FS_E_OUTOFMEMORY;
        }
        u->fe[i] = (uint32_t)c++;
        if (L->nodes[i].is_dir)
        {
            u->data[i] = (uint32_t)c;
            c += blocks_of(u->dir_bytes[i]);
        }
        else if (L->nodes[i].nstreams)
        {
            u->sdir_fe[i] = (uint32_t)c++;
            u->sdir_data[i] = (uint32_t)c;
            c += blocks_of(u->sdir_bytes[i]);
            u->sdir_uid[i] = unique_id(L->nnodes + L->nstreams + nsdirs++);
            for (k = L->nodes[i].first_stream; k < L->nodes[i].first_stream + L->nodes[i].nstreams; k++)
                u->sfe[k] = (uint32_t)c++;
        }
        if (c > 0x3fffffff) return IMAPI_E_IMAGE_SIZE_LIMIT;
    }
    u->chunks[u->nchunks - 1].count = (uint32_t)(c - u->chunks[u->nchunks - 1].start);
    u->content_blocks = (uint32_t)c;
    u->meta_blocks = (u->content_blocks + META_UNIT - 1) / META_UNIT * META_UNIT;

    u->vds_main = fs_layout_reserve(L, VDS_BLOCKS, FS_REGION_META, w, ARG(ARG_VDS_MAIN, 0));
    u->vds_res = fs_layout_reserve(L, VDS_BLOCKS, FS_REGION_META, w, ARG(ARG_VDS_RES, 0));
    u->lvid = fs_layout_reserve(L, LVID_BLOCKS, FS_REGION_META, w, ARG(ARG_LVID, 0));
    if (u->vds_main == UINT32_MAX || u->vds_res == UINT32_MAX || u->lvid == UINT32_MAX) return IMAPI_E_IMAGE_SIZE_LIMIT;
    /* The partition starts after the anchor at 256: no descriptor sits inside it. */
    if ((hr = fs_layout_flush_pins(L))) return hr;
    u->part_start = L->next_block;
    for (i = 0; i < L->nnodes && !L->nodes[i].next; i++) {}
    if (i < L->nnodes)
    {
        u->shift = fs_layout_lba(L, u->part_start);
        if (!u->meta)
        {
            /* The content is the start of the physical partition: shift its blocks too. */
            for (i = 0; i < L->nnodes; i++)
            {
                u->fe[i] += u->shift;
                if (L->nodes[i].is_dir) u->data[i] += u->shift;
                else if (L->nodes[i].nstreams) { u->sdir_fe[i] += u->shift; u->sdir_data[i] += u->shift; }
            }
            for (k = 0; k < L->nstreams; k++) u->sfe[k] += u->shift;
            for (k = 0; k < u->nchunks; k++) u->chunks[k].start += u->shift;
        }
    }
    if (u->meta)
    {
        if (fs_layout_reserve(L, 2, FS_REGION_META, w, ARG(ARG_META_FE, 0)) == UINT32_MAX) return IMAPI_E_IMAGE_SIZE_LIMIT;
        if ((hr = pad_to_unit(u, L))) return hr;
        u->meta_start = L->next_block - u->part_start;
    }
    if ((hr = reserve_content(u, L, ARG_CONTENT))) return hr;
    u->mirror_start = u->meta_start;
    if (u->dup)
    {
        /* The copy goes right after the metadata file, before the file data: readers
         * that take the end of the last file extent for the end of the volume and
         * look for the closing anchor right there (7-Zip) would otherwise stop at
         * the copy. Its own blocks still survive damage to the first copy. */
        if ((hr = pad_to_unit(u, L))) return hr;
        u->mirror_start = L->next_block - u->part_start;
        if ((hr = reserve_content(u, L, ARG_MIRROR))) return hr;
    }
    return 0;
}

static int32_t udf_finish(fs_writer *w, fs_layout *L)
{
    fs_udf *u = (fs_udf *)w;
    u->part_len = L->next_block - u->part_start;
    u->avdp_end = fs_layout_reserve(L, 1, FS_REGION_META, w, ARG(ARG_AVDP, 1));
    return u->avdp_end == UINT32_MAX ? IMAPI_E_IMAGE_SIZE_LIMIT : 0;
}

static void udf_write_ext(fs_writer *w, const fs_layout *L, uint8_t *ext)
{
    const fs_udf *u = (const fs_udf *)w;
    (void)L;
    fs_udf_vrs(ext, FS_UDF_VRS_BEA);
    fs_udf_vrs(ext + FS_UDF_SECTOR, u->rev >= FS_UDF_REV_200 ? FS_UDF_VRS_NSR03 : FS_UDF_VRS_NSR02);
    fs_udf_vrs(ext + 2 * FS_UDF_SECTOR, FS_UDF_VRS_TEA);
}

static void udf_write_vd(fs_writer *w, const fs_layout *L, uint8_t *vd) { (void)w; (void)L; (void)vd; }

/* ---- volume structure (part 3) ---- */

static void tag(const fs_udf *u, uint8_t *d, uint16_t ident, uint32_t location, uint32_t size)
{
    fs_udf_tag_finish(d, ident, u->ver, TAG_SERIAL, location, (uint16_t)(size - FS_UDF_TAG_SIZE));
}

static void volume_name(const fs_layout *L, uint8_t *p, size_t field)
{
    fs_udf_put_dstring(p, field, L->volume_name, L->volume_name_len);
}

static void gen_pvd(const fs_udf *u, const fs_layout *L, uint8_t *d, uint32_t sector)
{
    static const char hex[] = "0123456789ABCDEF";
    uint16_t set[16 + 64];
    uint64_t h = (uint64_t)L->created ^ 0x9e3779b97f4a7c15ULL;
    size_t i, n;
    put_le32(d + FS_UDF_VD_SEQNUM, 0);
    put_le32(d + FS_UDF_PVD_NUMBER, 0);
    volume_name(L, d + FS_UDF_PVD_VOLUME_ID, 32);
    put_le16(d + FS_UDF_PVD_VOL_SEQ, 1);
    put_le16(d + FS_UDF_PVD_MAX_VOL_SEQ, 1);
    put_le16(d + FS_UDF_PVD_INTERCHANGE, 2);      /* UDF 2.2.2.1: single volume */
    put_le16(d + FS_UDF_PVD_MAX_INTERCHANGE, 3);
    put_le32(d + FS_UDF_PVD_CHARSET_LIST, 1);     /* CS0 */
    put_le32(d + FS_UDF_PVD_MAX_CHARSET_LIST, 1);
    /* Volume Set Identifier (UDF 2.2.2.5): 16 hex digits unique to this volume, then the name. */
    for (i = 0; i < L->volume_name_len; i++) h = (h ^ L->volume_name[i]) * 0x100000001b3ULL;
    for (i = 0; i < 16; i++) set[i] = (uint16_t)hex[(h >> (60 - 4 * i)) & 15];
    n = L->volume_name_len < 64 ? L->volume_name_len : 64;
    memcpy(set + 16, L->volume_name, n * sizeof(uint16_t));
    fs_udf_put_dstring(d + FS_UDF_PVD_VOLSET_ID, 128, set, 16 + n);
    fs_udf_put_charspec(d + FS_UDF_PVD_DESC_CHARSET);
    fs_udf_put_charspec(d + FS_UDF_PVD_EXPL_CHARSET);
    fs_udf_put_regid_impl(d + FS_UDF_PVD_APP_ID, FS_UDF_ID_IMPL);
    fs_udf_put_timestamp(d + FS_UDF_PVD_RECORDING_TIME, L->created);
    fs_udf_put_regid_impl(d + FS_UDF_PVD_IMPL_ID, FS_UDF_ID_IMPL);
    put_le16(d + FS_UDF_PVD_FLAGS, 1);            /* volume set identification common */
    tag(u, d, FS_UDF_TAG_PVD, sector, FS_UDF_VD_SIZE);
}

static void gen_iuvd(const fs_udf *u, const fs_layout *L, uint8_t *d, uint32_t sector)
{
    put_le32(d + FS_UDF_VD_SEQNUM, 1);
    fs_udf_put_regid_udf(d + FS_UDF_IUVD_IMPL_ID, FS_UDF_ID_LV_INFO, (uint16_t)u->rev);
    fs_udf_put_charspec(d + FS_UDF_IUVD_LVI_CHARSET);
    volume_name(L, d + FS_UDF_IUVD_LV_ID, 128);
    fs_udf_put_regid_impl(d + FS_UDF_IUVD_IMPL_ID2, FS_UDF_ID_IMPL);
    tag(u, d, FS_UDF_TAG_IUVD, sector, FS_UDF_VD_SIZE);
}

static void gen_pd(const fs_udf *u, const fs_layout *L, uint8_t *d, uint32_t sector)
{
    put_le32(d + FS_UDF_VD_SEQNUM, 2);
    put_le16(d + FS_UDF_PD_FLAGS, 1);             /* allocated */
    put_le16(d + FS_UDF_PD_NUMBER, 0);
    fs_udf_put_regid_impl(d + FS_UDF_PD_CONTENTS, u->rev >= FS_UDF_REV_200 ? FS_UDF_ID_NSR03 : FS_UDF_ID_NSR02);
    memset(d + FS_UDF_PD_CONTENTS + FS_UDF_REGID_SUFFIX, 0, 8);
    /* Partition Header Descriptor: no space tables or bitmaps on a read-only partition. */
    put_le32(d + FS_UDF_PD_ACCESS, FS_UDF_PD_ACCESS_READ_ONLY);
    put_le32(d + FS_UDF_PD_START, fs_layout_lba(L, u->part_start) - u->shift);
    put_le32(d + FS_UDF_PD_LENGTH, u->part_len + u->shift);
    fs_udf_put_regid_impl(d + FS_UDF_PD_IMPL_ID, FS_UDF_ID_IMPL);
    tag(u, d, FS_UDF_TAG_PD, sector, FS_UDF_VD_SIZE);
}

static void gen_lvd(const fs_udf *u, const fs_layout *L, uint8_t *d, uint32_t sector)
{
    uint8_t *m = d + FS_UDF_LVD_MAPS;
    uint32_t maps_len = FS_UDF_PMAP1_SIZE + (u->meta ? FS_UDF_PMAP2_SIZE : 0);
    put_le32(d + FS_UDF_VD_SEQNUM, 3);
    fs_udf_put_charspec(d + FS_UDF_LVD_DESC_CHARSET);
    volume_name(L, d + FS_UDF_LVD_LV_ID, 128);
    put_le32(d + FS_UDF_LVD_BLOCK_SIZE, FS_UDF_SECTOR);
    fs_udf_put_regid_domain(d + FS_UDF_LVD_DOMAIN_ID, FS_UDF_ID_DOMAIN, (uint16_t)u->rev);
    fs_udf_put_long_ad(d + FS_UDF_LVD_CONTENTS_USE, 0, 2 * FS_UDF_SECTOR, u->chunks[0].start, u->content_ref, 0);
    put_le32(d + FS_UDF_LVD_MAP_TABLE_LEN, maps_len);
    put_le32(d + FS_UDF_LVD_NUM_MAPS, u->meta ? 2 : 1);
    fs_udf_put_regid_impl(d + FS_UDF_LVD_IMPL_ID, FS_UDF_ID_IMPL);
    fs_udf_put_extent(d + FS_UDF_LVD_INTEGRITY, LVID_BLOCKS * FS_UDF_SECTOR, fs_layout_lba(L, u->lvid));
    m[0] = 1; m[1] = FS_UDF_PMAP1_SIZE;          /* type 1 map: volume 1, partition 0 */
    put_le16(m + 2, 1);
    put_le16(m + 4, 0);
    if (u->meta)
    {
        m += FS_UDF_PMAP1_SIZE;
        m[0] = 2; m[1] = FS_UDF_PMAP2_SIZE;
        fs_udf_put_regid_udf(m + FS_UDF_PMAP_META_TYPE_ID, FS_UDF_ID_METADATA, (uint16_t)u->rev);
        put_le16(m + FS_UDF_PMAP_META_VOL_SEQ, 1);
        put_le16(m + FS_UDF_PMAP_META_PARTITION, 0);
        put_le32(m + FS_UDF_PMAP_META_FILE, u->shift);
        put_le32(m + FS_UDF_PMAP_META_MIRROR, u->shift + 1);
        put_le32(m + FS_UDF_PMAP_META_BITMAP, 0xffffffffu);
        put_le32(m + FS_UDF_PMAP_META_ALLOC_UNIT, META_UNIT);
        put_le16(m + FS_UDF_PMAP_META_ALIGN_UNIT, META_UNIT);
        m[FS_UDF_PMAP_META_FLAGS] = u->dup ? 1 : 0;
    }
    tag(u, d, FS_UDF_TAG_LVD, sector, FS_UDF_LVD_MAPS + maps_len);
}

static void gen_vds(const fs_udf *u, const fs_layout *L, uint32_t base, uint8_t *buf)
{
    gen_pvd(u, L, buf, fs_layout_lba(L, base));
    gen_iuvd(u, L, buf + FS_UDF_SECTOR, fs_layout_lba(L, base + 1));
    gen_pd(u, L, buf + 2 * FS_UDF_SECTOR, fs_layout_lba(L, base + 2));
    gen_lvd(u, L, buf + 3 * FS_UDF_SECTOR, fs_layout_lba(L, base + 3));
    put_le32(buf + 4 * FS_UDF_SECTOR + FS_UDF_VD_SEQNUM, 4);   /* USD: no unallocated space */
    tag(u, buf + 4 * FS_UDF_SECTOR, FS_UDF_TAG_USD, fs_layout_lba(L, base + 4), 24);
    tag(u, buf + 5 * FS_UDF_SECTOR, FS_UDF_TAG_TD, fs_layout_lba(L, base + 5), FS_UDF_VD_SIZE);
}

static void gen_lvid(const fs_udf *u, const fs_layout *L, uint8_t *d)
{
    uint32_t np = u->meta ? 2 : 1, iu = FS_UDF_LVID_TABLES + 8 * np;
    fs_udf_put_timestamp(d + FS_UDF_LVID_TIME, L->created);
    put_le32(d + FS_UDF_LVID_TYPE, 1);            /* close integrity */
    /* Logical Volume Header Descriptor: the next unique ID (UDF 3.2.1). */
    put_le32(d + FS_UDF_LVID_CONTENTS_USE, (uint32_t)unique_id(L->nnodes + 2 * L->nstreams));
    put_le32(d + FS_UDF_LVID_NUM_PARTITIONS, np);
    put_le32(d + FS_UDF_LVID_IMPL_USE_LEN, FS_UDF_LVID_IU_SIZE);
    /* Free space 0 (read-only), sizes: the physical partition, then the metadata partition. */
    put_le32(d + FS_UDF_LVID_TABLES + 4 * np, u->part_len + u->shift);
    if (u->meta) put_le32(d + FS_UDF_LVID_TABLES + 4 * np + 4, u->meta_blocks);
    fs_udf_put_regid_impl(d + iu, FS_UDF_ID_IMPL);
    put_le32(d + iu + 32, L->nfiles);
    put_le32(d + iu + 36, L->ndirs + 1);
    put_le16(d + iu + 40, u->rev);                /* minimum read revision */
    put_le16(d + iu + 42, u->rev);                /* minimum write revision */
    put_le16(d + iu + 44, u->rev);                /* maximum write revision */
    tag(u, d, FS_UDF_TAG_LVID, fs_layout_lba(L, u->lvid), iu + FS_UDF_LVID_IU_SIZE);
    tag(u, d + FS_UDF_SECTOR, FS_UDF_TAG_TD, fs_layout_lba(L, u->lvid + 1), FS_UDF_VD_SIZE);
}

/* location: the disc block the anchor is recorded at (the session's 256 or last block,
 * or on random-write media also disc block 256, pointing at this session's VDS). */
static void gen_avdp(const fs_udf *u, const fs_layout *L, uint32_t location, uint8_t *d)
{
    fs_udf_put_extent(d + FS_UDF_AVDP_MAIN_VDS, VDS_BLOCKS * FS_UDF_SECTOR, fs_layout_lba(L, u->vds_main));
    fs_udf_put_extent(d + FS_UDF_AVDP_RESERVE_VDS, VDS_BLOCKS * FS_UDF_SECTOR, fs_layout_lba(L, u->vds_res));
    tag(u, d, FS_UDF_TAG_AVDP, location, FS_UDF_VD_SIZE);
}

/* Anchor index 2: the copy at disc block 256 of a random-write image. */
static uint32_t udf_in_place_arg(fs_writer *w, uint32_t arg)
{
    (void)w;
    return arg == ARG(ARG_AVDP, 0) ? ARG(ARG_AVDP, 2) : arg;
}

/* ---- file structure (part 4) ---- */

/* An (extended) file entry with its allocation descriptors; returns nothing, the
 * descriptor fills at most one block. */
typedef struct fe_args
{
    uint8_t file_type;
    uint16_t links;
    uint32_t permissions;
    uint64_t length;
    fs_time mtime;
    uint64_t uid;
} fe_args;

static uint8_t *fe_begin(const fs_udf *u, uint8_t *d, const fe_args *a)
{
    uint32_t fixed = u->efe ? FS_UDF_EFE_FIXED : FS_UDF_FE_FIXED;
    uint8_t *icb = d + FS_UDF_ICB_TAG;
    put_le16(icb + FS_UDF_ICB_STRATEGY, 4);
    put_le16(icb + FS_UDF_ICB_MAX_ENTRIES, 1);
    icb[FS_UDF_ICB_FILE_TYPE] = a->file_type;
    put_le32(d + FS_UDF_FE_UID, 0xffffffffu);     /* no ID (UDF 3.3.3.1) */
    put_le32(d + FS_UDF_FE_GID, 0xffffffffu);
    put_le32(d + FS_UDF_FE_PERMISSIONS, a->permissions);
    put_le16(d + FS_UDF_FE_LINK_COUNT, a->links);
    put_le32(d + FS_UDF_FE_INFO_LENGTH, (uint32_t)a->length);
    put_le32(d + FS_UDF_FE_INFO_LENGTH + 4, (uint32_t)(a->length >> 32));
    if (u->efe)
    {
        uint64_t b = blocks_of(a->length);
        put_le32(d + FS_UDF_EFE_OBJECT_SIZE, (uint32_t)a->length);
        put_le32(d + FS_UDF_EFE_OBJECT_SIZE + 4, (uint32_t)(a->length >> 32));
        put_le32(d + FS_UDF_EFE_BLOCKS, (uint32_t)b);
        fs_udf_put_timestamp(d + FS_UDF_EFE_ACCESS_TIME, a->mtime);
        fs_udf_put_timestamp(d + FS_UDF_EFE_MOD_TIME, a->mtime);
        fs_udf_put_timestamp(d + FS_UDF_EFE_CREATE_TIME, a->mtime);
        fs_udf_put_timestamp(d + FS_UDF_EFE_ATTR_TIME, a->mtime);
        put_le32(d + FS_UDF_EFE_CHECKPOINT, 1);
        fs_udf_put_regid_impl(d + FS_UDF_EFE_IMPL_ID, FS_UDF_ID_IMPL);
        put_le32(d + FS_UDF_EFE_UNIQUE_ID, (uint32_t)a->uid);
        put_le32(d + FS_UDF_EFE_UNIQUE_ID + 4, (uint32_t)(a->uid >> 32));
    }
    else
    {
        put_le32(d + FS_UDF_FE_BLOCKS, blocks_of(a->length));
        fs_udf_put_timestamp(d + FS_UDF_FE_ACCESS_TIME, a->mtime);
        fs_udf_put_timestamp(d + FS_UDF_FE_MOD_TIME, a->mtime);
        fs_udf_put_timestamp(d + FS_UDF_FE_ATTR_TIME, a->mtime);
        put_le32(d + FS_UDF_FE_CHECKPOINT, 1);
        fs_udf_put_regid_impl(d + FS_UDF_FE_IMPL_ID, FS_UDF_ID_IMPL);
        put_le32(d + FS_UDF_FE_UNIQUE_ID, (uint32_t)a->uid);
        put_le32(d + FS_UDF_FE_UNIQUE_ID + 4, (uint32_t)(a->uid >> 32));
    }
    return d + fixed;
}

static void fe_end(const fs_udf *u, uint8_t *d, uint16_t ad_type, uint32_t lad, uint32_t location)
{
    uint32_t fixed = u->efe ? FS_UDF_EFE_FIXED : FS_UDF_FE_FIXED;
    put_le16(d + FS_UDF_ICB_TAG + FS_UDF_ICB_FLAGS, ad_type);
    put_le32(d + (u->efe ? FS_UDF_EFE_LEN_AD : FS_UDF_FE_LEN_AD), lad);
    tag(u, d, u->efe ? FS_UDF_TAG_EFE : FS_UDF_TAG_FE, location, fixed + lad);
}

/* Long allocation descriptors (into partition 0) for `length` bytes from block `block`. */
static uint32_t put_long_ads(uint8_t *ad, uint64_t left, uint32_t block)
{
    uint32_t lad = 0;
    while (left)
    {
        uint32_t len = left > FS_UDF_EXT_MAX ? FS_UDF_EXT_MAX : (uint32_t)left;
        fs_udf_put_long_ad(ad + lad, FS_UDF_EXT_RECORDED, len, block, 0, 0);
        lad += FS_UDF_LONG_AD_SIZE;
        block += blocks_of(len);
        left -= len;
    }
    return lad;
}

/* Short allocation descriptors for `length` bytes from partition block `block`, in
 * extents of at most max bytes (a whole number of blocks but the last). */
static uint32_t put_short_ads(uint8_t *ad, uint64_t length, uint32_t block, uint32_t max)
{
    uint32_t lad = 0;
    while (length)
    {
        uint32_t len = length > max ? max : (uint32_t)length;
        fs_udf_put_short_ad(ad + lad, FS_UDF_EXT_RECORDED, len, block);
        lad += FS_UDF_SHORT_AD_SIZE;
        block += blocks_of(len);
        length -= len;
    }
    return lad;
}

/* Descriptors of data placed by the layout at local block `block`: short ones into the
 * partition, long ones from the metadata partition (the entry lives there, the data in
 * the physical one). */
static uint32_t put_data_ads(const fs_udf *u, uint8_t *ad, uint64_t length, uint32_t block, uint16_t *type)
{
    if (!length) return 0;
    if (!u->meta) return put_short_ads(ad, length, block - u->part_start + u->shift, FS_UDF_EXT_MAX);
    *type = FS_UDF_ICBF_LONG_AD;
    return put_long_ads(ad, length, block - u->part_start + u->shift);
}

static void gen_node_fe(const fs_udf *u, const fs_layout *L, uint32_t i, uint8_t *d)
{
    const fs_node *n = &L->nodes[i];
    fe_args a;
    uint8_t *ad;
    uint32_t lad = 0;
    uint16_t type = FS_UDF_ICBF_SHORT_AD;
    a.file_type = n->is_dir ? FS_UDF_FT_DIRECTORY
                : n->real_time && u->rev >= FS_UDF_REV_201 ? FS_UDF_FT_REAL_TIME : FS_UDF_FT_FILE;
    a.links = (uint16_t)(n->is_dir ? 1 + (u->nsub[i] > 0xfffe ? 0xfffe : u->nsub[i]) : 1);
    a.permissions = n->is_dir ? FS_UDF_PERM_ALL(FS_UDF_PERM_READ | FS_UDF_PERM_EXEC) : FS_UDF_PERM_ALL(FS_UDF_PERM_READ);
    a.length = n->is_dir ? u->dir_bytes[i] : n->src.size;
    a.mtime = n->mtime;
    a.uid = unique_id(i);
    ad = fe_begin(u, d, &a);
    if (n->is_dir)
        lad = put_short_ads(ad, a.length, u->data[i], FS_UDF_EXT_MAX);   /* in the content's partition */
    else if (n->next)
    {
        /* Imported data stays where the earlier session recorded it (the partition
         * starts at block 0 then, see shift). */
        uint32_t k;
        if (u->meta) type = FS_UDF_ICBF_LONG_AD;
        for (k = 0; k < n->next; k++)
            lad += u->meta ? put_long_ads(ad + lad, n->ext[k].bytes, n->ext[k].lba)
                           : put_short_ads(ad + lad, n->ext[k].bytes, n->ext[k].lba, FS_UDF_EXT_MAX);
    }
    else
        lad = put_data_ads(u, ad, a.length, n->data_block, &type);
    if (n->nstreams)
    {
        /* Object Size: the file's data and all its streams (ECMA-167 4/14.17.4). */
        uint64_t obj = a.length;
        uint32_t k;
        for (k = n->first_stream; k < n->first_stream + n->nstreams; k++)
            obj += fs_layout_source(L, L->streams[k].src)->size;
        put_le32(d + FS_UDF_EFE_OBJECT_SIZE, (uint32_t)obj);
        put_le32(d + FS_UDF_EFE_OBJECT_SIZE + 4, (uint32_t)(obj >> 32));
        fs_udf_put_long_ad(d + FS_UDF_EFE_STREAM_ICB, 0, FS_UDF_SECTOR, u->sdir_fe[i], u->content_ref,
                           (uint32_t)u->sdir_uid[i]);
    }
    fe_end(u, d, type, lad, u->fe[i]);
}

/* One FID at byte offset off of directory d's data (which starts at content block
 * base); returns its size. */
static uint32_t put_fid_at(const fs_udf *u, uint8_t *p, uint32_t location, uint8_t ch, uint32_t icb, uint64_t uid,
                           const uint16_t *name, size_t units, uint32_t idb)
{
    uint32_t size = fs_udf_fid_size(idb);
    put_le16(p + FS_UDF_FID_VERSION, 1);
    p[FS_UDF_FID_CHARACTERISTICS] = ch;
    p[FS_UDF_FID_LEN_ID] = (uint8_t)idb;
    fs_udf_put_long_ad(p + FS_UDF_FID_ICB, 0, FS_UDF_SECTOR, icb, u->content_ref, (uint32_t)uid);
    put_le16(p + FS_UDF_FID_LEN_IU, 0);
    if (idb) fs_udf_cs0_encode(name, units, p + FS_UDF_FID_IU, idb);
    tag(u, p, FS_UDF_TAG_FID, location, size);
    return size;
}

static uint32_t put_fid(const fs_udf *u, const fs_layout *L, uint8_t *dir, uint32_t base, uint32_t off,
                        uint32_t target, int parent)
{
    const fs_node *n = &L->nodes[target];
    uint8_t ch = (uint8_t)((n->is_dir ? FS_UDF_FID_DIRECTORY : 0) | (parent ? FS_UDF_FID_PARENT : 0)
                           | (!parent && n->hidden ? FS_UDF_FID_HIDDEN : 0));
    return put_fid_at(u, dir + off, base + off / FS_UDF_SECTOR, ch, u->fe[target], unique_id(target),
                      L->names + n->name_off, u->units[target], parent ? 0 : u->id_bytes[target]);
}

/* The stream directory of file node i (UDF 3.3.5): its EFE (type 13) at sdir_fe, its
 * FIDs at sdir_data (the parent FID names the file), and each stream's EFE (type 5). */
static void gen_streams(const fs_udf *u, const fs_layout *L, uint32_t i, uint8_t *buf, uint32_t start)
{
    const fs_node *n = &L->nodes[i];
    uint8_t *dir = buf + (size_t)(u->sdir_data[i] - start) * FS_UDF_SECTOR, *ad;
    uint32_t off = 0, k, lad;
    uint16_t type = FS_UDF_ICBF_SHORT_AD;
    fe_args a;

    a.file_type = FS_UDF_FT_STREAM_DIR;
    a.links = 1;
    a.permissions = FS_UDF_PERM_ALL(FS_UDF_PERM_READ | FS_UDF_PERM_EXEC);
    a.length = u->sdir_bytes[i];
    a.mtime = n->mtime;
    a.uid = u->sdir_uid[i];
    ad = fe_begin(u, buf + (size_t)(u->sdir_fe[i] - start) * FS_UDF_SECTOR, &a);
    lad = put_short_ads(ad, a.length, u->sdir_data[i], FS_UDF_EXT_MAX);
    fe_end(u, buf + (size_t)(u->sdir_fe[i] - start) * FS_UDF_SECTOR, FS_UDF_ICBF_SHORT_AD, lad, u->sdir_fe[i]);

    off += put_fid_at(u, dir + off, u->sdir_data[i] + off / FS_UDF_SECTOR, FS_UDF_FID_PARENT, u->fe[i],
                      unique_id(i), NULL, 0, 0);
    for (k = n->first_stream; k < n->first_stream + n->nstreams; k++)
    {
        const fs_layout_stream *st = &L->streams[k];
        uint8_t *d = buf + (size_t)(u->sfe[k] - start) * FS_UDF_SECTOR;
        off += put_fid_at(u, dir + off, u->sdir_data[i] + off / FS_UDF_SECTOR, 0, u->sfe[k],
                          unique_id(L->nnodes + k), L->names + st->name_off, u->s_units[k], u->s_id_bytes[k]);
        a.file_type = FS_UDF_FT_FILE;
        a.permissions = FS_UDF_PERM_ALL(FS_UDF_PERM_READ);
        a.length = fs_layout_source(L, st->src)->size;
        a.uid = unique_id(L->nnodes + k);
        ad = fe_begin(u, d, &a);
        type = FS_UDF_ICBF_SHORT_AD;
        lad = put_data_ads(u, ad, a.length, st->data_block, &type);
        fe_end(u, d, type, lad, u->sfe[k]);
    }
}

static void gen_dir(const fs_udf *u, const fs_layout *L, uint32_t d, uint8_t *buf)
{
    const fs_node *n = &L->nodes[d];
    uint32_t off = 0, k;
    off += put_fid(u, L, buf, u->data[d], off, n->parent, 1);
    for (k = n->first_kid; k < n->first_kid + n->nkids; k++)
        off += put_fid(u, L, buf, u->data[d], off, k, 0);
}

static void gen_fsd(const fs_udf *u, const fs_layout *L, uint8_t *d)
{
    fs_udf_put_timestamp(d + FS_UDF_FSD_TIME, L->created);
    put_le16(d + FS_UDF_FSD_INTERCHANGE, 3);
    put_le16(d + FS_UDF_FSD_MAX_INTERCHANGE, 3);
    put_le32(d + FS_UDF_FSD_CHARSET_LIST, 1);
    put_le32(d + FS_UDF_FSD_MAX_CHARSET_LIST, 1);
    fs_udf_put_charspec(d + FS_UDF_FSD_LVI_CHARSET);
    volume_name(L, d + FS_UDF_FSD_LV_ID, 128);
    fs_udf_put_charspec(d + FS_UDF_FSD_FS_CHARSET);
    volume_name(L, d + FS_UDF_FSD_FS_ID, 32);
    fs_udf_put_long_ad(d + FS_UDF_FSD_ROOT_ICB, 0, FS_UDF_SECTOR, u->fe[0], u->content_ref, 0);
    fs_udf_put_regid_domain(d + FS_UDF_FSD_DOMAIN_ID, FS_UDF_ID_DOMAIN, (uint16_t)u->rev);
    tag(u, d, FS_UDF_TAG_FSD, u->chunks[0].start, FS_UDF_VD_SIZE);
    tag(u, d + FS_UDF_SECTOR, FS_UDF_TAG_TD, u->chunks[0].start + 1, FS_UDF_VD_SIZE);
}

static void gen_chunk(const fs_udf *u, const fs_layout *L, const udf_chunk *ch, uint8_t *buf)
{
    uint32_t i, end = ch->start + ch->count;
    if (ch == u->chunks) gen_fsd(u, L, buf);
    for (i = ch->first_node; i < L->nnodes && u->fe[i] < end; i++)
    {
        gen_node_fe(u, L, i, buf + (size_t)(u->fe[i] - ch->start) * FS_UDF_SECTOR);
        if (L->nodes[i].is_dir) gen_dir(u, L, i, buf + (size_t)(u->data[i] - ch->start) * FS_UDF_SECTOR);
        else if (L->nodes[i].nstreams) gen_streams(u, L, i, buf, ch->start);
    }
}

/* The metadata file (which = 0) or its mirror (1): extended file entries in the
 * physical partition at blocks 0 and 1 (UDF 2.2.13). */
static void gen_meta_fe(const fs_udf *u, const fs_layout *L, int which, uint8_t *d)
{
    fe_args a;
    uint8_t *ad;
    uint32_t lad;
    a.file_type = which ? FS_UDF_FT_METADATA_MIRROR : FS_UDF_FT_METADATA;
    a.links = 1;
    a.permissions = 0;
    a.length = (uint64_t)u->meta_blocks * FS_UDF_SECTOR;
    a.mtime = L->created;
    a.uid = 0;
    ad = fe_begin(u, d, &a);
    lad = put_short_ads(ad, a.length, (which ? u->mirror_start : u->meta_start) + u->shift, META_EXT_MAX);
    fe_end(u, d, FS_UDF_ICBF_SHORT_AD, lad, u->shift + (uint32_t)which);
}

static int32_t udf_generate(fs_writer *w, const fs_layout *L, uint32_t arg, uint8_t *buf)
{
    const fs_udf *u = (const fs_udf *)w;
    uint32_t idx = arg & 0x0fffffffu;
    switch (arg >> 28)
    {
    case ARG_VDS_MAIN: gen_vds(u, L, u->vds_main, buf); break;
    case ARG_VDS_RES: gen_vds(u, L, u->vds_res, buf); break;
    case ARG_LVID: gen_lvid(u, L, buf); break;
    case ARG_AVDP:
        gen_avdp(u, L, idx == 2 ? FS_UDF_AVDP_SECTOR : fs_layout_lba(L, idx ? u->avdp_end : FS_UDF_AVDP_SECTOR), buf);
        break;
    case ARG_META_FE:
        gen_meta_fe(u, L, 0, buf);
        gen_meta_fe(u, L, 1, buf + FS_UDF_SECTOR);
        break;
    case ARG_CONTENT:
    case ARG_MIRROR: gen_chunk(u, L, &u->chunks[idx], buf); break;
    default: return IMAPI_E_FSI_INTERNAL_ERROR;
    }
    return 0;
}

fs_writer *fs_udf_writer_new(fs_layout *L)
{
    fs_udf *u = calloc(1, sizeof(*u));
    size_t n = L->nnodes;
    if (!u) return NULL;
    u->w.compute = udf_compute;
    u->w.write_vd = udf_write_vd;
    u->w.generate = udf_generate;
    u->w.in_place_arg = udf_in_place_arg;
    u->w.destroy = udf_destroy;
    u->w.pin = udf_pin;
    u->w.finish = udf_finish;
    u->w.write_ext = udf_write_ext;
    u->w.ext_count = 3;
    u->rev = L->opt.udf_revision;
    u->ver = fs_udf_desc_version(u->rev);
    u->efe = u->rev >= FS_UDF_REV_200;
    u->meta = u->rev >= FS_UDF_REV_250;
    u->dup = u->meta && L->opt.udf_redundant_metadata;
    u->content_ref = (uint16_t)(u->meta ? 1 : 0);
    u->fe = calloc(n, sizeof(uint32_t));
    u->data = calloc(n, sizeof(uint32_t));
    u->dir_bytes = calloc(n, sizeof(uint32_t));
    u->nsub = calloc(n, sizeof(uint32_t));
    u->units = calloc(n, sizeof(uint16_t));
    u->id_bytes = calloc(n, 1);
    u->sdir_fe = calloc(n, sizeof(uint32_t));
    u->sdir_data = calloc(n, sizeof(uint32_t));
    u->sdir_bytes = calloc(n, sizeof(uint32_t));
    u->sdir_uid = calloc(n, sizeof(uint64_t));
    u->sfe = calloc(L->nstreams + 1, sizeof(uint32_t));
    u->s_units = calloc(L->nstreams + 1, sizeof(uint16_t));
    u->s_id_bytes = calloc(L->nstreams + 1, 1);
    if (!u->fe || !u->data || !u->dir_bytes || !u->nsub || !u->units || !u->id_bytes || !u->sdir_fe || !u->sdir_data
        || !u->sdir_bytes || !u->sdir_uid || !u->sfe || !u->s_units || !u->s_id_bytes)
    {
        udf_destroy(&u->w);
        return NULL;
    }
    return &u->w;
}
