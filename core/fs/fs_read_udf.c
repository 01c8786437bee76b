/* UDF reader (ECMA-167 3rd edition, OSTA UDF 1.02 .. 2.60) over fs_udf_desc.h: the
 * anchor of the session (session start + 256, else the media's last blocks), the
 * main volume descriptor sequence (else the reserve), type 1 and metadata partition
 * maps (2.50: the metadata file, else its mirror), the file set descriptor, then the
 * directory hierarchy from the root ICB: file entries and extended file entries (ICB
 * strategy 4, and 4096 followed through its indirect entries), short, long and
 * embedded allocation descriptors with continuation extents, FIDs with OSTA
 * compressed unicode names. Files with recorded extents become references to their
 * blocks; embedded (immediate) data is copied. Every descriptor is checked (tag
 * checksum and CRC) and every address against its partition and the media. Virtual
 * (VAT) and sparable partitions are IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED. */
#include <stdlib.h>
#include <string.h>
#include "fs_read_int.h"
#include "fs_udf_desc.h"
#include "fs_hresult.h"
#include "fs_layout.h"

#define CONSISTENCY IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR
#define BLOCK FS_UDF_SECTOR
#define MAX_MAPS 4
#define MAX_PARTITIONS 4
#define MAX_VDS_BLOCKS 64
#define MAX_HOPS 64                 /* VDP / IE / AED chains */
#define MAX_DIR_BYTES (64u << 20)   /* one directory's FIDs */

typedef struct udf_part { uint16_t number; uint32_t start, length; } udf_part;

typedef struct udf_map
{
    int kind;                       /* 1 physical, 2 metadata */
    uint16_t partition;             /* partition number (index into parts by number) */
    uint32_t meta_file, meta_mirror;/* metadata: where the metadata file and its mirror are */
    fs_extent *meta;                /* metadata file: extents in blocks of the partition */
    uint32_t nmeta;
} udf_map;

typedef struct udf_vol
{
    fs_disc *d;
    udf_part parts[MAX_PARTITIONS];
    int nparts;
    udf_map maps[MAX_MAPS];
    int nmaps;
    fs_udf_ad fsd;
    uint8_t lv_id[128];
} udf_vol;

static int tag_ok(const uint8_t *d, size_t avail, uint32_t location, uint16_t ident)
{
    return fs_udf_tag_verify(d, avail, location, ident) == FS_UDF_TAG_OK;
}

/* Checksum, identifier and CRC, not the location (FIDs straddle blocks). */
static int tag_ok_anywhere(const uint8_t *d, size_t avail, uint16_t ident)
{
    fs_udf_tag t;
    if (avail < FS_UDF_TAG_SIZE) return 0;
    fs_udf_tag_read(d, &t);
    return t.checksum == fs_udf_tag_checksum(d) && t.ident == ident && (size_t)t.crc_len + FS_UDF_TAG_SIZE <= avail
        && fs_udf_crc(d + FS_UDF_TAG_SIZE, t.crc_len) == t.crc;
}

static int32_t find_anchor(fs_disc *d, uint32_t session_start, uint8_t *b)
{
    uint32_t n = fs_disc_blocks(d), cand[3], i;
    cand[0] = session_start + FS_UDF_AVDP_SECTOR;
    cand[1] = n ? n - 1 : 0;
    cand[2] = n > FS_UDF_AVDP_SECTOR ? n - 1 - FS_UDF_AVDP_SECTOR : 0;
    for (i = 0; i < 3; i++)
    {
        int32_t hr;
        if (cand[i] < session_start || cand[i] >= n || session_start > UINT32_MAX - FS_UDF_AVDP_SECTOR) continue;
        if ((hr = fs_disc_read(d, cand[i], 1, b)) == IMAPI_E_IMPORT_READ_FAILURE) return hr;
        if (!hr && tag_ok(b, BLOCK, cand[i], FS_UDF_TAG_AVDP)) return 0;
    }
    return IMAPI_E_FILE_SYSTEM_NOT_FOUND;
}

/* ---- partitions ---- */

static const udf_part *part_by_number(const udf_vol *v, uint16_t number)
{
    int i;
    for (i = 0; i < v->nparts; i++)
        if (v->parts[i].number == number) return &v->parts[i];
    return NULL;
}

