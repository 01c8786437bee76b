/* ISO 9660 and Joliet readers (ECMA-119 levels 1-3, multi-extent files): the primary
 * or the Joliet supplementary volume descriptor of the session at session_start, then
 * the directory hierarchy from its root record. Rock Ridge and other system-use data
 * are ignored; associated files are skipped. Every field that points somewhere is
 * checked against the media before it is followed, and every directory extent is
 * entered once (a loop in the hierarchy is a consistency error). */
#include <stdlib.h>
#include <string.h>
#include "fs_read_int.h"
#include "fs_ecma119_desc.h"
#include "fs_hresult.h"
#include "fs_layout.h"
#include "io/byteorder.h"

#define CONSISTENCY IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR
#define MAX_DESCRIPTORS 64
#define MAX_SECTIONS 65536u   /* sections of one multi-extent file */

static int is_joliet_svd(const uint8_t *vd)
{
    const uint8_t *e = vd + ECMA119_VD_ESCAPES;
    return vd[ECMA119_VD_TYPE] == ECMA119_VD_TYPE_SUPPLEMENTARY && !(vd[ECMA119_VD_FLAGS] & 1)
        && e[0] == '%' && e[1] == '/' && (e[2] == '@' || e[2] == 'C' || e[2] == 'E');
}

/* The descriptor of the wanted kind in the set at session_start + 16. */
static int32_t find_vd(fs_disc *d, uint32_t session_start, int joliet, uint8_t *vd)
{
    uint32_t i;
    if (session_start > UINT32_MAX - ECMA119_FIRST_VD - MAX_DESCRIPTORS) return IMAPI_E_FILE_SYSTEM_NOT_FOUND;
    for (i = 0; i < MAX_DESCRIPTORS; i++)
    {
        uint32_t lba = session_start + ECMA119_FIRST_VD + i;
        int32_t hr;
        if (lba >= fs_disc_blocks(d)) break;
        if ((hr = fs_disc_read(d, lba, 1, vd))) return hr;
        if (memcmp(vd + ECMA119_VD_ID, "CD001", 5) || vd[ECMA119_VD_VERSION] != 1) break;
        if (vd[ECMA119_VD_TYPE] == ECMA119_VD_TYPE_TERMINATOR) break;
        if (joliet ? is_joliet_svd(vd) : vd[ECMA119_VD_TYPE] == ECMA119_VD_TYPE_PRIMARY)
        {
            const uint8_t *root = vd + ECMA119_VD_ROOT_DR;
            if (get_le16(vd + ECMA119_VD_BLOCK_SIZE) != ECMA119_BLOCK || root[ECMA119_DR_LENGTH] < ECMA119_DR_MIN
                || !(root[ECMA119_DR_FLAGS] & ECMA119_FLAG_DIRECTORY))
                return CONSISTENCY;
            return 0;
        }
    }
    return IMAPI_E_FILE_SYSTEM_NOT_FOUND;
}

static int32_t probe_iso(fs_disc *d, uint32_t session_start)
{
    uint8_t vd[ECMA119_BLOCK];
    return find_vd(d, session_start, 0, vd);
}

/* The larger of the two ends where both file systems are recorded (a bridge). */
int32_t fs_read_volume_end(fs_disc *d, uint32_t *end)
{
    uint8_t vd[ECMA119_BLOCK];
    uint32_t udf = 0;
    int32_t hr, hr_udf;
    *end = 0;
    if (!(hr = find_vd(d, 0, 0, vd)))
    {
        *end = get_le32(vd + ECMA119_VD_SPACE_SIZE);
        if (*end <= ECMA119_FIRST_VD) { *end = 0; return CONSISTENCY; }
    }
    else if (hr != IMAPI_E_FILE_SYSTEM_NOT_FOUND)
        return hr;
    if (fs_reader_udf.probe(d, 0)) return hr;     /* no UDF: ISO9660's answer */
    /* a damaged UDF beside a sound ISO9660: the latter's end */
    if ((hr_udf = fs_read_udf_volume_end(d, &udf))) return hr ? hr_udf : 0;
    if (udf > *end) *end = udf;
    return 0;
}

