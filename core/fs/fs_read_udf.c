/* UDF reader (OSTA UDF 1.02 .. 2.60 on ECMA-167; structures in fs_udf_desc.h).
 *
 * Path to the files, every step checked before it is followed:
 *   volume recognition sequence (BEA01, NSR02/NSR03) at session start + 16;
 *   an anchor at session start + 256, else in the medium's last block or 256 before it;
 *   the main volume descriptor sequence, else the reserve one (a damaged main
 *   sequence: no valid PD or LVD in it); the partition descriptors, the logical volume
 *   descriptor with its partition maps (type 1, sparable read through its physical
 *   blocks, the 2.50 metadata partition through the metadata file, else its mirror);
 *   the file set descriptor, the root ICB; then the directories breadth first.
 * ICB strategy 4 and 4096 (the last recorded entry of the ICB, following indirect
 * entries); short, long and embedded allocation descriptors with allocation extent
 * descriptor chains. Files become references (absolute extents, fs_import_file);
 * data embedded in its file entry is copied (fs_import_file_bytes). Not read:
 * virtual partitions (VAT), sparse extents, extended_ad, named streams. */
#include <stdlib.h>
#include <string.h>
#include "fs_read_int.h"
#include "fs_udf_desc.h"
#include "fs_hresult.h"
#include "fs_layout.h"

#define CONSISTENCY IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR
#define NOT_SUPPORTED IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED
#define SECTOR FS_UDF_SECTOR
#define MAX_VDS_BLOCKS 512u      /* descriptors read per volume descriptor sequence */
#define MAX_PARTS 4u
#define MAX_MAPS 8u
#define MAX_META_EXTENTS 4096u
#define MAX_AEDS 65536u          /* allocation extent descriptors per file: a chain past it loops */
#define MAX_ICB_STEPS 1024u      /* entries and indirect entries followed in one ICB hierarchy */
#define MAX_DIR_BYTES (256u << 20)

enum { MAP_PHYSICAL = 1, MAP_METADATA, MAP_SPARABLE };

typedef struct udf_pd { uint16_t number; uint32_t seq, start, length; } udf_pd;

typedef struct udf_run { uint32_t block, count; } udf_run;   /* metadata file extent (physical blocks) */

typedef struct udf_map
{
    int kind;
    uint16_t part;               /* partition number */
    const udf_pd *pd;
    uint32_t meta_file, mirror_file;
    udf_run *runs;               /* metadata partition: the metadata (or mirror) file's extents */
    uint32_t nruns;
} udf_map;

typedef struct udf_vol
{
    fs_disc *d;
    udf_pd pds[MAX_PARTS];
    uint32_t npds;
    udf_map maps[MAX_MAPS];
    uint32_t nmaps;
    uint8_t lvd[SECTOR];
    int have_lvd;
    uint32_t lvd_seq, end;       /* end: one past the last block of the volume */
} udf_vol;

/* A piece of a file in logical terms (partition reference, block, bytes). */
typedef struct udf_piece { uint16_t part; uint32_t block, bytes; } udf_piece;

typedef struct piece_list { udf_piece *p; uint32_t n, cap; uint64_t bytes; } piece_list;

static int32_t read_block(udf_vol *v, uint32_t lba, uint8_t *buf) { return fs_disc_read(v->d, lba, 1, buf); }

/* ---- probe: recognition sequence and an anchor ---- */

static int32_t has_nsr(fs_disc *d, uint32_t ss)
{
    uint8_t b[SECTOR];
    uint32_t i;
    int bea = 0;
    int32_t hr;
    if (ss > UINT32_MAX - 16 - 64) return IMAPI_E_FILE_SYSTEM_NOT_FOUND;
    for (i = 0; i < 64 && ss + 16 + i < fs_disc_blocks(d); i++)
    {
        if ((hr = fs_disc_read(d, ss + 16 + i, 1, b))) return hr;
        if (b[6] != 1) break;                       /* structure version (2/9.1) */
        if (!memcmp(b + 1, FS_UDF_VRS_BEA, 5)) bea = 1;
        else if (bea && (!memcmp(b + 1, FS_UDF_VRS_NSR02, 5) || !memcmp(b + 1, FS_UDF_VRS_NSR03, 5))) return 0;
        else if (!memcmp(b + 1, FS_UDF_VRS_TEA, 5)) break;
        else if (memcmp(b + 1, "CD001", 5) && memcmp(b + 1, "BOOT2", 5) && memcmp(b + 1, "CDW02", 5)) break;
    }
    return IMAPI_E_FILE_SYSTEM_NOT_FOUND;
}