/* Physical block of logical block `block` of partition reference `ref`, and how many
 * blocks follow it contiguously (at most `want`). */
static int32_t map_block(const udf_vol *v, uint16_t ref, uint32_t block, uint32_t want, uint32_t *lba, uint32_t *run)
{
    const udf_map *m;
    const udf_part *p;
    uint32_t i;
    if (ref >= v->nmaps) return CONSISTENCY;
    m = &v->maps[ref];
    if (!(p = part_by_number(v, m->partition))) return CONSISTENCY;
    if (m->kind == 2)
    {
        uint64_t base = 0;
        for (i = 0; i < m->nmeta; i++)
        {
            uint32_t blocks = m->meta[i].bytes / BLOCK;
            if (block < base + blocks)
            {
                uint32_t off = (uint32_t)(block - base);
                block = m->meta[i].lba + off;        /* now a block of the physical partition */
                if (want > blocks - off) want = blocks - off;
                break;
            }
            base += blocks;
        }
        if (i == m->nmeta) return CONSISTENCY;
    }
    if (block >= p->length || !want) return CONSISTENCY;
    if (want > p->length - block) want = p->length - block;
    if ((uint64_t)p->start + block + want > fs_disc_blocks(v->d)) return CONSISTENCY;
    *lba = p->start + block;
    *run = want;
    return 0;
}

static int32_t read_logical(const udf_vol *v, uint16_t ref, uint32_t block, uint8_t *b)
{
    uint32_t lba, run;
    int32_t hr = map_block(v, ref, block, 1, &lba, &run);
    return hr ? hr : fs_disc_read(v->d, lba, 1, b);
}

/* ---- file entries and their allocation descriptors ---- */

typedef struct udf_file
{
    fs_udf_fe_info fe;
    uint16_t ref;                   /* partition reference of the ICB (short_ad's partition) */
    uint8_t block[BLOCK];           /* the FE/EFE (embedded data lives in it) */
    fs_udf_ad *ads;                 /* recorded extents, in order */
    uint32_t nads, cap;
} udf_file;

static int32_t push_ad(udf_file *f, const fs_udf_ad *a)
{
    if (f->nads == f->cap)
    {
        uint32_t cap = f->cap ? f->cap * 2 : 8;
        fs_udf_ad *p;
        if (cap > 1u << 20) return CONSISTENCY;
        if (!(p = realloc(f->ads, cap * sizeof(*p)))) return FS_E_OUTOFMEMORY;
        f->ads = p;
        f->cap = cap;
    }
    f->ads[f->nads++] = *a;
    return 0;
}

/* Walk ADs of one area (the FE's, or an AED's); *next gets a continuation extent. */
static int32_t parse_ads(udf_file *f, const uint8_t *p, uint32_t len, int is_long, fs_udf_ad *next, int *has_next)
{
    uint32_t size = is_long ? FS_UDF_LONG_AD_SIZE : FS_UDF_SHORT_AD_SIZE, off;
    int32_t hr;
    *has_next = 0;
    for (off = 0; off + size <= len; off += size)
    {
        fs_udf_ad a;
        if (is_long) fs_udf_get_long_ad(p + off, &a);
        else { fs_udf_get_short_ad(p + off, &a); a.loc.partition = f->ref; }
        if (!a.length) break;                                  /* end of the descriptors */
        if (a.type == FS_UDF_EXT_NEXT) { *next = a; *has_next = 1; break; }
        if ((hr = push_ad(f, &a))) return hr;
    }
    return 0;
}

/* The FE/EFE at `icb` (following strategy 4096 indirect entries) and its recorded
 * extents (following allocation extent descriptors). */