static int32_t probe_joliet(fs_disc *d, uint32_t session_start)
{
    uint8_t vd[ECMA119_BLOCK];
    return find_vd(d, session_start, 1, vd);
}

/* ---- directory extents visited (a set of block addresses) ---- */

typedef struct lba_set
{
    uint32_t *slots;          /* value + 1; 0 = empty */
    size_t cap, count;
} lba_set;

static int lba_set_add(lba_set *s, uint32_t lba)
{
    size_t i;
    if (2 * (s->count + 1) > s->cap)
    {
        size_t cap = s->cap ? s->cap * 2 : 256, k;
        uint32_t *p = calloc(cap, sizeof(uint32_t));
        if (!p) return -1;
        for (k = 0; k < s->cap; k++)
            if (s->slots[k])
            {
                i = (s->slots[k] * 2654435761u) & (cap - 1);
                while (p[i]) i = (i + 1) & (cap - 1);
                p[i] = s->slots[k];
            }
        free(s->slots);
        s->slots = p;
        s->cap = cap;
    }
    i = ((lba + 1u) * 2654435761u) & (s->cap - 1);
    while (s->slots[i])
    {
        if (s->slots[i] == lba + 1u) return 1;
        i = (i + 1) & (s->cap - 1);
    }
    s->slots[i] = lba + 1u;
    s->count++;
    return 0;
}

/* ---- the walk ---- */

typedef struct pending_dir
{
    fs_item *item;            /* borrowed: the tree holds it during the import */
    uint32_t lba, bytes;
} pending_dir;

typedef struct walker
{
    fs_import_ctx *c;
    int joliet;
    pending_dir *queue;
    size_t qlen, qcap, qhead;
    lba_set seen;
    uint64_t dir_blocks;      /* directory blocks queued: a real hierarchy has fewer than the media */
    /* a multi-extent file being gathered */
    fs_extent *ext;
    uint32_t next, ext_cap;
    uint64_t size;
    uint16_t name[256];
    size_t name_len;
} walker;

static int32_t push_dir(walker *w, fs_item *item, uint32_t lba, uint32_t bytes)
{
    int r;
    uint64_t nblocks = ((uint64_t)bytes + ECMA119_BLOCK - 1) / ECMA119_BLOCK;
    if ((uint64_t)lba + nblocks > fs_disc_blocks(w->c->disc)) return CONSISTENCY;
    /* Overlapping directory extents could make the walk quadratic in the media size. */
    if ((w->dir_blocks += nblocks) > fs_disc_blocks(w->c->disc)) return CONSISTENCY;
    if ((r = lba_set_add(&w->seen, lba)) < 0) return FS_E_OUTOFMEMORY;
    if (r) return CONSISTENCY;    /* a directory entered twice: a loop or shared extents */
    if (w->qlen == w->qcap)
    {
        size_t cap = w->qcap ? w->qcap * 2 : 64;
        pending_dir *p = realloc(w->queue, cap * sizeof(*p));
        if (!p) return FS_E_OUTOFMEMORY;
        w->queue = p;
        w->qcap = cap;
    }
    w->queue[w->qlen].item = item;
    w->queue[w->qlen].lba = lba;
    w->queue[w->qlen].bytes = bytes;
    w->qlen++;
    return 0;
}

/* The recorded identifier as a name: UCS-2 big-endian (Joliet) or bytes, without
 * the ";version" and (ISO files) the '.' left before an empty extension. */
static int32_t record_name(const walker *w, const uint8_t *id, size_t idlen, int is_dir, uint16_t *out, size_t *len)
{
    size_t i, n = 0;
    if (w->joliet)
    {
        for (i = 0; i + 1 < idlen; i += 2) out[n++] = (uint16_t)(id[i] << 8 | id[i + 1]);
    }
    else
        for (i = 0; i < idlen; i++) out[n++] = id[i];
    for (i = n; i > 0; i--)
        if (out[i - 1] == ';') { n = i - 1; break; }
    if (!w->joliet && !is_dir && n > 1 && out[n - 1] == '.') n--;
    if (!n) return CONSISTENCY;
    *len = n;
    return 0;
}