/* The first valid anchor: session start + 256, the last block, 256 before it. */
static int32_t find_anchor(fs_disc *d, uint32_t ss, uint8_t *avdp, uint32_t *where)
{
    uint32_t n = fs_disc_blocks(d), cand[3], i;
    int32_t hr;
    cand[0] = ss <= UINT32_MAX - FS_UDF_AVDP_SECTOR ? ss + FS_UDF_AVDP_SECTOR : UINT32_MAX;
    cand[1] = n ? n - 1 : UINT32_MAX;
    cand[2] = n > FS_UDF_AVDP_SECTOR ? n - 1 - FS_UDF_AVDP_SECTOR : UINT32_MAX;
    for (i = 0; i < 3; i++)
    {
        if (cand[i] >= n || cand[i] < ss) continue;
        if ((hr = fs_disc_read(d, cand[i], 1, avdp))) return hr;
        if (fs_udf_tag_verify(avdp, SECTOR, cand[i], FS_UDF_TAG_AVDP) == FS_UDF_TAG_OK)
        {
            *where = cand[i];
            return 0;
        }
    }
    return CONSISTENCY;
}

static int32_t probe_udf(fs_disc *d, uint32_t ss)
{
    uint8_t avdp[SECTOR];
    uint32_t where;
    int32_t hr;
    if ((hr = has_nsr(d, ss))) return hr;
    return find_anchor(d, ss, avdp, &where);
}

/* ---- volume descriptor sequence ---- */

static void vds_reset(udf_vol *v)
{
    v->npds = 0;
    v->have_lvd = 0;
}

/* One sequence at extent (length, location); continuation pointers followed within
 * MAX_VDS_BLOCKS blocks in all. The descriptor of the highest sequence number wins
 * (3/8.4.3). */
static int32_t read_vds(udf_vol *v, uint32_t location, uint32_t length)
{
    uint8_t b[SECTOR];
    uint32_t count = length / SECTOR, used = 0, i;
    int32_t hr;
    vds_reset(v);
    for (i = 0; i < count && used < MAX_VDS_BLOCKS; i++, used++)
    {
        uint32_t lba = location + i, seq;
        uint16_t ident;
        if (lba < location) return CONSISTENCY;
        if ((hr = read_block(v, lba, b))) return hr;
        if (fs_udf_tag_verify(b, SECTOR, lba, 0) != FS_UDF_TAG_OK) return CONSISTENCY;
        ident = get_le16(b + FS_UDF_TAG_IDENT);
        seq = get_le32(b + FS_UDF_VD_SEQNUM);
        if (ident == FS_UDF_TAG_TD) break;
        if (ident == FS_UDF_TAG_VDP)
        {
            /* Volume Descriptor Pointer (3/10.3): the sequence goes on elsewhere. */
            fs_udf_extent e;
            fs_udf_get_extent(b + 20, &e);
            location = e.location;
            count = e.length / SECTOR;
            i = (uint32_t)-1;
            continue;
        }
        if (ident == FS_UDF_TAG_PD)
        {
            uint16_t num = get_le16(b + FS_UDF_PD_NUMBER);
            uint32_t k;
            for (k = 0; k < v->npds && v->pds[k].number != num; k++) {}
            if (k == v->npds)
            {
                if (v->npds == MAX_PARTS) return NOT_SUPPORTED;
                v->npds++;
            }
            else if (v->pds[k].seq > seq)
                continue;
            v->pds[k].number = num;
            v->pds[k].seq = seq;
            v->pds[k].start = get_le32(b + FS_UDF_PD_START);
            v->pds[k].length = get_le32(b + FS_UDF_PD_LENGTH);
        }
        else if (ident == FS_UDF_TAG_LVD && (!v->have_lvd || seq >= v->lvd_seq))
        {
            memcpy(v->lvd, b, SECTOR);
            v->have_lvd = 1;
            v->lvd_seq = seq;
        }
    }
    return v->have_lvd && v->npds ? 0 : CONSISTENCY;
}

/* ---- address translation ---- */

/* Absolute block of logical block `block` of partition reference `part`, and how many
 * blocks from it are contiguous on the medium (*run). */