static int32_t read_file(const udf_vol *v, const fs_udf_ad *icb, udf_file *f)
{
    fs_udf_lb_addr at = icb->loc;
    int hops, has_next, ad_type;
    fs_udf_ad next;
    uint8_t aed[BLOCK];
    int32_t hr;

    memset(&f->fe, 0, sizeof(f->fe));
    f->nads = 0;
    for (hops = 0; ; hops++)
    {
        fs_udf_tag t;
        if (hops > MAX_HOPS) return CONSISTENCY;
        if ((hr = read_logical(v, at.partition, at.block, f->block))) return hr;
        fs_udf_tag_read(f->block, &t);
        if (t.ident == FS_UDF_TAG_IE)                          /* 4/14.7: points at the next ICB */
        {
            fs_udf_ad a;
            if (!tag_ok(f->block, BLOCK, at.block, FS_UDF_TAG_IE)) return CONSISTENCY;
            fs_udf_get_long_ad(f->block + 36, &a);
            at = a.loc;
            continue;
        }
        if ((t.ident != FS_UDF_TAG_FE && t.ident != FS_UDF_TAG_EFE) || !tag_ok(f->block, BLOCK, at.block, t.ident))
            return CONSISTENCY;
        if (get_le16(f->block + FS_UDF_ICB_TAG + FS_UDF_ICB_STRATEGY) == 4096)
        {
            /* Strategy 4096 (UDF 2.3.5): the next block may hold an indirect entry to a newer ICB. */
            uint8_t ie[BLOCK];
            fs_udf_ad a;
            if (!read_logical(v, at.partition, at.block + 1, ie) && tag_ok(ie, BLOCK, at.block + 1, FS_UDF_TAG_IE))
            {
                fs_udf_get_long_ad(ie + 36, &a);
                if (a.length && (a.loc.block != at.block || a.loc.partition != at.partition)) { at = a.loc; continue; }
            }
        }
        break;
    }
    f->ref = at.partition;
    if (fs_udf_fe_parse(f->block, BLOCK, &f->fe)) return CONSISTENCY;
    ad_type = f->fe.icb_flags & FS_UDF_ICBF_AD_MASK;
    if (ad_type == FS_UDF_ICBF_EMBEDDED)
        return f->fe.info_length <= f->fe.ad_length ? 0 : CONSISTENCY;
    if (ad_type != FS_UDF_ICBF_SHORT_AD && ad_type != FS_UDF_ICBF_LONG_AD) return IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED;
    if ((hr = parse_ads(f, f->block + f->fe.ad_offset, f->fe.ad_length, ad_type == FS_UDF_ICBF_LONG_AD, &next, &has_next)))
        return hr;
    for (hops = 0; has_next; hops++)
    {
        uint32_t len;
        if (hops > MAX_HOPS) return CONSISTENCY;
        if ((hr = read_logical(v, next.loc.partition, next.loc.block, aed))) return hr;
        if (!tag_ok(aed, BLOCK, next.loc.block, FS_UDF_TAG_AED)) return CONSISTENCY;
        len = get_le32(aed + 20);                              /* 4/14.5: Length of Allocation Descriptors */
        if (len > BLOCK - 24) return CONSISTENCY;
        if ((hr = parse_ads(f, aed + 24, len, ad_type == FS_UDF_ICBF_LONG_AD, &next, &has_next))) return hr;
    }
    return 0;
}

/* The recorded extents of f as physical sections covering info_length bytes. */
static int32_t file_sections(const udf_vol *v, const udf_file *f, fs_extent **out, uint32_t *count)
{
    uint64_t left = f->fe.info_length;
    fs_extent *ext = NULL;
    uint32_t n = 0, cap = 0, i;
    int32_t hr = 0;
    *out = NULL;
    *count = 0;
    for (i = 0; i < f->nads && left && !hr; i++)
    {
        const fs_udf_ad *a = &f->ads[i];
        uint32_t bytes = a->length, block = a->loc.block;
        if (a->type != FS_UDF_EXT_RECORDED) { hr = IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED; break; }  /* sparse */
        if (bytes > left) bytes = (uint32_t)left;
        if (bytes % BLOCK && bytes != left) { hr = CONSISTENCY; break; }  /* only the last ends mid-block */
        while (bytes && !hr)
        {
            uint32_t lba, run, take;
            if ((hr = map_block(v, a->loc.partition, block, (bytes + BLOCK - 1) / BLOCK, &lba, &run))) break;
            take = run * BLOCK < bytes ? run * BLOCK : bytes;
            if (n && ext[n - 1].lba + ext[n - 1].bytes / BLOCK == lba && ext[n - 1].bytes % BLOCK == 0
                && (uint64_t)ext[n - 1].bytes + take < 0x80000000u)
                ext[n - 1].bytes += take;                       /* contiguous: one section */
            else
            {
                if (n == cap)
                {
                    fs_extent *p;
                    cap = cap ? cap * 2 : 8;
                    if (!(p = realloc(ext, cap * sizeof(*p)))) { hr = FS_E_OUTOFMEMORY; break; }
                    ext = p;
                }
                ext[n].lba = lba;
                ext[n].bytes = take;
                n++;
            }
            bytes -= take;
            left -= take;
            block += run;
        }
    }
    if (!hr && left) hr = CONSISTENCY;                         /* extents shorter than the file */
    if (hr) { free(ext); return hr; }
    *out = ext;
    *count = n;
    return 0;
}

