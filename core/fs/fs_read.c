/* Import front end (fs_read.h): the shared disc, the sources of imported files, the
 * tree sink with the clash rules, and the reader table. */
#include <stdlib.h>
#include <string.h>
#include "fs_read_int.h"
#include "fs_layout.h"
#include "fs_hresult.h"
#include "fs_ecma119_desc.h"
#include "io/refcount.h"

struct fs_disc
{
    int refs;
    fs_read_io io;
};

int32_t fs_disc_new(const fs_read_io *io, fs_disc **out)
{
    fs_disc *d = calloc(1, sizeof(*d));
    *out = NULL;
    if (!d) return FS_E_OUTOFMEMORY;
    d->refs = 1;
    d->io = *io;
    *out = d;
    return 0;
}

void fs_disc_addref(fs_disc *d) { core_ref_inc(&d->refs); }

void fs_disc_release(fs_disc *d)
{
    if (!d || core_ref_dec(&d->refs) > 0) return;
    if (d->io.free_ctx) d->io.free_ctx(d->io.ctx);
    free(d);
}

uint32_t fs_disc_blocks(const fs_disc *d) { return d->io.media_blocks; }

int32_t fs_disc_read(fs_disc *d, uint32_t lba, uint32_t count, void *buf)
{
    if (lba >= d->io.media_blocks || count > d->io.media_blocks - lba) return IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR;
    if (!count) return 0;
    return d->io.read(d->io.ctx, lba, count, buf) ? IMAPI_E_IMPORT_READ_FAILURE : 0;
}

/* ---- the source of an imported file: its sections on the disc ---- */

typedef struct ref_source
{
    int refs;
    fs_disc *disc;
    uint32_t next;
    fs_extent ext[1];         /* next of them */
} ref_source;

typedef struct ref_stream
{
    core_stream base;
    ref_source *src;
    uint64_t size, pos;
    uint8_t block[FS_BLOCK_SIZE];
} ref_stream;

static int ref_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    ref_stream *r = (ref_stream *)s;
    uint8_t *out = buf;
    *done = 0;
    while (len && r->pos < r->size)
    {
        uint64_t off = r->pos, base = 0;
        uint32_t i;
        size_t n;
        for (i = 0; i < r->src->next && off >= base + r->src->ext[i].bytes; i++) base += r->src->ext[i].bytes;
        if (i == r->src->next) break;
        off -= base;
        if (fs_disc_read(r->src->disc, r->src->ext[i].lba + (uint32_t)(off / FS_BLOCK_SIZE), 1, r->block))
            return IMAPI_E_IMPORT_READ_FAILURE;
        n = FS_BLOCK_SIZE - (size_t)(off % FS_BLOCK_SIZE);
        if (n > r->src->ext[i].bytes - off) n = (size_t)(r->src->ext[i].bytes - off);
        if (n > len) n = len;
        memcpy(out, r->block + off % FS_BLOCK_SIZE, n);
        out += n; len -= n; *done += n; r->pos += n;
    }
    return 0;
}

static int ref_seek(core_stream *s, uint64_t offset) { ((ref_stream *)s)->pos = offset; return 0; }
static int ref_size(core_stream *s, uint64_t *size) { *size = ((ref_stream *)s)->size; return 0; }

static void ref_release(void *ctx);
static void ref_close(core_stream *s)
{
    ref_stream *r = (ref_stream *)s;
    ref_release(r->src);
    free(r);
}

static const core_stream_ops ref_stream_ops = { ref_read, NULL, ref_seek, ref_size, ref_close, NULL, NULL };

static void ref_addref(void *ctx) { core_ref_inc(&((ref_source *)ctx)->refs); }

static void ref_release(void *ctx)
{
    ref_source *s = ctx;
    if (core_ref_dec(&s->refs) > 0) return;
    fs_disc_release(s->disc);
    free(s);
}

static uint64_t ref_bytes(const ref_source *s)
{
    uint64_t total = 0;
    uint32_t i;
    for (i = 0; i < s->next; i++) total += s->ext[i].bytes;
    return total;
}

static int32_t ref_open(void *ctx, core_stream **out)
{
    ref_stream *r = calloc(1, sizeof(*r));
    if (!r) return FS_E_OUTOFMEMORY;
    r->base.ops = &ref_stream_ops;
    r->base.ctx = r;
    r->src = ctx;
    r->size = ref_bytes(r->src);
    ref_addref(ctx);
    *out = &r->base;
    return 0;
}