static int32_t map_run(const udf_vol *v, uint16_t part, uint32_t block, uint32_t *abs, uint32_t *run)
{
    const udf_map *m;
    uint32_t k;
    if (part >= v->nmaps) return CONSISTENCY;
    m = &v->maps[part];
    if (m->kind == MAP_METADATA)
    {
        for (k = 0; k < m->nruns; k++)
        {
            if (block < m->runs[k].count)
            {
                const udf_pd *pd = m->pd;
                uint32_t pb = m->runs[k].block + block, r = m->runs[k].count - block;
                if (pb < m->runs[k].block || pb >= pd->length || pd->start > UINT32_MAX - pb) return CONSISTENCY;
                *abs = pd->start + pb;
                *run = r < pd->length - pb ? r : pd->length - pb;
                return 0;
            }
            block -= m->runs[k].count;
        }
        return CONSISTENCY;
    }
    if (block >= m->pd->length || m->pd->start > UINT32_MAX - block) return CONSISTENCY;
    *abs = m->pd->start + block;
    *run = m->pd->length - block;
    return 0;
}

/* Read and check the descriptor at logical block `block` of partition `part`. */
static int32_t read_desc(udf_vol *v, uint16_t part, uint32_t block, uint8_t *buf, uint16_t ident, uint32_t *abs_out)
{
    uint32_t abs, run;
    int32_t hr;
    if ((hr = map_run(v, part, block, &abs, &run))) return hr;
    if ((hr = read_block(v, abs, buf))) return hr;
    if (fs_udf_tag_verify(buf, SECTOR, block, ident) != FS_UDF_TAG_OK) return CONSISTENCY;
    if (abs_out) *abs_out = abs;
    return 0;
}

/* ---- allocation descriptors ---- */

static int32_t piece_add(piece_list *l, uint16_t part, uint32_t block, uint32_t bytes)
{
    if (l->n && l->p[l->n - 1].bytes % SECTOR) return CONSISTENCY;   /* only the last may end mid-block */
    if (l->n == l->cap)
    {
        uint32_t cap = l->cap ? l->cap * 2 : 8;
        udf_piece *p = realloc(l->p, cap * sizeof(*p));
        if (!p) return FS_E_OUTOFMEMORY;
        l->p = p;
        l->cap = cap;
    }
    l->p[l->n].part = part;
    l->p[l->n].block = block;
    l->p[l->n].bytes = bytes;
    l->n++;
    l->bytes += bytes;
    return 0;
}

/* The pieces of the entry in fe (read at partition part), up to info_length bytes.
 * Embedded data is not a piece: the caller reads it from the entry. */
static int32_t collect_pieces(udf_vol *v, const uint8_t *fe, const fs_udf_fe_info *fi, uint16_t part, piece_list *l)
{
    uint8_t *aed = NULL;
    const uint8_t *ad = fe + fi->ad_offset;
    uint32_t lad = fi->ad_length, aeds = 0, size, off;
    uint16_t type = fi->icb_flags & FS_UDF_ICBF_AD_MASK;
    int32_t hr = 0;
    if (type == FS_UDF_ICBF_SHORT_AD) size = FS_UDF_SHORT_AD_SIZE;
    else if (type == FS_UDF_ICBF_LONG_AD) size = FS_UDF_LONG_AD_SIZE;
    else return NOT_SUPPORTED;                    /* extended_ad (2) and reserved types */
    for (;;)
    {
        int next = 0;
        for (off = 0; off + size <= lad; off += size)
        {
            fs_udf_ad a;
            if (size == FS_UDF_SHORT_AD_SIZE) { fs_udf_get_short_ad(ad + off, &a); a.loc.partition = part; }
            else fs_udf_get_long_ad(ad + off, &a);
            if (!a.length) break;                 /* the list ends early (4/12.1) */
            if (a.type == FS_UDF_EXT_NEXT)
            {
                /* Allocation Extent Descriptor (4/14.5): Uint32 previous, Uint32 length, ADs. */
                uint32_t len;
                if (++aeds > MAX_AEDS) { hr = CONSISTENCY; goto done; }
                if (!aed && !(aed = malloc(SECTOR))) { hr = FS_E_OUTOFMEMORY; goto done; }
                if ((hr = read_desc(v, a.loc.partition, a.loc.block, aed, FS_UDF_TAG_AED, NULL))) goto done;
                len = get_le32(aed + 20);
                if (len > SECTOR - 24) { hr = CONSISTENCY; goto done; }
                ad = aed + 24;
                lad = len;
                next = 1;
                break;
            }
            if (l->bytes >= fi->info_length) continue;   /* beyond the data: preallocated space */
            if (a.type != FS_UDF_EXT_RECORDED) { hr = NOT_SUPPORTED; goto done; }   /* sparse file */
            if (a.length > fi->info_length - l->bytes) a.length = (uint32_t)(fi->info_length - l->bytes);
            if ((hr = piece_add(l, a.loc.partition, a.loc.block, a.length))) goto done;
        }
        if (!next) break;
    }
    if (l->bytes != fi->info_length) hr = CONSISTENCY;
done:
    free(aed);
    return hr;
}