static int32_t add_section(walker *w, uint32_t lba, uint32_t bytes)
{
    uint64_t blocks = ((uint64_t)bytes + ECMA119_BLOCK - 1) / ECMA119_BLOCK;
    if (!bytes) return 0;
    if (lba + blocks > fs_disc_blocks(w->c->disc) || (uint64_t)lba + blocks > UINT32_MAX) return CONSISTENCY;
    /* Every section but the last fills whole blocks (ECMA-119 6.5.1). */
    if (w->next && w->ext[w->next - 1].bytes % ECMA119_BLOCK) return CONSISTENCY;
    if (w->next == w->ext_cap)
    {
        uint32_t cap = w->ext_cap ? w->ext_cap * 2 : 8;
        fs_extent *p;
        if (w->ext_cap >= MAX_SECTIONS) return CONSISTENCY;
        if (!(p = realloc(w->ext, cap * sizeof(*p)))) return FS_E_OUTOFMEMORY;
        w->ext = p;
        w->ext_cap = cap;
    }
    w->ext[w->next].lba = lba;
    w->ext[w->next].bytes = bytes;
    w->next++;
    w->size += bytes;
    return 0;
}

static int32_t one_record(walker *w, fs_item *dir, const uint8_t *r)
{
    uint8_t idlen = r[ECMA119_DR_ID_LENGTH], flags = r[ECMA119_DR_FLAGS];
    uint32_t extent = get_le32(r + ECMA119_DR_EXTENT), bytes = get_le32(r + ECMA119_DR_DATA_LENGTH);
    uint16_t name[256];
    size_t len;
    int32_t hr;
    int is_dir = !!(flags & ECMA119_FLAG_DIRECTORY);
    fs_time mtime = fs_time_from_iso7(r + ECMA119_DR_DATE);

    if (idlen == 1 && r[ECMA119_DR_ID] <= 1)
        return w->name_len ? CONSISTENCY : 0;           /* '.' and '..' */
    if ((hr = record_name(w, r + ECMA119_DR_ID, idlen, is_dir, name, &len))) return hr;
    if (w->name_len && (len != w->name_len || memcmp(name, w->name, len * sizeof(uint16_t)) || is_dir))
        return CONSISTENCY;                              /* a multi-extent file interrupted */
    if (flags & ECMA119_FLAG_ASSOCIATED) return 0;
    if (r[ECMA119_DR_UNIT_SIZE] || r[ECMA119_DR_GAP_SIZE]) return IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED;
    if (extent > UINT32_MAX - r[ECMA119_DR_EAR_LENGTH]) return CONSISTENCY;
    extent += r[ECMA119_DR_EAR_LENGTH];                  /* data follows the extended attributes */
    if (is_dir)
    {
        fs_item *sub;
        if (flags & ECMA119_FLAG_MULTI_EXTENT) return CONSISTENCY;
        if ((hr = fs_import_dir(w->c, dir, name, len, mtime, flags & ECMA119_FLAG_HIDDEN, &sub))) return hr;
        return push_dir(w, sub, extent, bytes);
    }
    if ((hr = add_section(w, extent, bytes))) return hr;
    if (flags & ECMA119_FLAG_MULTI_EXTENT)
    {
        memcpy(w->name, name, len * sizeof(uint16_t));
        w->name_len = len;
        return 0;
    }
    hr = fs_import_file(w->c, dir, name, len, mtime, flags & ECMA119_FLAG_HIDDEN, w->size, w->ext, w->next);
    w->next = 0;
    w->size = 0;
    w->name_len = 0;
    return hr;
}

static int32_t read_dir(walker *w, const pending_dir *pd, uint8_t *block)
{
    uint32_t nblocks = (uint32_t)(((uint64_t)pd->bytes + ECMA119_BLOCK - 1) / ECMA119_BLOCK), b;
    int32_t hr;
    for (b = 0; b < nblocks; b++)
    {
        uint32_t off = 0, end = pd->bytes - b * ECMA119_BLOCK;
        if (end > ECMA119_BLOCK) end = ECMA119_BLOCK;
        if ((hr = fs_disc_read(w->c->disc, pd->lba + b, 1, block))) return hr;
        while (off < end)
        {
            const uint8_t *r = block + off;
            uint8_t rlen = r[ECMA119_DR_LENGTH];
            if (!rlen) break;                            /* the rest of the block is padding */
            if (rlen < ECMA119_DR_MIN || off + rlen > end
                || ECMA119_DR_FIXED + r[ECMA119_DR_ID_LENGTH] > rlen || !r[ECMA119_DR_ID_LENGTH])
                return CONSISTENCY;
            if ((hr = one_record(w, pd->item, r))) return hr;
            off += rlen;
        }
    }
    return w->name_len ? CONSISTENCY : 0;
}

