/* On-demand image reader (see fs_image.h). Sequential reads walk a region cursor, so
 * finding the region is O(1); random reads binary-search the sorted region list. */
#include <stdlib.h>
#include <string.h>
#include "fs_image.h"
#include "fs_layout_int.h"
#include "fs_hresult.h"

struct fs_image
{
    fs_layout *L;
    size_t cursor;                 /* region of the last read */
    /* metadata cache: one region */
    size_t cached;                 /* region index, or SIZE_MAX */
    uint8_t *cache;
    size_t cache_cap;
    /* the open file source */
    uint32_t open_node;            /* 0 = none (node 0 is the root, never a file) */
    core_stream *stream;
    uint64_t stream_pos;           /* FS_POS_UNKNOWN after a view */
    int viewing;                   /* stream has a view out */
    uint32_t noview_node;          /* file whose source gave no view: copy reads it */
    uint8_t *bounce;               /* fs_image_copy's buffer, FS_IMAGE_COPY_PIECE bytes */
};

#define FS_POS_UNKNOWN UINT64_MAX

int32_t fs_image_open(fs_layout *L, fs_image **out)
{
    fs_image *img = calloc(1, sizeof(*img));
    if (!img) return FS_E_OUTOFMEMORY;
    img->L = L;
    img->cached = SIZE_MAX;
    fs_layout_addref(L);
    *out = img;
    return 0;
}

static void end_view(fs_image *img)
{
    if (img->viewing && img->stream->ops->unview) img->stream->ops->unview(img->stream);
    img->viewing = 0;
}

static void close_source(fs_image *img)
{
    if (img->stream) end_view(img);
    if (img->stream && img->stream->ops->close) img->stream->ops->close(img->stream);
    img->stream = NULL;
    img->open_node = 0;
    img->stream_pos = 0;
}

void fs_image_close(fs_image *img)
{
    if (!img) return;
    close_source(img);
    fs_layout_release(img->L);
    free(img->cache);
    free(img->bounce);
    free(img);
}

uint64_t fs_image_size(const fs_image *img)
{
    return (uint64_t)fs_layout_total_blocks(img->L) * FS_BLOCK_SIZE;
}

static size_t find_region(fs_image *img, uint32_t block)
{
    const fs_layout *L = img->L;
    size_t lo = 0, hi = L->nregions;
    size_t c = img->cursor;
    if (c < L->nregions && block >= L->regions[c].start && block - L->regions[c].start < L->regions[c].count)
        return c;
    if (c + 1 < L->nregions && block >= L->regions[c + 1].start && block - L->regions[c + 1].start < L->regions[c + 1].count)
        return c + 1;
    while (hi - lo > 1)
    {
        size_t mid = (lo + hi) / 2;
        if (L->regions[mid].start <= block) lo = mid; else hi = mid;
    }
    return lo;
}

static void write_vds(const fs_layout *L, uint8_t *buf)
{
    int i;
    uint8_t *p = buf;
    for (i = 0; i < L->nwriters; i++)
    {
        if (!L->writers[i]->vd_count) continue;
        L->writers[i]->write_vd(L->writers[i], L, p);
        p += (size_t)L->writers[i]->vd_count * FS_BLOCK_SIZE;
    }
    if (L->nvd)
    {
        p[0] = 255;                               /* Volume Descriptor Set Terminator (8.3) */
        memcpy(p + 1, "CD001", 5);
        p[6] = 1;
        p += FS_BLOCK_SIZE;
    }
    for (i = 0; i < L->nwriters; i++)
    {
        if (!L->writers[i]->ext_count) continue;
        L->writers[i]->write_ext(L->writers[i], L, p);
        p += (size_t)L->writers[i]->ext_count * FS_BLOCK_SIZE;
    }
}

static int32_t load_meta(fs_image *img, size_t ri)
{
    const fs_region *r = &img->L->regions[ri];
    size_t bytes = (size_t)r->count * FS_BLOCK_SIZE;
    int32_t hr = 0;
    if (img->cached == ri) return 0;
    if (bytes > img->cache_cap)
    {
        uint8_t *p = realloc(img->cache, bytes);
        if (!p) return FS_E_OUTOFMEMORY;
        img->cache = p;
        img->cache_cap = bytes;
    }
    memset(img->cache, 0, bytes);
    if (r->kind == FS_REGION_VDS) write_vds(img->L, img->cache);
    else hr = r->writer->generate(r->writer, img->L, r->arg, img->cache);
    img->cached = hr ? SIZE_MAX : ri;
    return hr;
}