/* The pieces as absolute extents, split where the partition is not contiguous. */
static int32_t pieces_to_extents(const udf_vol *v, const piece_list *l, fs_extent **out, uint32_t *count)
{
    fs_extent *e = NULL;
    uint32_t n = 0, cap = 0, i;
    *out = NULL;
    *count = 0;
    for (i = 0; i < l->n; i++)
    {
        uint32_t block = l->p[i].block, left = l->p[i].bytes;
        while (left)
        {
            uint32_t abs, run, take;
            int32_t hr = map_run(v, l->p[i].part, block, &abs, &run);
            if (hr) { free(e); return hr; }
            take = (uint64_t)run * SECTOR < left ? run * SECTOR : left;
            if ((uint64_t)abs + (take + SECTOR - 1) / SECTOR > fs_disc_blocks(v->d)) { free(e); return CONSISTENCY; }
            if (n == cap)
            {
                fs_extent *p;
                cap = cap ? cap * 2 : 8;
                if (!(p = realloc(e, cap * sizeof(*p)))) { free(e); return FS_E_OUTOFMEMORY; }
                e = p;
            }
            e[n].lba = abs;
            e[n].bytes = take;
            n++;
            block += take / SECTOR;
            left -= take;
        }
    }
    *out = e;
    *count = n;
    return 0;
}

/* ---- ICBs ---- */

/* The current entry of the ICB at ad (4/8.10): strategy 4 the entry itself; strategy
 * 4096 the last entry recorded in the ICB's extent, following indirect entries. fe
 * gets the entry, *part its partition. */
static int32_t read_icb(udf_vol *v, const fs_udf_ad *ad, uint8_t *fe, fs_udf_fe_info *fi, uint16_t *part)
{
    uint8_t b[SECTOR];
    uint16_t p = ad->loc.partition;
    uint32_t block = ad->loc.block, left = ad->length / SECTOR ? ad->length / SECTOR : 1, steps;
    int have = 0;
    for (steps = 0; steps < MAX_ICB_STEPS && left; steps++)
    {
        int32_t hr = read_desc(v, p, block, b, 0, NULL);
        uint16_t ident;
        if (hr) { if (have) break; return hr; }
        ident = get_le16(b + FS_UDF_TAG_IDENT);
        if (ident == FS_UDF_TAG_FE || ident == FS_UDF_TAG_EFE)
        {
            if (fs_udf_fe_parse(b, SECTOR, fi)) { if (have) break; return CONSISTENCY; }
            memcpy(fe, b, SECTOR);
            *part = p;
            have = 1;
            if (get_le16(b + FS_UDF_ICB_TAG + FS_UDF_ICB_STRATEGY) != 4096) return 0;
            block++;
            left--;
        }
        else if (ident == FS_UDF_TAG_IE)
        {
            /* Indirect Entry (4/14.7): ICB tag, then the long_ad of the next ICB extent. */
            fs_udf_ad next;
            fs_udf_get_long_ad(b + 36, &next);
            p = next.loc.partition;
            block = next.loc.block;
            left = next.length / SECTOR ? next.length / SECTOR : 1;
        }
        else
            break;                                /* terminal entry or anything else */
    }
    if (!have) return CONSISTENCY;
    /* the entry's own fields again: fi was parsed from the last entry kept */
    return fs_udf_fe_parse(fe, SECTOR, fi) ? CONSISTENCY : 0;
}

/* ---- partition maps ---- */

static const udf_pd *find_pd(const udf_vol *v, uint16_t number)
{
    uint32_t k;
    for (k = 0; k < v->npds; k++)
        if (v->pds[k].number == number) return &v->pds[k];
    return NULL;
}

/* The metadata file (mirror 0) or its mirror (1) of map m: its short_ads in the
 * physical partition (UDF 2.2.13). */