static void volume_name(const uint8_t *vd, int joliet, fs_import_info *info)
{
    const uint8_t *p = vd + ECMA119_VD_VOLUME_ID;
    size_t n = 0, i;
    if (joliet)
        for (i = 0; i + 1 < 32; i += 2) info->volume_name[n++] = (uint16_t)(p[i] << 8 | p[i + 1]);
    else
        for (i = 0; i < 32; i++) info->volume_name[n++] = p[i];
    while (n && (info->volume_name[n - 1] == ' ' || info->volume_name[n - 1] == 0)) n--;
    info->volume_name[n] = 0;
    info->volume_name_len = n;
}

/* Directories on the disc: the records of the type L path table (9.4), or -1 when
 * it cannot be walked (informational: UpdateImport's totalDirectoryItems). */
static int32_t count_path_table(fs_disc *d, const uint8_t *vd)
{
    uint32_t bytes = get_le32(vd + ECMA119_VD_PT_SIZE), lba = get_le32(vd + ECMA119_VD_PT_L), off = 0;
    uint64_t nblocks = ((uint64_t)bytes + ECMA119_BLOCK - 1) / ECMA119_BLOCK;   /* no 32-bit wrap */
    int32_t count = 0;
    uint8_t *pt;
    if (!bytes || nblocks > 1024 || (uint64_t)lba + nblocks > fs_disc_blocks(d)) return -1;
    if (!(pt = malloc((size_t)nblocks * ECMA119_BLOCK))) return -1;
    if (fs_disc_read(d, lba, (uint32_t)nblocks, pt)) { free(pt); return -1; }
    while (off + ECMA119_PT_FIXED <= bytes)
    {
        uint32_t idlen = pt[off + ECMA119_PT_ID_LENGTH];
        if (!idlen) { count = -1; break; }
        off += ECMA119_PT_FIXED + idlen + (idlen & 1);
        count++;
    }
    free(pt);
    return count;
}

static int32_t import_hier(fs_import_ctx *c, uint32_t session_start, int joliet)
{
    uint8_t *block = malloc(ECMA119_BLOCK);
    walker w;
    int32_t hr;
    const uint8_t *root;
    memset(&w, 0, sizeof(w));
    w.c = c;
    w.joliet = joliet;
    if (!block) return FS_E_OUTOFMEMORY;
    if ((hr = find_vd(c->disc, session_start, joliet, block))) goto done;
    volume_name(block, joliet, c->info);
    c->info->volume_blocks = get_le32(block + ECMA119_VD_SPACE_SIZE);
    c->info->total_dirs = count_path_table(c->disc, block);
    fs_import_root(c);
    root = block + ECMA119_VD_ROOT_DR;
    if ((hr = push_dir(&w, fs_tree_root(c->tree), get_le32(root + ECMA119_DR_EXTENT) + root[ECMA119_DR_EAR_LENGTH],
                       get_le32(root + ECMA119_DR_DATA_LENGTH))))
        goto done;
    while (w.qhead < w.qlen)
    {
        pending_dir pd = w.queue[w.qhead++];
        if ((hr = read_dir(&w, &pd, block))) break;
    }
done:
    free(block);
    free(w.queue);
    free(w.seen.slots);
    free(w.ext);
    return hr;
}

static int32_t import_iso(fs_import_ctx *c, uint32_t session_start) { return import_hier(c, session_start, 0); }
static int32_t import_joliet(fs_import_ctx *c, uint32_t session_start) { return import_hier(c, session_start, 1); }

const fs_reader fs_reader_iso9660 = { FS_FS_ISO9660, probe_iso, import_iso };
const fs_reader fs_reader_joliet = { FS_FS_JOLIET, probe_joliet, import_joliet };
