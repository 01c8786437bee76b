/* Layout pass (see fs_layout.h): snapshot the tree breadth first, let each writer
 * reserve its blocks, then place file data. Every block is assigned exactly once, in
 * increasing order, so the region list is sorted by construction. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fs_layout_int.h"
#include "io/refcount.h"
#include "fs_name.h"
#include "fs_hresult.h"
#include "fs_eltorito.h"

#define SYSTEM_AREA_BLOCKS 16u
#define ECMA119_FIRST_VD_BLOCK SYSTEM_AREA_BLOCKS   /* the descriptor set starts after the system area */

void fs_layout_options_default(fs_layout_options *o)
{
    memset(o, 0, sizeof(*o));
    o->file_systems = FS_FS_ISO9660 | FS_FS_JOLIET;
    o->iso_level = 2;
    o->max_blocks = 332800;
    o->max_file_size = FS_ISO9660_MAX_FILE;
    o->joliet_max_name = 64;
    o->udf_revision = 0x102;
}

static int append_region(fs_layout *L, uint32_t start, uint32_t nblocks, int kind, fs_writer *w, uint32_t arg)
{
    fs_region *r;
    if (L->nregions == L->regions_cap)
    {
        size_t cap = L->regions_cap ? L->regions_cap * 2 : 256;
        fs_region *p = realloc(L->regions, cap * sizeof(*p));
        if (!p) return 0;
        L->regions = p;
        L->regions_cap = cap;
    }
    r = &L->regions[L->nregions++];
    r->start = start;
    r->count = nblocks;
    r->kind = (uint8_t)kind;
    r->writer = w;
    r->arg = arg;
    L->next_block = start + nblocks;
    return 1;
}

/* The first pin not placed yet (pins are asked for in increasing order). */
static fs_pin *next_pin(fs_layout *L)
{
    int i;
    for (i = 0; i < L->npins; i++)
        if (!L->pins[i].placed) return &L->pins[i];
    return NULL;
}

static int place_pin(fs_layout *L, fs_pin *p)
{
    if (p->start > L->next_block && !append_region(L, L->next_block, p->start - L->next_block, FS_REGION_ZERO, NULL, 0))
        return 0;
    p->placed = 1;
    return append_region(L, p->start, p->count, p->kind, p->writer, p->arg);
}

uint32_t fs_layout_reserve(fs_layout *L, uint32_t nblocks, int kind, fs_writer *w, uint32_t arg)
{
    fs_pin *p;
    uint32_t start;
    if (nblocks == 0) return L->next_block;
    /* A region that would overlap a pinned one goes after it. */
    while ((p = next_pin(L)) && (uint64_t)L->next_block + nblocks > p->start)
        if (!place_pin(L, p)) return UINT32_MAX;
    start = L->next_block;
    if ((uint64_t)start + nblocks + L->opt.session_start >= UINT32_MAX) return UINT32_MAX;
    if (!append_region(L, start, nblocks, kind, w, arg)) return UINT32_MAX;
    return start;
}

uint32_t fs_layout_reserve_at(fs_layout *L, uint32_t at, uint32_t nblocks, int kind, fs_writer *w, uint32_t arg)
{
    fs_pin *p;
    if (L->npins == FS_MAX_PINS || at < L->next_block
        || (L->npins && at < L->pins[L->npins - 1].start + L->pins[L->npins - 1].count))
        return UINT32_MAX;
    p = &L->pins[L->npins++];
    p->start = at;
    p->count = nblocks;
    p->kind = (uint8_t)kind;
    p->writer = w;
    p->arg = arg;
    p->placed = 0;
    return at;
}

int32_t fs_layout_flush_pins(fs_layout *L)
{
    fs_pin *p;
    while ((p = next_pin(L)))
        if (!place_pin(L, p)) return FS_E_OUTOFMEMORY;
    return 0;
}

uint32_t fs_layout_add_source(fs_layout *L, const fs_data_source *src)
{
    if (L->nextra == L->extra_cap)
    {
        uint32_t cap = L->extra_cap ? L->extra_cap * 2 : 8;
        fs_data_source *p = realloc(L->extra, cap * sizeof(*p));
        if (!p) return UINT32_MAX;
        L->extra = p;
        L->extra_cap = cap;
    }
    L->extra[L->nextra] = *src;
    if (src->addref) src->addref(src->ctx);
    return L->nnodes + L->nextra++;
}