static int32_t load_metadata(udf_vol *v, uint32_t mi, int mirror)
{
    udf_map *m = &v->maps[mi];
    uint8_t fe[SECTOR];
    fs_udf_fe_info fi;
    piece_list l;
    fs_udf_ad ad;
    uint16_t part;
    uint32_t phys, i;
    int32_t hr;
    for (phys = 0; phys < v->nmaps && !(v->maps[phys].kind != MAP_METADATA && v->maps[phys].part == m->part); phys++) {}
    if (phys == v->nmaps) return CONSISTENCY;
    memset(&ad, 0, sizeof(ad));
    ad.loc.partition = (uint16_t)phys;
    ad.loc.block = mirror ? m->mirror_file : m->meta_file;
    ad.length = SECTOR;
    memset(&l, 0, sizeof(l));
    free(m->runs);
    m->runs = NULL;
    m->nruns = 0;
    if ((hr = read_icb(v, &ad, fe, &fi, &part))) return hr;
    if (fi.file_type != (mirror ? FS_UDF_FT_METADATA_MIRROR : FS_UDF_FT_METADATA)) return CONSISTENCY;
    if ((hr = collect_pieces(v, fe, &fi, part, &l))) goto done;
    if (l.n > MAX_META_EXTENTS) { hr = CONSISTENCY; goto done; }
    if (!(m->runs = calloc(l.n ? l.n : 1, sizeof(udf_run)))) { hr = FS_E_OUTOFMEMORY; goto done; }
    for (i = 0; i < l.n; i++)
    {
        if (l.p[i].part != phys || l.p[i].bytes % SECTOR) { hr = CONSISTENCY; goto done; }
        m->runs[i].block = l.p[i].block;
        m->runs[i].count = l.p[i].bytes / SECTOR;
    }
    m->nruns = l.n;
done:
    free(l.p);
    return hr;
}

static int32_t read_maps(udf_vol *v)
{
    const uint8_t *lvd = v->lvd;
    uint32_t table = get_le32(lvd + FS_UDF_LVD_MAP_TABLE_LEN), nmaps = get_le32(lvd + FS_UDF_LVD_NUM_MAPS), off = 0, i;
    if (get_le32(lvd + FS_UDF_LVD_BLOCK_SIZE) != SECTOR) return NOT_SUPPORTED;
    if (table > SECTOR - FS_UDF_LVD_MAPS || nmaps > MAX_MAPS || !nmaps) return CONSISTENCY;
    for (i = 0; i < nmaps; i++)
    {
        const uint8_t *m = lvd + FS_UDF_LVD_MAPS + off;
        udf_map *map = &v->maps[i];
        if (off + 2 > table || m[1] < 2 || off + m[1] > table) return CONSISTENCY;
        memset(map, 0, sizeof(*map));
        if (m[0] == 1 && m[1] == FS_UDF_PMAP1_SIZE)
        {
            map->kind = MAP_PHYSICAL;
            map->part = get_le16(m + 4);
        }
        else if (m[0] == 2 && m[1] == FS_UDF_PMAP2_SIZE)
        {
            map->part = get_le16(m + FS_UDF_PMAP_META_PARTITION);
            if (fs_udf_regid_is(m + FS_UDF_PMAP_META_TYPE_ID, FS_UDF_ID_METADATA))
            {
                map->kind = MAP_METADATA;
                map->meta_file = get_le32(m + FS_UDF_PMAP_META_FILE);
                map->mirror_file = get_le32(m + FS_UDF_PMAP_META_MIRROR);
            }
            else if (fs_udf_regid_is(m + FS_UDF_PMAP_META_TYPE_ID, "*UDF Sparable Partition"))
                /* Read through the physical blocks: the sparing table (remapped
                 * defective packets) is not consulted. [undoc] */
                map->kind = MAP_SPARABLE;
            else
                return NOT_SUPPORTED;             /* virtual partition (VAT) and others */
        }
        else
            return CONSISTENCY;
        if (!(map->pd = find_pd(v, map->part))) return CONSISTENCY;
        off += m[1];
    }
    v->nmaps = nmaps;
    return 0;
}

static void free_maps(udf_vol *v)
{
    uint32_t i;
    for (i = 0; i < v->nmaps; i++) free(v->maps[i].runs);
    v->nmaps = 0;
}

/* The file set descriptor the LVD names, through the metadata file or (when that
 * fails) its mirror. */
static int32_t read_fsd(udf_vol *v, uint8_t *fsd)
{
    fs_udf_ad ad;
    uint32_t i;
    int32_t hr = 0;
    int mirror;
    fs_udf_get_long_ad(v->lvd + FS_UDF_LVD_CONTENTS_USE, &ad);
    for (mirror = 0; mirror < 2; mirror++)
    {
        int meta = 0;
        for (i = 0; i < v->nmaps; i++)
            if (v->maps[i].kind == MAP_METADATA)
            {
                meta = 1;
                if ((hr = load_metadata(v, i, mirror))) break;
            }
        if (!hr && !(hr = read_desc(v, ad.loc.partition, ad.loc.block, fsd, FS_UDF_TAG_FSD, NULL))) return 0;
        if (!meta) break;
    }
    return hr;
}