static const fs_extent *ref_extents(void *ctx, uint32_t *count)
{
    ref_source *s = ctx;
    *count = s->next;
    return s->ext;
}

/* ---- the source of a file whose data is embedded in its entry (UDF): a copy ---- */

typedef struct bytes_source
{
    int refs;
    uint32_t size;
    uint8_t data[1];
} bytes_source;

typedef struct bytes_stream
{
    core_stream base;
    core_mem_stream mem;
    bytes_source *src;
} bytes_stream;

static int bytes_read(core_stream *s, void *buf, size_t len, size_t *done)
{
    core_stream *m = &((bytes_stream *)s)->mem.base;
    return m->ops->read(m, buf, len, done);
}

static int bytes_seek(core_stream *s, uint64_t offset)
{
    core_stream *m = &((bytes_stream *)s)->mem.base;
    return m->ops->seek(m, offset);
}

static int bytes_size(core_stream *s, uint64_t *size) { *size = ((bytes_stream *)s)->src->size; return 0; }

static void bytes_addref(void *ctx) { core_ref_inc(&((bytes_source *)ctx)->refs); }

static void bytes_release(void *ctx)
{
    if (core_ref_dec(&((bytes_source *)ctx)->refs) <= 0) free(ctx);
}

static void bytes_close(core_stream *s)
{
    bytes_release(((bytes_stream *)s)->src);
    free(s);
}

static const core_stream_ops bytes_stream_ops = { bytes_read, NULL, bytes_seek, bytes_size, bytes_close, NULL, NULL };

static int32_t bytes_open(void *ctx, core_stream **out)
{
    bytes_stream *b = calloc(1, sizeof(*b));
    if (!b) return FS_E_OUTOFMEMORY;
    b->base.ops = &bytes_stream_ops;
    b->base.ctx = b;
    b->src = ctx;
    core_mem_stream_init(&b->mem, b->src->data, b->src->size);
    bytes_addref(ctx);
    *out = &b->base;
    return 0;
}

/* ---- the tree sink ---- */

static void progress(fs_import_ctx *c, int is_dir, fs_item *it)
{
    uint16_t small[260], *path = small;
    size_t len;
    if (!c->progress || !c->progress->update) return;
    len = fs_item_full_path(it, NULL, 0);
    if (len >= sizeof(small) / sizeof(small[0]) && !(path = malloc((len + 1) * sizeof(uint16_t)))) return;
    fs_item_full_path(it, path, len + 1);
    c->progress->update(c->progress->ctx, is_dir, path, len, c->info->dirs, c->info->files, c->info->total_dirs);
    if (path != small) free(path);
}

static void set_times(fs_item *it, fs_time mtime, int hidden)
{
    fs_item_times tm;
    tm.creation = tm.modification = tm.access = mtime;
    fs_item_set_times(it, &tm);
    fs_item_set_hidden(it, hidden);
}

/* Names the tree refuses are names the image cannot hold: IMAPI_E_INVALID_PATH (the
 * ImportSpecificFileSystem page's "bad name on disc"). */
static int32_t name_error(int32_t hr)
{
    return hr == IMAPI_E_INVALID_PARAM ? IMAPI_E_INVALID_PATH : hr;
}

void fs_import_root(fs_import_ctx *c) { progress(c, 1, fs_tree_root(c->tree)); }

int32_t fs_import_dir(fs_import_ctx *c, fs_item *parent, const uint16_t *name, size_t len, fs_time mtime,
                      int hidden, fs_item **out)
{
    fs_item *it = fs_dir_find(parent, name, len);
    int32_t hr;
    *out = NULL;
    if (it)
    {
        if (fs_item_kind(it) != FS_ITEM_DIRECTORY) return IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE;
        *out = it;                                  /* merge into the directory in memory */
        progress(c, 1, it);
        return 0;
    }
    if ((hr = fs_item_new_dir(c->tree, name, len, &it))) return name_error(hr);
    set_times(it, mtime, hidden);
    hr = fs_dir_add(c->tree, parent, it);
    fs_item_release(it);
    if (hr) return name_error(hr);
    c->info->dirs++;
    progress(c, 1, it);
    *out = it;
    return 0;
}