/* An imported file whose sections all lie before the new session keeps them: no data
 * is placed or copied. Elsewhere (an image without a session start) it is copied
 * through its open() like any file. */
static void reference_old_data(const fs_layout *L, fs_node *n)
{
    uint32_t count = 0, i;
    const fs_extent *e = n->src.extents && n->src.size ? n->src.extents(n->src.ctx, &count) : NULL;
    for (i = 0; e && i < count; i++)
        if ((uint64_t)e[i].lba + (e[i].bytes + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE > L->opt.session_start) return;
    if (!e || !count) return;
    n->ext = e;
    n->next = count;
}

static int append_name(fs_layout *L, const uint16_t *name, size_t len, uint32_t *off)
{
    if (L->names_len + len > L->names_cap)
    {
        uint16_t *p;
        size_t cap = L->names_cap;
        while (L->names_len + len > cap) cap *= 2;
        if (!(p = realloc(L->names, cap * sizeof(uint16_t)))) return 0;
        L->names = p;
        L->names_cap = cap;
    }
    memcpy(L->names + L->names_len, name, len * sizeof(uint16_t));
    *off = (uint32_t)L->names_len;
    L->names_len += len;
    return 1;
}

struct fs_stream_sink { fs_layout *L; uint32_t node; };

int32_t fs_stream_sink_add(fs_stream_sink *sink, const uint16_t *name, size_t len, const fs_data_source *src)
{
    fs_layout *L = sink->L;
    fs_layout_stream *s;
    uint32_t id;
    if (L->nstreams == L->streams_cap)
    {
        uint32_t cap = L->streams_cap ? L->streams_cap * 2 : 16;
        if (!(s = realloc(L->streams, cap * sizeof(*s)))) return FS_E_OUTOFMEMORY;
        L->streams = s;
        L->streams_cap = cap;
    }
    s = &L->streams[L->nstreams];
    s->node = sink->node;
    s->data_block = 0;
    if (!append_name(L, name, len, &s->name_off) || (id = fs_layout_add_source(L, src)) == UINT32_MAX)
        return FS_E_OUTOFMEMORY;
    s->name_len = (uint32_t)len;
    s->src = id - L->nnodes;    /* the extra index: snapshot() adds the final node count */
    L->nstreams++;
    L->nodes[sink->node].nstreams++;
    return 0;
}

/* Copy the tree breadth first into L->nodes. */
static int32_t snapshot(fs_layout *L, fs_tree *t)
{
    uint32_t total = fs_tree_file_count(t) + fs_tree_dir_count(t) + 1, count = 1, i;
    int streams = L->opt.file_streams && (L->opt.file_systems & FS_FS_UDF) && L->opt.udf_revision >= 0x200;
    fs_item **items = malloc(total * sizeof(*items));
    int32_t hr;
    L->nodes = calloc(total, sizeof(fs_node));
    L->names_cap = 4096;
    L->names = malloc(L->names_cap * sizeof(uint16_t));
    if (!items || !L->nodes || !L->names) { free(items); return FS_E_OUTOFMEMORY; }
    items[0] = fs_tree_root(t);
    L->nodes[0].is_dir = 1;
    L->nodes[0].level = 1;
    {
        fs_item_times tm;
        fs_item_get_times(items[0], &tm);
        L->nodes[0].mtime = tm.modification;
    }
    L->nnodes = 1;
    for (i = 0; i < count; i++)
    {
        fs_node *dn = &L->nodes[i];
        fs_item *c;
        if (!dn->is_dir) continue;
        dn->first_kid = count;
        for (c = fs_dir_first_child(items[i]); c; c = fs_item_next_sibling(c))
        {
            fs_node *n = &L->nodes[count];
            const uint16_t *name;
            size_t len;
            fs_item_times tm;
            if (count >= total) { free(items); return IMAPI_E_FSI_INTERNAL_ERROR; }
            name = fs_item_name(c, &len);
            if (!append_name(L, name, len, &n->name_off)) { free(items); return FS_E_OUTOFMEMORY; }
            n->name_len = (uint32_t)len;
            n->parent = i;
            n->level = dn->level + 1;
            n->is_dir = fs_item_kind(c) == FS_ITEM_DIRECTORY;
            n->hidden = (uint8_t)fs_item_hidden(c);
            n->real_time = (uint8_t)fs_item_real_time(c);
            fs_item_get_times(c, &tm);
            n->mtime = tm.modification;
            if (!n->is_dir)
            {
                n->src = *fs_file_source(c);
                if (n->src.addref) n->src.addref(n->src.ctx);
                reference_old_data(L, n);
                L->nfiles++;
            }
            else
                L->ndirs++;
            items[count++] = c;
            L->nnodes = count;
            if (!n->is_dir && streams)
            {
                fs_stream_sink sink;
                sink.L = L;
                sink.node = count - 1;
                n->first_stream = L->nstreams;
                if ((hr = L->opt.file_streams(L->opt.file_streams_ctx, c, &sink))) { free(items); return hr; }
            }
        }
        dn = &L->nodes[i];
        dn->nkids = count - dn->first_kid;
    }
    free(items);
    for (i = 0; i < L->nstreams; i++) L->streams[i].src += L->nnodes;
    return 0;
}

/* ISO9660's limits (depth, directory count) only while ISO9660 is written; a
 * UDF-only image has neither (UDF's own limits are checked by its writer). */
static int32_t check_limits(const fs_layout *L)
{
    uint32_t i;
    int iso = (L->opt.file_systems & FS_FS_ISO9660) != 0;
    if (iso && L->ndirs + 1 > 65535) return IMAPI_E_TOO_MANY_DIRS;
    for (i = 0; i < L->nnodes; i++)
    {
        const fs_node *n = &L->nodes[i];
        if (iso && n->is_dir && n->level > FS_ISO9660_MAX_LEVELS) return IMAPI_E_ISO9660_LEVELS;
        if (!n->is_dir && !n->next && n->src.size > L->opt.max_file_size) return IMAPI_E_DATA_TOO_BIG;
        if (!n->is_dir && !n->next && n->src.size && !n->src.open) return IMAPI_E_INVALID_PARAM;
    }
    return 0;
}

static void default_volume_name(fs_layout *L)
{
    fs_civil_time c;
    char s[32];
    int i;
    fs_time_to_civil(L->created, &c);
    /* [undoc] IMAPI derives the default from the date and time; 15 characters fit the limit. */
    s[0] = (char)('0' + c.year / 1000 % 10); s[1] = (char)('0' + c.year / 100 % 10);
    s[2] = (char)('0' + c.year / 10 % 10); s[3] = (char)('0' + c.year % 10);
    s[4] = (char)('0' + c.month / 10); s[5] = (char)('0' + c.month % 10);
    s[6] = (char)('0' + c.day / 10); s[7] = (char)('0' + c.day % 10);
    s[8] = '_';
    s[9] = (char)('0' + c.hour / 10); s[10] = (char)('0' + c.hour % 10);
    s[11] = (char)('0' + c.minute / 10); s[12] = (char)('0' + c.minute % 10);
    s[13] = (char)('0' + c.second / 10); s[14] = (char)('0' + c.second % 10);
    for (i = 0; i < 15; i++) L->volume_name[i] = (uint16_t)s[i];
    L->volume_name_len = 15;
}

static int32_t place_files(fs_layout *L)
{
    uint32_t i, k = 0;
    L->files = malloc((L->nfiles + 1) * sizeof(uint32_t));
    if (!L->files) return FS_E_OUTOFMEMORY;
    /* Named streams' data first: readers that do not know streams (7-Zip) take the
     * end of the last file's data for the end of the volume and look for the closing
     * anchor there. */
    for (k = 0; k < L->nstreams; k++)
    {
        fs_layout_stream *st = &L->streams[k];
        uint64_t blocks = (fs_layout_source(L, st->src)->size + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE;
        st->data_block = fs_layout_reserve(L, (uint32_t)blocks, FS_REGION_FILE, NULL, st->src);
        if (st->data_block == UINT32_MAX) return IMAPI_E_IMAGE_SIZE_LIMIT;
    }
    k = 0;
    for (i = 0; i < L->nnodes; i++)
    {
        fs_node *n = &L->nodes[i];
        uint64_t blocks;
        if (n->is_dir || n->next) continue;
        L->files[k++] = i;
        blocks = (n->src.size + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE;
        n->data_block = fs_layout_reserve(L, (uint32_t)blocks, FS_REGION_FILE, NULL, i);
        if (n->data_block == UINT32_MAX) return IMAPI_E_IMAGE_SIZE_LIMIT;
    }
    L->nfiles = k;            /* files with data in this session (imported ones have theirs) */
    return 0;
}

/* Does an imported file keep data in disc blocks [first, first + count)? */
static int references_blocks(const fs_layout *L, uint32_t first, uint32_t count)
{
    uint32_t i, k;
    for (i = 0; i < L->nnodes; i++)
        for (k = 0; L->nodes[i].ext && k < L->nodes[i].next; k++)
        {
            const fs_extent *e = &L->nodes[i].ext[k];
            uint64_t end = (uint64_t)e->lba + (e->bytes + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE;
            if (e->lba < (uint64_t)first + count && end > first) return 1;
        }
    return 0;
}

/* Random write (fs_layout_options.random_write): the session's regions move to their
 * disc blocks and the stream gets, before them, the volume descriptor set at 16 and
 * each pinned region at its disc block, generated for that block. The rest of the
 * old area is a zero region nobody writes. IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION
 * when an in-place block would land on data the image still references, or the
 * session starts before the in-place blocks end. */
static int32_t grow_in_place(fs_layout *L)
{
    uint32_t S = L->opt.session_start, vds = 0, at = ECMA119_FIRST_VD_BLOCK, i;
    size_t n = 0, cap = L->nregions + 2 * FS_MAX_PINS + 3;
    fs_region *r = malloc(cap * sizeof(*r)), *old = L->regions;
    if (!r) return FS_E_OUTOFMEMORY;
    for (i = 0; i < L->nregions; i++)
        if (old[i].kind == FS_REGION_VDS) vds = old[i].count;
#define PUT(st, cnt, k, w, a) (r[n].start = (st), r[n].count = (cnt), r[n].kind = (uint8_t)(k), r[n].writer = (w), r[n].arg = (a), n++)
    PUT(0, at, FS_REGION_ZERO, NULL, 0);
    if (vds) PUT(at, vds, FS_REGION_VDS, NULL, 0);
    at += vds;
    L->nmodified = 0;
    if (vds) { L->modified[0][0] = ECMA119_FIRST_VD_BLOCK; L->modified[0][1] = at - 1; L->nmodified = 1; }
    if (references_blocks(L, ECMA119_FIRST_VD_BLOCK, vds)) goto incompatible;
    for (i = 0; i < (uint32_t)L->npins; i++)
    {
        const fs_pin *p = &L->pins[i];
        if (p->start < at || (uint64_t)p->start + p->count > S || !p->writer || !p->writer->in_place_arg
            || references_blocks(L, p->start, p->count))
            goto incompatible;
        if (p->start > at) PUT(at, p->start - at, FS_REGION_ZERO, NULL, 0);
        PUT(p->start, p->count, p->kind, p->writer, p->writer->in_place_arg(p->writer, p->arg));
        L->modified[L->nmodified][0] = p->start;
        L->modified[L->nmodified][1] = p->start + p->count - 1;
        L->nmodified++;
        at = p->start + p->count;
    }
    if (at > S) goto incompatible;
    if (S > at) PUT(at, S - at, FS_REGION_ZERO, NULL, 0);
#undef PUT
    if ((uint64_t)S + L->next_block >= UINT32_MAX) { free(r); return IMAPI_E_IMAGE_SIZE_LIMIT; }
    if (n + L->nregions > cap)
    {
        fs_region *p = realloc(r, (n + L->nregions) * sizeof(*r));
        if (!p) { free(r); return FS_E_OUTOFMEMORY; }
        r = p;
    }
    for (i = 0; i < L->nregions; i++)
    {
        r[n] = old[i];
        r[n++].start += S;
    }
    free(old);
    L->regions = r;
    L->nregions = L->regions_cap = n;
    L->modified[L->nmodified][0] = S;
    L->modified[L->nmodified][1] = S + L->next_block - 1;
    L->nmodified++;
    L->next_block += S;
    return 0;
incompatible:
    free(r);
    L->nmodified = 0;
    return IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION;
}

int32_t fs_layout_build(fs_tree *t, const fs_layout_options *o, fs_layout **out)
{
    fs_layout *L;
    int32_t hr;
    int i;
    uint32_t nvd = 0, next = 0;
    *out = NULL;
    /* ISO9660 (Joliet rides on it), or UDF alone. */
    if (!(o->file_systems & (FS_FS_ISO9660 | FS_FS_UDF))) return IMAPI_E_NO_OUTPUT;
    if ((o->file_systems & FS_FS_JOLIET) && !(o->file_systems & FS_FS_ISO9660)) return IMAPI_E_INVALID_PARAM;
    if ((o->file_systems & FS_FS_ISO9660) && (o->iso_level < 1 || o->iso_level > 2)) return IMAPI_E_INVALID_PARAM;
    if ((o->file_systems & FS_FS_UDF) && !fs_udf_revision_supported(o->udf_revision)) return IMAPI_E_INVALID_PARAM;
    if (o->boot_count > FS_ELTORITO_MAX_ENTRIES || (o->boot_count && !o->boot)) return IMAPI_E_INVALID_PARAM;
    /* [undoc] El Torito's boot record is an ECMA-119 volume descriptor at sector 17,
     * right after the PVD: a boot image needs ISO9660 in the image. */
    if (o->boot_count && !(o->file_systems & FS_FS_ISO9660)) return IMAPI_E_INVALID_PARAM;
    L = calloc(1, sizeof(*L));
    if (!L) return FS_E_OUTOFMEMORY;
    L->refs = 1;
    L->opt = *o;
    if (o->file_systems & FS_FS_ISO9660)
    {
        if (!L->opt.max_file_size) L->opt.max_file_size = FS_ISO9660_MAX_FILE;
        if (L->opt.max_file_size > 0xffffffffULL) L->opt.max_file_size = 0xffffffffULL;  /* one extent */
    }
    else if (!L->opt.max_file_size)
        L->opt.max_file_size = UINT64_MAX;        /* UDF alone: its writer checks what fits a file entry */
    L->created = o->creation_time ? o->creation_time : fs_time_from_unix((int64_t)time(NULL));
    if (o->volume_name && o->volume_name_len)
    {
        L->volume_name_len = o->volume_name_len < 64 ? o->volume_name_len : 64;
        memcpy(L->volume_name, o->volume_name, L->volume_name_len * sizeof(uint16_t));
    }
    else
        default_volume_name(L);
    L->opt.volume_name = L->volume_name;
    L->opt.volume_name_len = L->volume_name_len;

    if ((hr = snapshot(L, t)) || (hr = check_limits(L))) goto fail;

    if (o->file_systems & FS_FS_ISO9660) L->writers[L->nwriters++] = fs_iso9660_writer_new(L);
    /* El Torito's boot record must be the second descriptor (sector 17). */
    if (o->boot_count) L->writers[L->nwriters++] = fs_eltorito_writer_new(L);
    if (o->file_systems & FS_FS_JOLIET) L->writers[L->nwriters++] = fs_joliet_writer_new(L);
    if (o->file_systems & FS_FS_UDF) L->writers[L->nwriters++] = fs_udf_writer_new(L);
    for (i = 0; i < L->nwriters; i++)
    {
        if (!L->writers[i]) { hr = FS_E_OUTOFMEMORY; goto fail; }
        nvd += L->writers[i]->vd_count;
        next += L->writers[i]->ext_count;
    }
    /* System area, then the volume descriptor set with its terminator (when any
     * writer has a volume descriptor), then the extended area descriptors. */
    if (nvd) nvd++;
    L->nvd = nvd;
    fs_layout_reserve(L, SYSTEM_AREA_BLOCKS, FS_REGION_ZERO, NULL, 0);
    if (fs_layout_reserve(L, nvd + next, FS_REGION_VDS, NULL, 0) == UINT32_MAX) { hr = FS_E_OUTOFMEMORY; goto fail; }
    for (i = 0; i < L->nwriters; i++)
        if (L->writers[i]->pin && (hr = L->writers[i]->pin(L->writers[i], L))) goto fail;
    for (i = 0; i < L->nwriters; i++)
        if ((hr = L->writers[i]->compute(L->writers[i], L))) goto fail;
    if ((hr = place_files(L))) goto fail;
    if ((hr = fs_layout_flush_pins(L))) goto fail;
    for (i = 0; i < L->nwriters; i++)
        if (L->writers[i]->finish && (hr = L->writers[i]->finish(L->writers[i], L))) goto fail;
    if (L->opt.max_blocks && L->next_block > L->opt.max_blocks) { hr = IMAPI_E_IMAGE_SIZE_LIMIT; goto fail; }
    if (o->random_write && o->session_start && (hr = grow_in_place(L))) goto fail;
    *out = L;
    return 0;
fail:
    fs_layout_release(L);
    return hr;
}

void fs_layout_addref(fs_layout *L) { core_ref_inc(&L->refs); }

void fs_layout_on_destroy(fs_layout *L, void (*fn)(void *ctx), void *ctx)
{
    L->on_destroy = fn;
    L->on_destroy_ctx = ctx;
}

void fs_layout_release(fs_layout *L)
{
    uint32_t i;
    int w;
    if (!L || core_ref_dec(&L->refs) > 0) return;
    for (w = 0; w < L->nwriters; w++)
        if (L->writers[w]) L->writers[w]->destroy(L->writers[w]);
    for (i = 0; i < L->nnodes; i++)
        if (!L->nodes[i].is_dir && L->nodes[i].src.release)
            L->nodes[i].src.release(L->nodes[i].src.ctx);
    for (i = 0; i < L->nextra; i++)
        if (L->extra[i].release) L->extra[i].release(L->extra[i].ctx);
    free(L->extra);
    free(L->streams);
    free(L->nodes);
    free(L->names);
    free(L->regions);
    free(L->files);
    if (L->on_destroy) L->on_destroy(L->on_destroy_ctx);
    free(L);
}

uint32_t fs_layout_total_blocks(const fs_layout *L) { return L->next_block; }

uint32_t fs_layout_file_systems(const fs_layout *L)
{
    return L->opt.file_systems & (FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF);
}

uint32_t fs_layout_file_count(const fs_layout *L) { return L->nfiles; }

uint32_t fs_layout_modified_count(const fs_layout *L) { return L->nmodified; }

void fs_layout_modified_range(const fs_layout *L, uint32_t index, uint32_t *first, uint32_t *last)
{
    *first = L->modified[index][0];
    *last = L->modified[index][1];
}

void fs_layout_file_extent(const fs_layout *L, uint32_t index, uint32_t *first_block, uint32_t *nblocks)
{
    const fs_node *n = &L->nodes[L->files[index]];
    *first_block = n->data_block;
    *nblocks = (uint32_t)((n->src.size + FS_BLOCK_SIZE - 1) / FS_BLOCK_SIZE);
}

size_t fs_layout_file_path(const fs_layout *L, uint32_t index, uint16_t *buf, size_t cap)
{
    uint32_t node = L->files[index], p;
    size_t need = 0, pos;
    for (p = node; p != 0; p = L->nodes[p].parent) need += 1 + L->nodes[p].name_len;
    if (cap <= need) { if (cap) buf[0] = 0; return need; }
    buf[need] = 0;
    pos = need;
    for (p = node; p != 0; p = L->nodes[p].parent)
    {
        pos -= L->nodes[p].name_len;
        memcpy(buf + pos, L->names + L->nodes[p].name_off, L->nodes[p].name_len * sizeof(uint16_t));
        buf[--pos] = '\\';
    }
    return need;
}