/* ---- the walk ---- */

typedef struct pending_dir
{
    fs_item *item;
    fs_udf_ad icb;
} pending_dir;

typedef struct udf_walker
{
    fs_import_ctx *c;
    udf_vol *v;
    pending_dir *queue;
    size_t qlen, qcap, qhead;
    uint8_t *seen;               /* a bit per medium block: directory ICBs entered */
} udf_walker;

static int32_t push_dir(udf_walker *w, fs_item *item, const fs_udf_ad *icb)
{
    uint32_t abs, run;
    int32_t hr;
    if ((hr = map_run(w->v, icb->loc.partition, icb->loc.block, &abs, &run))) return hr;
    if (abs >= fs_disc_blocks(w->v->d)) return CONSISTENCY;
    if (w->seen[abs / 8] & (1u << (abs % 8))) return CONSISTENCY;   /* entered twice: a loop */
    w->seen[abs / 8] |= (uint8_t)(1u << (abs % 8));
    if (w->qlen == w->qcap)
    {
        size_t cap = w->qcap ? w->qcap * 2 : 16;
        pending_dir *p = realloc(w->queue, cap * sizeof(*p));
        if (!p) return FS_E_OUTOFMEMORY;
        w->queue = p;
        w->qcap = cap;
    }
    w->queue[w->qlen].item = item;
    w->queue[w->qlen].icb = *icb;
    w->qlen++;
    return 0;
}

/* The whole contents of a directory's entry (embedded or in its extents). The buffer
 * is sized after the extents are checked against the medium, never from the entry's
 * length alone. */
static int32_t read_contents(udf_walker *w, const uint8_t *fe, const fs_udf_fe_info *fi, uint16_t part,
                             uint8_t **out, uint32_t *len)
{
    piece_list l;
    fs_extent *e = NULL;
    uint32_t n = 0, i, pos = 0;
    uint8_t *buf = NULL;
    int32_t hr;
    *out = NULL;
    *len = 0;
    if (fi->info_length > MAX_DIR_BYTES) return NOT_SUPPORTED;
    if ((fi->icb_flags & FS_UDF_ICBF_AD_MASK) == FS_UDF_ICBF_EMBEDDED)
    {
        if (fi->info_length > fi->ad_length) return CONSISTENCY;
        if (!(buf = malloc((size_t)fi->info_length + 1))) return FS_E_OUTOFMEMORY;
        memcpy(buf, fe + fi->ad_offset, (size_t)fi->info_length);
        *out = buf;
        *len = (uint32_t)fi->info_length;
        return 0;
    }
    memset(&l, 0, sizeof(l));
    hr = collect_pieces(w->v, fe, fi, part, &l);
    if (!hr) hr = pieces_to_extents(w->v, &l, &e, &n);
    if (!hr && !(buf = malloc((size_t)fi->info_length + SECTOR))) hr = FS_E_OUTOFMEMORY;
    for (i = 0; !hr && i < n; i++)
    {
        uint32_t b, nb = (e[i].bytes + SECTOR - 1) / SECTOR;
        for (b = 0; !hr && b < nb; b++)
        {
            hr = fs_disc_read(w->v->d, e[i].lba + b, 1, buf + pos);
            pos += b + 1 < nb ? SECTOR : e[i].bytes - b * SECTOR;
        }
    }
    free(l.p);
    free(e);
    if (hr) { free(buf); return hr; }
    *out = buf;
    *len = pos;
    return 0;
}