/* A directory's FIDs into a new buffer. */
static int32_t read_dir_data(const udf_vol *v, const udf_file *f, uint8_t **out, uint32_t *len)
{
    fs_extent *ext;
    uint32_t n, i, off = 0;
    uint8_t *buf;
    int32_t hr;
    *out = NULL;
    if (f->fe.info_length > MAX_DIR_BYTES || f->fe.info_length > (uint64_t)fs_disc_blocks(v->d) * BLOCK)
        return CONSISTENCY;
    *len = (uint32_t)f->fe.info_length;
    if (!(buf = malloc(*len + BLOCK))) return FS_E_OUTOFMEMORY;
    if ((f->fe.icb_flags & FS_UDF_ICBF_AD_MASK) == FS_UDF_ICBF_EMBEDDED)
    {
        memcpy(buf, f->block + f->fe.ad_offset, *len);
        *out = buf;
        return 0;
    }
    if ((hr = file_sections(v, f, &ext, &n))) { free(buf); return hr; }
    for (i = 0; i < n && !hr; i++)
    {
        uint32_t blocks = (ext[i].bytes + BLOCK - 1) / BLOCK, b;
        for (b = 0; b < blocks && !hr; b++)
        {
            uint32_t take = ext[i].bytes - b * BLOCK < BLOCK ? ext[i].bytes - b * BLOCK : BLOCK;
            uint8_t tmp[BLOCK];
            if (!(hr = fs_disc_read(v->d, ext[i].lba + b, 1, tmp))) memcpy(buf + off, tmp, take);
            off += take;
        }
    }
    free(ext);
    if (hr) { free(buf); return hr; }
    *out = buf;
    return 0;
}

/* ---- the walk ---- */

typedef struct udf_pending { fs_item *item; fs_udf_ad icb; } udf_pending;

typedef struct udf_walk
{
    fs_import_ctx *c;
    udf_vol *v;
    udf_pending *queue;
    size_t qlen, qcap, qhead;
    uint64_t *seen;                 /* directory ICBs entered (partition << 32 | block) */
    size_t nseen, seen_cap;
    uint64_t dir_bytes;
} udf_walk;

static int32_t push_dir(udf_walk *w, fs_item *item, const fs_udf_ad *icb)
{
    uint64_t key = (uint64_t)icb->loc.partition << 32 | icb->loc.block;
    size_t i;
    for (i = 0; i < w->nseen; i++)
        if (w->seen[i] == key) return CONSISTENCY;            /* a loop */
    if (w->nseen == w->seen_cap)
    {
        size_t cap = w->seen_cap ? w->seen_cap * 2 : 64;
        uint64_t *p = realloc(w->seen, cap * sizeof(*p));
        if (!p) return FS_E_OUTOFMEMORY;
        w->seen = p;
        w->seen_cap = cap;
    }
    w->seen[w->nseen++] = key;
    if (w->qlen == w->qcap)
    {
        size_t cap = w->qcap ? w->qcap * 2 : 64;
        udf_pending *p = realloc(w->queue, cap * sizeof(*p));
        if (!p) return FS_E_OUTOFMEMORY;
        w->queue = p;
        w->qcap = cap;
    }
    w->queue[w->qlen].item = item;
    w->queue[w->qlen].icb = *icb;
    w->qlen++;
    return 0;
}