/* Read and drop n bytes (sources that cannot seek). */
static int32_t skip_bytes(fs_image *img, uint64_t n)
{
    uint8_t tmp[4096];
    while (n)
    {
        size_t want = n < sizeof(tmp) ? (size_t)n : sizeof(tmp), got = 0;
        if (img->stream->ops->read(img->stream, tmp, want, &got)) return IMAPI_E_DATA_STREAM_READ_FAILURE;
        if (!got) return IMAPI_E_DATA_STREAM_INCONSISTENCY;
        img->stream_pos += got;
        n -= got;
    }
    return 0;
}

static int32_t position_source(fs_image *img, uint32_t node, uint64_t off)
{
    const fs_data_source *src = fs_layout_source(img->L, node);
    int32_t hr;
    if (img->open_node == node && img->stream_pos == off) return 0;
    if (img->open_node == node && img->stream->ops->seek && !img->stream->ops->seek(img->stream, off))
    {
        img->stream_pos = off;
        return 0;
    }
    if (img->open_node != node || off < img->stream_pos)
    {
        uint64_t size;
        close_source(img);
        if (src->open(src->ctx, &img->stream) || !img->stream) { img->stream = NULL; return IMAPI_E_DATA_STREAM_READ_FAILURE; }
        img->open_node = node;
        /* A source whose size changed since it was added is caught here already. */
        if (img->stream->ops->size && img->stream->ops->size(img->stream, &size) == 0 && size != src->size)
            return IMAPI_E_DATA_STREAM_INCONSISTENCY;
        if (off && img->stream->ops->seek && !img->stream->ops->seek(img->stream, off))
        {
            img->stream_pos = off;
            return 0;
        }
    }
    hr = skip_bytes(img, off - img->stream_pos);
    return hr;
}

static int32_t read_file(fs_image *img, uint32_t node, uint64_t off, uint8_t *dst, size_t len)
{
    const fs_data_source *n = fs_layout_source(img->L, node);
    size_t data = 0;
    if (off < n->size)
    {
        uint64_t left = n->size - off;
        int32_t hr;
        data = left < len ? (size_t)left : len;
        if ((hr = position_source(img, node, off))) return hr;
        while (data - (size_t)(img->stream_pos - off) > 0)
        {
            size_t have = (size_t)(img->stream_pos - off), got = 0;
            if (img->stream->ops->read(img->stream, dst + have, data - have, &got))
                return IMAPI_E_DATA_STREAM_READ_FAILURE;
            if (!got) return IMAPI_E_DATA_STREAM_INCONSISTENCY;      /* shorter than declared */
            img->stream_pos += got;
        }
        if (img->stream_pos == n->size)
        {
            uint8_t probe;
            size_t got = 0;
            if (img->stream->ops->read(img->stream, &probe, 1, &got)) return IMAPI_E_DATA_STREAM_READ_FAILURE;
            if (got) return IMAPI_E_DATA_STREAM_INCONSISTENCY;       /* longer than declared */
            close_source(img);
        }
    }
    memset(dst + data, 0, len - data);
    return 0;
}

int32_t fs_image_read(fs_image *img, uint64_t offset, void *buf, size_t len, size_t *done)
{
    const fs_layout *L = img->L;
    uint64_t total = fs_image_size(img);
    uint8_t *out = buf;
    *done = 0;
    while (len && offset < total)
    {
        size_t ri = find_region(img, (uint32_t)(offset / FS_BLOCK_SIZE));
        const fs_region *r = &L->regions[ri];
        uint64_t roff = offset - (uint64_t)r->start * FS_BLOCK_SIZE;
        uint64_t avail = (uint64_t)r->count * FS_BLOCK_SIZE - roff;
        size_t n = avail < len ? (size_t)avail : len;
        int32_t hr = 0;
        img->cursor = ri;
        switch (r->kind)
        {
        case FS_REGION_ZERO:
            memset(out, 0, n);
            break;
        case FS_REGION_META:
        case FS_REGION_VDS:
            if (!(hr = load_meta(img, ri))) memcpy(out, img->cache + roff, n);
            break;
        default:
            hr = read_file(img, r->arg, roff, out, n);
            break;
        }
        if (hr) return hr;
        out += n;
        offset += n;
        len -= n;
        *done += n;
    }
    return 0;
}

/* ---- fs_image_copy ---- */

