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

#define SYSTEM_AREA_BLOCKS 16u

void fs_layout_options_default(fs_layout_options *o)
{
    memset(o, 0, sizeof(*o));
    o->file_systems = FS_FS_ISO9660 | FS_FS_JOLIET;
    o->iso_level = 2;
    o->max_blocks = 332800;
    o->max_file_size = FS_ISO9660_MAX_FILE;
    o->joliet_max_name = 64;
}

uint32_t fs_layout_reserve(fs_layout *L, uint32_t nblocks, int kind, fs_writer *w, uint32_t arg)
{
    fs_region *r;
    uint32_t start = L->next_block;
    if ((uint64_t)start + nblocks + L->opt.session_start >= UINT32_MAX) return UINT32_MAX;
    if (nblocks == 0) return start;
    if (L->nregions == L->regions_cap)
    {
        size_t cap = L->regions_cap ? L->regions_cap * 2 : 256;
        fs_region *p = realloc(L->regions, cap * sizeof(*p));
        if (!p) return UINT32_MAX;
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
    return start;
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

/* Copy the tree breadth first into L->nodes. */
static int32_t snapshot(fs_layout *L, fs_tree *t)
{
    uint32_t total = fs_tree_file_count(t) + fs_tree_dir_count(t) + 1, count = 1, i;
    size_t names_cap = 4096, names_len = 0;
    fs_item **items = malloc(total * sizeof(*items));
    L->nodes = calloc(total, sizeof(fs_node));
    L->names = malloc(names_cap * sizeof(uint16_t));
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
            if (names_len + len > names_cap)
            {
                uint16_t *p;
                while (names_len + len > names_cap) names_cap *= 2;
                p = realloc(L->names, names_cap * sizeof(uint16_t));
                if (!p) { free(items); return FS_E_OUTOFMEMORY; }
                L->names = p;
            }
            memcpy(L->names + names_len, name, len * sizeof(uint16_t));
            n->name_off = (uint32_t)names_len;
            n->name_len = (uint32_t)len;
            names_len += len;
            n->parent = i;
            n->level = dn->level + 1;
            n->is_dir = fs_item_kind(c) == FS_ITEM_DIRECTORY;
            n->hidden = (uint8_t)fs_item_hidden(c);
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
        }
        dn->nkids = count - dn->first_kid;
    }
    free(items);
    return 0;
}

static int32_t check_limits(const fs_layout *L)
{
    uint32_t i;
    if (L->ndirs + 1 > 65535) return IMAPI_E_TOO_MANY_DIRS;
    for (i = 0; i < L->nnodes; i++)
    {
        const fs_node *n = &L->nodes[i];
        if (n->is_dir && n->level > FS_ISO9660_MAX_LEVELS) return IMAPI_E_ISO9660_LEVELS;
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

int32_t fs_layout_build(fs_tree *t, const fs_layout_options *o, fs_layout **out)
{
    fs_layout *L;
    int32_t hr;
    int i;
    uint32_t nvd = 1;
    *out = NULL;
    if (!(o->file_systems & FS_FS_ISO9660)) return IMAPI_E_NO_OUTPUT;
    if (o->iso_level < 1 || o->iso_level > 2) return IMAPI_E_INVALID_PARAM;
    L = calloc(1, sizeof(*L));
    if (!L) return FS_E_OUTOFMEMORY;
    L->refs = 1;
    L->opt = *o;
    if (!L->opt.max_file_size) L->opt.max_file_size = FS_ISO9660_MAX_FILE;
    if (L->opt.max_file_size > 0xffffffffULL) L->opt.max_file_size = 0xffffffffULL;  /* one extent */
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

    L->writers[L->nwriters++] = fs_iso9660_writer_new(L);
    if (o->file_systems & FS_FS_JOLIET) L->writers[L->nwriters++] = fs_joliet_writer_new(L);
    for (i = 0; i < L->nwriters; i++)
    {
        if (!L->writers[i]) { hr = FS_E_OUTOFMEMORY; goto fail; }
        nvd += L->writers[i]->vd_count;
    }
    /* System area, then the volume descriptor set with its terminator. */
    fs_layout_reserve(L, SYSTEM_AREA_BLOCKS, FS_REGION_ZERO, NULL, 0);
    if (fs_layout_reserve(L, nvd, FS_REGION_VDS, NULL, 0) == UINT32_MAX) { hr = FS_E_OUTOFMEMORY; goto fail; }
    for (i = 0; i < L->nwriters; i++)
        if ((hr = L->writers[i]->compute(L->writers[i], L))) goto fail;
    if ((hr = place_files(L))) goto fail;
    if (L->opt.max_blocks && L->next_block > L->opt.max_blocks) { hr = IMAPI_E_IMAGE_SIZE_LIMIT; goto fail; }
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
    return L->opt.file_systems & (FS_FS_ISO9660 | FS_FS_JOLIET);
}

uint32_t fs_layout_file_count(const fs_layout *L) { return L->nfiles; }

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