static int32_t one_fid(udf_walk *w, fs_item *dir, const uint8_t *p, udf_file *f)
{
    uint8_t chars = p[FS_UDF_FID_CHARACTERISTICS], lfi = p[FS_UDF_FID_LEN_ID];
    uint16_t liu = get_le16(p + FS_UDF_FID_LEN_IU), name[256];
    size_t len;
    fs_udf_ad icb;
    int32_t hr;

    if (chars & (FS_UDF_FID_PARENT | FS_UDF_FID_DELETED | FS_UDF_FID_METADATA)) return 0;
    len = fs_udf_cs0_decode(p + FS_UDF_FID_IU + liu, lfi, name, 256);
    if (len == SIZE_MAX || !len) return CONSISTENCY;
    fs_udf_get_long_ad(p + FS_UDF_FID_ICB, &icb);
    if ((hr = read_file(w->v, &icb, f))) return hr;
    if (chars & FS_UDF_FID_DIRECTORY)
    {
        fs_item *sub;
        if (f->fe.file_type != FS_UDF_FT_DIRECTORY) return CONSISTENCY;
        if ((hr = fs_import_dir(w->c, dir, name, len, f->fe.modification, chars & FS_UDF_FID_HIDDEN, &sub))) return hr;
        return push_dir(w, sub, &icb);
    }
    if (f->fe.file_type != FS_UDF_FT_FILE && f->fe.file_type != FS_UDF_FT_REAL_TIME)
        return 0;                                              /* symlinks, devices: nothing IMAPI holds */
    if ((f->fe.icb_flags & FS_UDF_ICBF_AD_MASK) == FS_UDF_ICBF_EMBEDDED)
        return fs_import_file_bytes(w->c, dir, name, len, f->fe.modification, chars & FS_UDF_FID_HIDDEN,
                                    f->block + f->fe.ad_offset, (size_t)f->fe.info_length);
    {
        fs_extent *ext;
        uint32_t n;
        if ((hr = file_sections(w->v, f, &ext, &n))) return hr;
        hr = fs_import_file(w->c, dir, name, len, f->fe.modification, chars & FS_UDF_FID_HIDDEN, f->fe.info_length,
                            ext, n);
        free(ext);
        return hr;
    }
}

static int32_t walk_dir(udf_walk *w, const udf_pending *pd, udf_file *f)
{
    uint8_t *buf;
    uint32_t len, off = 0;
    int32_t hr;
    if ((hr = read_file(w->v, &pd->icb, f))) return hr;
    if (f->fe.file_type != FS_UDF_FT_DIRECTORY) return CONSISTENCY;
    if ((hr = read_dir_data(w->v, f, &buf, &len))) return hr;
    if ((w->dir_bytes += len) > (uint64_t)fs_disc_blocks(w->v->d) * BLOCK) { free(buf); return CONSISTENCY; }
    while (!hr && off + 38 <= len)
    {
        const uint8_t *p = buf + off;
        uint32_t size = (38u + get_le16(p + FS_UDF_FID_LEN_IU) + p[FS_UDF_FID_LEN_ID] + 3u) & ~3u;
        if (off + size > len + 3 || !tag_ok_anywhere(p, len - off, FS_UDF_TAG_FID)) { hr = CONSISTENCY; break; }
        hr = one_fid(w, pd->item, p, f);
        off += size;
    }
    free(buf);
    return hr;
}

/* ---- volume ---- */