/* A new file item with its source (whose reference it takes) under parent. */
static int32_t add_file(fs_import_ctx *c, fs_item *parent, const uint16_t *name, size_t len, fs_time mtime,
                        int hidden, const fs_data_source *src)
{
    fs_item *it;
    int32_t hr;
    if ((hr = fs_item_new_file(c->tree, name, len, src, &it))) return name_error(hr);
    set_times(it, mtime, hidden);
    hr = fs_dir_add(c->tree, parent, it);
    fs_item_release(it);
    if (hr) return name_error(hr);
    c->info->files++;
    progress(c, 0, it);
    return 0;
}

int32_t fs_import_file(fs_import_ctx *c, fs_item *parent, const uint16_t *name, size_t len, fs_time mtime,
                       int hidden, uint64_t size, const fs_extent *ext, uint32_t next)
{
    fs_item *it = fs_dir_find(parent, name, len);
    fs_data_source src;
    ref_source *rs;
    if (it)
    {
        /* The in-memory item wins; an older version of the same name too. */
        if (fs_item_kind(it) != FS_ITEM_FILE) return IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY;
        return 0;
    }
    memset(&src, 0, sizeof(src));
    src.size = size;
    if (size)
    {
        if (!(rs = calloc(1, sizeof(*rs) + (next ? next - 1 : 0) * sizeof(fs_extent)))) return FS_E_OUTOFMEMORY;
        rs->refs = 1;
        rs->disc = c->disc;
        fs_disc_addref(c->disc);
        rs->next = next;
        memcpy(rs->ext, ext, next * sizeof(fs_extent));
        src.ctx = rs;
        src.open = ref_open;
        src.addref = ref_addref;
        src.release = ref_release;
        src.extents = ref_extents;
    }
    return add_file(c, parent, name, len, mtime, hidden, &src);
}

int32_t fs_import_file_bytes(fs_import_ctx *c, fs_item *parent, const uint16_t *name, size_t len, fs_time mtime,
                             int hidden, const uint8_t *data, uint32_t size)
{
    fs_item *it = fs_dir_find(parent, name, len);
    fs_data_source src;
    bytes_source *bs;
    if (it) return fs_item_kind(it) == FS_ITEM_FILE ? 0 : IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY;
    if (!(bs = malloc(sizeof(*bs) + size))) return FS_E_OUTOFMEMORY;
    bs->refs = 1;
    bs->size = size;
    memcpy(bs->data, data, size);
    memset(&src, 0, sizeof(src));
    src.size = size;
    src.ctx = bs;
    src.open = bytes_open;
    src.addref = bytes_addref;
    src.release = bytes_release;
    return add_file(c, parent, name, len, mtime, hidden, &src);
}

/* ---- dispatch ---- */

/* Most advanced first (ImportFileSystem's order: UDF, Joliet, ISO9660). */
static const fs_reader *const readers[] = { &fs_reader_udf, &fs_reader_joliet, &fs_reader_iso9660 };
#define NREADERS (sizeof(readers) / sizeof(readers[0]))

int32_t fs_read_identify(fs_disc *d, uint32_t session_start, uint32_t *fs)
{
    size_t i;
    *fs = 0;
    for (i = 0; i < NREADERS; i++)
    {
        int32_t hr = readers[i]->probe(d, session_start);
        if (!hr) *fs |= readers[i]->fs;
        else if (hr != IMAPI_E_FILE_SYSTEM_NOT_FOUND && hr != IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR) return hr;
    }
    return 0;
}

int32_t fs_read_import(fs_disc *d, uint32_t session_start, uint32_t fs, fs_tree *t,
                       const fs_import_progress *progress_cb, fs_import_info *info)
{
    const fs_reader *r = NULL;
    fs_import_ctx c;
    int32_t point, hr;
    size_t i;
    memset(info, 0, sizeof(*info));
    info->total_dirs = -1;
    for (i = 0; i < NREADERS; i++)
        if (readers[i]->fs == fs) r = readers[i];
    if (!r) return IMAPI_E_INVALID_PARAM;
    if ((hr = r->probe(d, session_start))) return hr;
    c.disc = d;
    c.tree = t;
    c.progress = progress_cb;
    c.info = info;
    point = fs_tree_change_point(t);
    fs_tree_group_begin(t);
    hr = r->import(&c, session_start);
    fs_tree_group_end(t);
    if (hr && fs_tree_change_point(t) != point) fs_tree_rollback(t, point);
    return hr;
}