static int32_t import_entry(udf_walker *w, fs_item *dir, const uint8_t *fid, uint32_t lfi, uint32_t liu)
{
    uint16_t name[256], part;
    uint8_t fe[SECTOR];
    fs_udf_fe_info fi;
    fs_udf_ad icb;
    size_t len = fs_udf_cs0_decode(fid + FS_UDF_FID_IU + liu, lfi, name, 256);
    int hidden = !!(fid[FS_UDF_FID_CHARACTERISTICS] & FS_UDF_FID_HIDDEN);
    int32_t hr;
    if (len == SIZE_MAX || !len || len > 255) return CONSISTENCY;
    fs_udf_get_long_ad(fid + FS_UDF_FID_ICB, &icb);
    if ((hr = read_icb(w->v, &icb, fe, &fi, &part))) return hr;
    if (fi.file_type == FS_UDF_FT_DIRECTORY)
    {
        fs_item *sub;
        if (!(fid[FS_UDF_FID_CHARACTERISTICS] & FS_UDF_FID_DIRECTORY)) return CONSISTENCY;
        if ((hr = fs_import_dir(w->c, dir, name, len, fi.modification, hidden, &sub))) return hr;
        return push_dir(w, sub, &icb);
    }
    if (fid[FS_UDF_FID_CHARACTERISTICS] & FS_UDF_FID_DIRECTORY) return CONSISTENCY;
    if (fi.file_type != FS_UDF_FT_FILE && fi.file_type != FS_UDF_FT_REAL_TIME) return 0;   /* links, devices */
    if ((fi.icb_flags & FS_UDF_ICBF_AD_MASK) == FS_UDF_ICBF_EMBEDDED)
    {
        if (fi.info_length > fi.ad_length) return CONSISTENCY;
        return fs_import_file_bytes(w->c, dir, name, len, fi.modification, hidden, fe + fi.ad_offset,
                                    (uint32_t)fi.info_length);
    }
    {
        piece_list l;
        fs_extent *e = NULL;
        uint32_t n = 0;
        memset(&l, 0, sizeof(l));
        hr = collect_pieces(w->v, fe, &fi, part, &l);
        if (!hr) hr = pieces_to_extents(w->v, &l, &e, &n);
        if (!hr) hr = fs_import_file(w->c, dir, name, len, fi.modification, hidden, fi.info_length, e, n);
        free(l.p);
        free(e);
        return hr;
    }
}

/* The File Identifier Descriptors of one directory (4/14.4). */
static int32_t read_dir(udf_walker *w, const pending_dir *pd, uint8_t *fe)
{
    fs_udf_fe_info fi;
    uint8_t *buf;
    uint32_t len, off = 0;
    uint16_t part;
    int32_t hr;
    if ((hr = read_icb(w->v, &pd->icb, fe, &fi, &part))) return hr;
    if (fi.file_type != FS_UDF_FT_DIRECTORY) return CONSISTENCY;
    if ((hr = read_contents(w, fe, &fi, part, &buf, &len))) return hr;
    while (!hr && off + FS_UDF_FID_IU <= len)
    {
        const uint8_t *f = buf + off;
        uint32_t lfi = f[FS_UDF_FID_LEN_ID], liu = get_le16(f + FS_UDF_FID_LEN_IU);
        uint32_t size = (FS_UDF_FID_IU + liu + lfi + 3u) & ~3u;
        if (FS_UDF_FID_IU + liu + lfi > len - off
            || fs_udf_tag_verify(f, len - off, get_le32(f + FS_UDF_TAG_LOCATION), FS_UDF_TAG_FID) != FS_UDF_TAG_OK)
        {
            hr = CONSISTENCY;
            break;
        }
        if (!(f[FS_UDF_FID_CHARACTERISTICS] & (FS_UDF_FID_DELETED | FS_UDF_FID_PARENT)))
            hr = import_entry(w, pd->item, f, lfi, liu);
        off += size;
    }
    free(buf);
    return hr;
}

static void volume_name(const udf_vol *v, fs_import_info *info)
{
    uint16_t name[128];
    size_t n = fs_udf_get_dstring(v->lvd + FS_UDF_LVD_LV_ID, 128, name, 128);
    if (n == SIZE_MAX) n = 0;
    if (n > 32) n = 32;
    memcpy(info->volume_name, name, n * sizeof(uint16_t));
    while (n && (info->volume_name[n - 1] == ' ' || !info->volume_name[n - 1])) n--;
    info->volume_name[n] = 0;
    info->volume_name_len = n;
}

/* Directories the integrity descriptor counts (UDF 2.2.6.4, the root included), or -1:
 * UpdateImport's totalDirectoryItems. The last LVID recorded in the sequence is current. */