static int32_t read_vds(udf_vol *v, const fs_udf_extent *vds, uint8_t *b, int *have_lvd)
{
    uint32_t lba = vds->location, blocks = vds->length / BLOCK, i, hops = 0;
    int32_t hr;
    for (i = 0; i < blocks && i < MAX_VDS_BLOCKS; i++)
    {
        fs_udf_tag t;
        if ((hr = fs_disc_read(v->d, lba + i, 1, b))) return hr;
        if (!tag_ok(b, BLOCK, lba + i, 0)) return CONSISTENCY;
        fs_udf_tag_read(b, &t);
        if (t.ident == FS_UDF_TAG_TD) break;
        if (t.ident == FS_UDF_TAG_VDP)                          /* 3/10.3: continues elsewhere */
        {
            fs_udf_extent next;
            if (++hops > MAX_HOPS) return CONSISTENCY;
            fs_udf_get_extent(b + 20, &next);
            lba = next.location;
            blocks = next.length / BLOCK;
            i = (uint32_t)-1;
            continue;
        }
        if (t.ident == FS_UDF_TAG_PD && v->nparts < MAX_PARTITIONS)
        {
            udf_part *p = &v->parts[v->nparts++];
            if (!fs_udf_regid_is(b + FS_UDF_PD_CONTENTS, FS_UDF_ID_NSR02)
                && !fs_udf_regid_is(b + FS_UDF_PD_CONTENTS, FS_UDF_ID_NSR03))
            { v->nparts--; continue; }
            p->number = get_le16(b + FS_UDF_PD_NUMBER);
            p->start = get_le32(b + FS_UDF_PD_START);
            p->length = get_le32(b + FS_UDF_PD_LENGTH);
        }
        else if (t.ident == FS_UDF_TAG_LVD)
        {
            uint32_t nmaps = get_le32(b + FS_UDF_LVD_NUM_MAPS), table = get_le32(b + FS_UDF_LVD_MAP_TABLE_LEN), off = 0, k;
            if (get_le32(b + FS_UDF_LVD_BLOCK_SIZE) != BLOCK) return IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED;
            if (nmaps > MAX_MAPS || table > BLOCK - FS_UDF_LVD_MAPS) return CONSISTENCY;
            fs_udf_get_long_ad(b + FS_UDF_LVD_CONTENTS_USE, &v->fsd);
            memcpy(v->lv_id, b + FS_UDF_LVD_LV_ID, 128);
            v->nmaps = 0;
            for (k = 0; k < nmaps; k++)
            {
                const uint8_t *m = b + FS_UDF_LVD_MAPS + off;
                udf_map *um = &v->maps[v->nmaps];
                if (off + 2 > table || m[1] < 2 || off + m[1] > table) return CONSISTENCY;
                memset(um, 0, sizeof(*um));
                if (m[0] == 1 && m[1] == FS_UDF_PMAP1_SIZE)
                {
                    um->kind = 1;
                    um->partition = get_le16(m + 4);
                }
                else if (m[0] == 2 && m[1] == FS_UDF_PMAP2_SIZE && fs_udf_regid_is(m + FS_UDF_PMAP_META_TYPE_ID, FS_UDF_ID_METADATA))
                {
                    um->kind = 2;
                    um->partition = get_le16(m + FS_UDF_PMAP_META_PARTITION);
                    um->meta_file = get_le32(m + FS_UDF_PMAP_META_FILE);
                    um->meta_mirror = get_le32(m + FS_UDF_PMAP_META_MIRROR);
                }
                else return IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED;   /* virtual, sparable */
                v->nmaps++;
                off += m[1];
            }
            *have_lvd = 1;
        }
    }
    return 0;
}

/* Resolve a metadata map: the metadata file (else its mirror) is an FE in the physical
 * partition whose extents map the metadata partition's blocks. */
static int32_t load_metadata(udf_vol *v, int idx)
{
    udf_map *m = &v->maps[idx];
    uint32_t tries, i;
    udf_map phys = { 1, m->partition, 0, 0, NULL, 0 };
    int32_t hr = CONSISTENCY;
    udf_vol tmp = *v;
    udf_file *f = calloc(1, sizeof(*f));
    if (!f) return FS_E_OUTOFMEMORY;
    m->meta = NULL;
    m->nmeta = 0;
    /* a physical view of the same partition to read the metadata file through */
    tmp.maps[0] = phys;
    tmp.nmaps = 1;
    for (tries = 0; tries < 2 && hr; tries++)
    {
        fs_udf_ad icb;
        memset(&icb, 0, sizeof(icb));
        icb.loc.block = tries ? m->meta_mirror : m->meta_file;
        icb.length = BLOCK;
        if ((hr = read_file(&tmp, &icb, f))) continue;
        if (f->fe.file_type != (tries ? FS_UDF_FT_METADATA_MIRROR : FS_UDF_FT_METADATA)) { hr = CONSISTENCY; continue; }
        if ((f->fe.icb_flags & FS_UDF_ICBF_AD_MASK) == FS_UDF_ICBF_EMBEDDED || !f->nads) { hr = CONSISTENCY; continue; }
        if (!(m->meta = malloc(f->nads * sizeof(*m->meta)))) { hr = FS_E_OUTOFMEMORY; break; }
        for (i = 0; i < f->nads; i++)
        {
            if (f->ads[i].type != FS_UDF_EXT_RECORDED || f->ads[i].length % BLOCK) break;
            m->meta[i].lba = f->ads[i].loc.block;               /* blocks of the physical partition */
            m->meta[i].bytes = f->ads[i].length;
        }
        m->nmeta = i;
        if (i != f->nads) { free(m->meta); m->meta = NULL; m->nmeta = 0; hr = CONSISTENCY; }
    }
    free(f->ads);
    free(f);
    return hr;
}