static int viewable(const fs_image *img, const fs_region *r, uint64_t roff)
{
    const fs_data_source *n;
    if (r->kind != FS_REGION_FILE) return 0;
    n = fs_layout_source(img->L, r->arg);
    return n->size >= FS_IMAGE_VIEW_MIN && roff < n->size && img->noview_node != r->arg;
}

/* Hand len bytes of file node's data at off to the sink from views of its source.
 * *handled counts what went out; 0 with *handled short means the source gave no
 * view (noview_node is set and the caller reads the rest). */
static int32_t copy_from_views(fs_image *img, uint32_t node, uint64_t off, uint64_t len, fs_image_sink sink,
                               void *ctx, uint64_t *handled)
{
    const fs_data_source *n = fs_layout_source(img->L, node);
    int32_t hr;

    *handled = 0;
    if ((hr = position_source(img, node, off))) return hr;
    while (len)
    {
        size_t want = len < FS_IMAGE_VIEW_WINDOW ? (size_t)len : FS_IMAGE_VIEW_WINDOW, done;
        const uint8_t *p;
        if (!img->stream->ops->view || img->stream->ops->view(img->stream, off, want, (const void **)&p))
        {
            img->noview_node = node;
            break;
        }
        img->viewing = 1;
        img->stream_pos = FS_POS_UNKNOWN;   /* views do not move the stream */
        for (done = 0; done < want;)
        {
            size_t piece = want - done < FS_IMAGE_COPY_PIECE ? want - done : FS_IMAGE_COPY_PIECE;
            done += piece;                  /* produced, even if the sink fails it */
            if ((hr = sink(ctx, p + done - piece, piece))) break;
        }
        end_view(img);
        if (hr)
        {
            *handled += done;
            return hr;
        }
        *handled += want;
        off += want;
        len -= want;
    }
    if (off == n->size)
    {
        /* As read_file does: a source longer than declared is inconsistent. */
        uint8_t probe;
        size_t got = 0;
        if (img->stream->ops->seek && !img->stream->ops->seek(img->stream, off))
        {
            if (img->stream->ops->read(img->stream, &probe, 1, &got)) return IMAPI_E_DATA_STREAM_READ_FAILURE;
            if (got) return IMAPI_E_DATA_STREAM_INCONSISTENCY;
        }
        close_source(img);
    }
    return 0;
}

/* How much of [offset, offset + want) to read through the bounce buffer: up to the
 * data of the next file that views can copy. Walks at most want / 2048 regions. */
static size_t bounce_span(fs_image *img, size_t ri, uint64_t offset, size_t want)
{
    const fs_layout *L = img->L;
    uint64_t end = offset + want;
    for (ri++; ri < L->nregions; ri++)
    {
        uint64_t start = (uint64_t)L->regions[ri].start * FS_BLOCK_SIZE;
        if (start >= end) break;
        if (viewable(img, &L->regions[ri], 0)) return (size_t)(start - offset);
    }
    return want;
}

int32_t fs_image_copy(fs_image *img, uint64_t offset, uint64_t len, fs_image_sink sink, void *ctx,
                      uint64_t *produced)
{
    const fs_layout *L = img->L;
    uint64_t total = fs_image_size(img);
    int32_t hr = 0;

    *produced = 0;
    if (!img->bounce && !(img->bounce = malloc(FS_IMAGE_COPY_PIECE))) return FS_E_OUTOFMEMORY;
    while (len && offset < total)
    {
        size_t ri = find_region(img, (uint32_t)(offset / FS_BLOCK_SIZE));
        const fs_region *r = &L->regions[ri];
        uint64_t roff = offset - (uint64_t)r->start * FS_BLOCK_SIZE;
        size_t want, got = 0;

        img->cursor = ri;
        if (viewable(img, r, roff))
        {
            uint64_t data = fs_layout_source(L, r->arg)->size - roff, handled = 0;
            hr = copy_from_views(img, r->arg, roff, data < len ? data : len, sink, ctx, &handled);
            *produced += handled;
            offset += handled;
            len -= handled;
            if (hr) return hr;
            continue;
        }
        want = len < FS_IMAGE_COPY_PIECE ? (size_t)len : FS_IMAGE_COPY_PIECE;
        want = bounce_span(img, ri, offset, want);
        hr = fs_image_read(img, offset, img->bounce, want, &got);
        *produced += got;
        if (hr) return hr;
        if (!got) break;
        if ((hr = sink(ctx, img->bounce, got))) return hr;
        offset += got;
        len -= got;
    }
    return 0;
}