static int32_t count_dirs(udf_vol *v)
{
    uint8_t b[SECTOR];
    fs_udf_extent e;
    int32_t dirs = -1;
    uint32_t i;
    fs_udf_get_extent(v->lvd + FS_UDF_LVD_INTEGRITY, &e);
    for (i = 0; i < e.length / SECTOR && i < 64 && e.location <= UINT32_MAX - i; i++)
    {
        uint32_t np, iu, n;
        if (fs_disc_read(v->d, e.location + i, 1, b)
            || fs_udf_tag_verify(b, SECTOR, e.location + i, FS_UDF_TAG_LVID) != FS_UDF_TAG_OK)
            break;
        np = get_le32(b + FS_UDF_LVID_NUM_PARTITIONS);
        if (np > 64) break;
        iu = FS_UDF_LVID_TABLES + 8 * np;
        if (get_le32(b + FS_UDF_LVID_IMPL_USE_LEN) < FS_UDF_LVID_IU_SIZE || iu + FS_UDF_LVID_IU_SIZE > SECTOR) break;
        n = get_le32(b + iu + 36);
        dirs = n && n <= INT32_MAX ? (int32_t)n : -1;
    }
    return dirs;
}

/* Anchor, a usable volume descriptor sequence (main, else reserve) with its maps, the
 * file set descriptor. */
static int32_t open_volume(udf_vol *v, uint32_t ss, uint8_t *fsd)
{
    uint8_t avdp[SECTOR];
    uint32_t where, i;
    int32_t hr;
    if ((hr = has_nsr(v->d, ss))) return hr;
    if ((hr = find_anchor(v->d, ss, avdp, &where))) return hr;
    v->end = where + 1;
    for (i = 0; i < 2; i++)
    {
        fs_udf_extent e;
        fs_udf_get_extent(avdp + (i ? FS_UDF_AVDP_RESERVE_VDS : FS_UDF_AVDP_MAIN_VDS), &e);
        free_maps(v);
        if ((hr = read_vds(v, e.location, e.length))) continue;
        if ((hr = read_maps(v))) continue;
        if (!(hr = read_fsd(v, fsd))) break;
    }
    for (i = 0; i < v->npds; i++)
    {
        uint64_t end = (uint64_t)v->pds[i].start + v->pds[i].length;
        if (end > v->end) v->end = end > UINT32_MAX ? UINT32_MAX : (uint32_t)end;
    }
    return hr;
}

static int32_t import_udf(fs_import_ctx *c, uint32_t ss)
{
    udf_vol *v = calloc(1, sizeof(*v));
    udf_walker w;
    uint8_t *fsd = malloc(SECTOR), *fe = malloc(SECTOR);
    fs_udf_ad root;
    int32_t hr;
    memset(&w, 0, sizeof(w));
    if (!v || !fsd || !fe) { hr = FS_E_OUTOFMEMORY; goto done; }
    v->d = c->disc;
    if ((hr = open_volume(v, ss, fsd))) goto done;
    volume_name(v, c->info);
    c->info->volume_blocks = v->end;
    c->info->total_dirs = count_dirs(v);
    c->info->udf_revision = fs_udf_regid_revision(v->lvd + FS_UDF_LVD_DOMAIN_ID);
    w.c = c;
    w.v = v;
    if (!(w.seen = calloc(fs_disc_blocks(c->disc) / 8 + 1, 1))) { hr = FS_E_OUTOFMEMORY; goto done; }
    fs_udf_get_long_ad(fsd + FS_UDF_FSD_ROOT_ICB, &root);
    fs_import_root(c);
    if ((hr = push_dir(&w, fs_tree_root(c->tree), &root))) goto done;
    while (w.qhead < w.qlen)
    {
        pending_dir pd = w.queue[w.qhead++];
        if ((hr = read_dir(&w, &pd, fe))) break;
    }
done:
    if (v) free_maps(v);
    free(v);
    free(fsd);
    free(fe);
    free(w.queue);
    free(w.seen);
    return hr;
}

int32_t fs_read_udf_volume_end(fs_disc *d, uint32_t *end)
{
    udf_vol *v = calloc(1, sizeof(*v));
    uint8_t *b = malloc(SECTOR);
    int32_t hr;
    *end = 0;
    if (!v || !b) { free(v); free(b); return FS_E_OUTOFMEMORY; }
    v->d = d;
    if (!(hr = open_volume(v, 0, b)))
    {
        *end = v->end;
        /* a closing anchor right after the partition (ours, mkudffs') belongs to it */
        if (*end < fs_disc_blocks(d) && !fs_disc_read(d, *end, 1, b)
            && fs_udf_tag_verify(b, SECTOR, *end, FS_UDF_TAG_AVDP) == FS_UDF_TAG_OK)
            (*end)++;
    }
    free_maps(v);
    free(v);
    free(b);
    return hr;
}

const fs_reader fs_reader_udf = { FS_FS_UDF, probe_udf, import_udf };