static void free_vol(udf_vol *v)
{
    int i;
    for (i = 0; i < v->nmaps; i++)
        if (v->maps[i].kind == 2) { free(v->maps[i].meta); v->maps[i].meta = NULL; }
}

static int32_t open_vol(fs_disc *d, uint32_t session_start, udf_vol *v, uint8_t *b)
{
    fs_udf_extent main_vds, reserve;
    int have_lvd = 0, i;
    int32_t hr;
    memset(v, 0, sizeof(*v));
    v->d = d;
    if ((hr = find_anchor(d, session_start, b))) return hr;
    fs_udf_get_extent(b + FS_UDF_AVDP_MAIN_VDS, &main_vds);
    fs_udf_get_extent(b + FS_UDF_AVDP_RESERVE_VDS, &reserve);
    if ((hr = read_vds(v, &main_vds, b, &have_lvd)) || !have_lvd || !v->nparts)
    {
        if (hr == IMAPI_E_IMPORT_READ_FAILURE || hr == IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED) return hr;
        memset(v, 0, sizeof(*v));
        v->d = d;
        have_lvd = 0;
        if ((hr = read_vds(v, &reserve, b, &have_lvd))) return hr;
        if (!have_lvd || !v->nparts) return CONSISTENCY;
    }
    for (i = 0; i < v->nmaps; i++)
        if (v->maps[i].kind == 2 && (hr = load_metadata(v, i)))
        {
            free_vol(v);
            return hr;
        }
    return 0;
}

static int32_t probe_udf(fs_disc *d, uint32_t session_start)
{
    uint8_t b[BLOCK];
    udf_vol v;
    int32_t hr = open_vol(d, session_start, &v, b);
    if (!hr) free_vol(&v);
    return hr == CONSISTENCY ? IMAPI_E_FILE_SYSTEM_NOT_FOUND : hr;
}

static int32_t import_udf(fs_import_ctx *c, uint32_t session_start)
{
    uint8_t *b = malloc(BLOCK);
    udf_file *f = calloc(1, sizeof(*f));
    udf_walk w;
    udf_vol v;
    fs_udf_ad root;
    size_t n;
    int32_t hr;

    memset(&w, 0, sizeof(w));
    memset(&v, 0, sizeof(v));
    if (!b || !f) { free(b); free(f); return FS_E_OUTOFMEMORY; }
    if ((hr = open_vol(c->disc, session_start, &v, b))) goto done;
    n = fs_udf_get_dstring(v.lv_id, 128, c->info->volume_name, 32);
    c->info->volume_name_len = n == SIZE_MAX ? 0 : n;
    c->info->volume_name[c->info->volume_name_len] = 0;
    /* File Set Descriptor -> root directory ICB */
    if ((hr = read_logical(&v, v.fsd.loc.partition, v.fsd.loc.block, b))) goto done;
    if (!tag_ok(b, BLOCK, v.fsd.loc.block, FS_UDF_TAG_FSD)) { hr = CONSISTENCY; goto done; }
    fs_udf_get_long_ad(b + FS_UDF_FSD_ROOT_ICB, &root);
    w.c = c;
    w.v = &v;
    fs_import_root(c);
    if ((hr = push_dir(&w, fs_tree_root(c->tree), &root))) goto done;
    while (w.qhead < w.qlen)
    {
        udf_pending pd = w.queue[w.qhead++];
        if ((hr = walk_dir(&w, &pd, f))) break;
    }
done:
    free_vol(&v);
    free(w.queue);
    free(w.seen);
    free(f->ads);
    free(f);
    free(b);
    return hr;
}

const fs_reader fs_reader_udf = { FS_FS_UDF, probe_udf, import_udf };
