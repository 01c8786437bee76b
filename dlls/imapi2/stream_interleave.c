/* MsftStreamInterleave (IStreamInterleave): one read-only stream that takes
 * interleaveSizes[i] bytes from stream i, then the next stream's, round after round
 * (spec 2.13), e.g. 2352 bytes of main data then 96 bytes of subcode per sector.
 *
 * [doc] Initialize: E_POINTER, E_INVALIDARG. Decisions where the docs are silent ([undoc],
 * tested in winetest/streams.c):
 *  - NULL arrays or a NULL element: E_POINTER; a count of 0, an interleave size of 0,
 *    Initialize twice, or a total over 2^63 - 1 bytes: E_INVALIDARG;
 *    a part whose Stat fails: that HRESULT.
 *  - Parts of unequal length: a part that runs out gives its last short piece in its
 *    round and nothing afterwards; the others go on, until every part is done (nothing
 *    is padded or dropped; the size is the sum of the parts' Stat sizes).
 *  - Parts are read by seeking them before every read, so a Clone shares them and a lock
 *    but moves on its own. SetSize: STG_E_ACCESSDENIED. The rest is stream_base.h's.
 * Any offset maps to its part in O(parts): the rounds fall into at most 2n + 1 runs in
 * which every round has the same length. */

#include "stream_base.h"

struct interleave_part
{
    IStream *stream;
    ULONGLONG size, chunk, full;     /* full = rounds in which it gives `chunk` bytes */
};

struct interleave_run
{
    ULONGLONG first_round, rounds, round_len, start;
};

struct interleave_layout
{
    LONG ref;
    ULONG count, nruns;
    struct interleave_part *parts;
    struct interleave_run *runs;
};

struct stream_interleave
{
    struct imapi_object obj;
    IStreamInterleave IStreamInterleave_iface;
    struct stream_base base;
    struct stream_shared_lock *parts_lock;
    struct interleave_layout *layout;   /* NULL before Initialize; shared with clones */
};

IMAPI_IUNKNOWN_METHODS(stream_interleave, IStreamInterleave, struct stream_interleave, IStreamInterleave_iface)
STREAM_BASE_METHODS(stream_interleave, IStreamInterleave, struct stream_interleave, base)

static HRESULT stream_interleave_new(struct stream_shared_lock *lock, struct stream_interleave **out,
                                     REFIID riid, void **ppv);

static ULONGLONG part_len(const struct interleave_part *part, ULONGLONG round)
{
    if (round < part->full) return part->chunk;
    if (round == part->full) return part->size - part->full * part->chunk;
    return 0;
}

static void layout_unref(struct interleave_layout *layout)
{
    ULONG i;

    if (!layout || InterlockedDecrement(&layout->ref)) return;
    for (i = 0; i < layout->count; i++) if (layout->parts[i].stream) IStream_Release(layout->parts[i].stream);
    free(layout->parts);
    free(layout->runs);
    free(layout);
}

static int cmp_ull(const void *a, const void *b)
{
    ULONGLONG x = *(const ULONGLONG *)a, y = *(const ULONGLONG *)b;
    return x < y ? -1 : x > y;
}

/* The runs of equal rounds; E_INVALIDARG when the total does not fit a stream. */
static HRESULT layout_runs(struct interleave_layout *layout, ULONGLONG *total)
{
    ULONGLONG *cuts, rounds = 0, at = 0;
    ULONG n = 0, i, j;

    if (!(cuts = malloc((2 * layout->count + 2) * sizeof(*cuts)))) return E_OUTOFMEMORY;
    for (i = 0; i < layout->count; i++)
    {
        const struct interleave_part *p = &layout->parts[i];
        ULONGLONG r = p->full + (p->size % p->chunk ? 1 : 0);
        rounds = max(rounds, r);
        cuts[n++] = p->full;
        cuts[n++] = p->full + 1;
    }
    cuts[n++] = 0;
    qsort(cuts, n, sizeof(*cuts), cmp_ull);
    if (!(layout->runs = calloc(n, sizeof(*layout->runs))))
    {
        free(cuts);
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < n && cuts[i] < rounds; i++)
    {
        ULONGLONG end = rounds, len = 0;
        struct interleave_run *run;
        if (i && cuts[i] == cuts[i - 1]) continue;
        for (j = i + 1; j < n; j++) if (cuts[j] > cuts[i]) { end = min(end, cuts[j]); break; }
        for (j = 0; j < layout->count; j++) len += part_len(&layout->parts[j], cuts[i]);
        if (!len) continue;
        if ((end - cuts[i]) > (STREAM_MAX_SIZE - at) / len)
        {
            free(cuts);
            return E_INVALIDARG;
        }
        run = &layout->runs[layout->nruns++];
        run->first_round = cuts[i];
        run->rounds = end - cuts[i];
        run->round_len = len;
        run->start = at;
        at += run->rounds * len;
    }
    free(cuts);
    *total = at;
    return S_OK;
}

static HRESULT interleave_read_at(struct stream_base *base, ULONGLONG offset, BYTE *buf, ULONG len, ULONG *got)
{
    struct stream_interleave *il = CONTAINING_RECORD(base, struct stream_interleave, base);
    struct interleave_layout *layout = il->layout;
    const struct interleave_run *run = NULL;
    ULONGLONG round, within;
    HRESULT hr = S_OK;
    ULONG i;

    *got = 0;
    for (i = 0; layout && i < layout->nruns; i++)
        if (offset >= layout->runs[i].start && offset - layout->runs[i].start < layout->runs[i].rounds * layout->runs[i].round_len)
            run = &layout->runs[i];
    if (!run) return S_OK;
    round = run->first_round + (offset - run->start) / run->round_len;
    within = (offset - run->start) % run->round_len;
    for (i = 0; i < layout->count; i++)
    {
        const struct interleave_part *part = &layout->parts[i];
        ULONGLONG l = part_len(part, round);
        if (within < l)
        {
            ULONG n = (ULONG)min((ULONGLONG)len, l - within);
            AcquireSRWLockExclusive(&il->parts_lock->lock);
            hr = stream_part_read(part->stream, round * part->chunk + within, buf, n, got);
            ReleaseSRWLockExclusive(&il->parts_lock->lock);
            break;
        }
        within -= l;
    }
    return hr;
}

static HRESULT interleave_clone(struct stream_base *base, struct stream_base **copy, IStream **out)
{
    struct stream_interleave *il = CONTAINING_RECORD(base, struct stream_interleave, base), *twin;
    HRESULT hr;

    if (FAILED(hr = stream_interleave_new(il->parts_lock, &twin, &IID_IStream, (void **)out))) return hr;
    if ((twin->layout = il->layout)) InterlockedIncrement(&twin->layout->ref);
    *copy = &twin->base;
    return S_OK;
}

static const struct stream_base_ops interleave_ops =
    { interleave_read_at, interleave_clone, FALSE, &CLSID_MsftStreamInterleave };

static HRESULT WINAPI stream_interleave_Initialize(IStreamInterleave *iface, IStream **streams, ULONG *interleaveSizes, ULONG streamCount)
{
    struct stream_interleave *il = stream_interleave_impl(iface);
    struct interleave_layout *layout;
    ULONGLONG total = 0;
    HRESULT hr = S_OK;
    ULONG i;

    TRACE("(%p)->(%p %p %lu)\n", iface, streams, interleaveSizes, (unsigned long)streamCount);
    if (!streams || !interleaveSizes) return E_POINTER;
    if (!streamCount) return E_INVALIDARG;
    for (i = 0; i < streamCount; i++)
    {
        if (!streams[i]) return E_POINTER;
        if (!interleaveSizes[i]) return E_INVALIDARG;
    }
    if (!(layout = calloc(1, sizeof(*layout)))) return E_OUTOFMEMORY;
    layout->ref = 1;
    if (!(layout->parts = calloc(streamCount, sizeof(*layout->parts))))
    {
        free(layout);
        return E_OUTOFMEMORY;
    }
    layout->count = streamCount;
    for (i = 0; SUCCEEDED(hr) && i < streamCount; i++)
    {
        struct interleave_part *part = &layout->parts[i];
        part->stream = streams[i];
        IStream_AddRef(part->stream);
        part->chunk = interleaveSizes[i];
        if (SUCCEEDED(hr = stream_part_size(part->stream, &part->size))) part->full = part->size / part->chunk;
    }
    if (SUCCEEDED(hr)) hr = layout_runs(layout, &total);
    AcquireSRWLockExclusive(&il->base.lock);
    if (SUCCEEDED(hr) && il->layout) hr = E_INVALIDARG;
    if (SUCCEEDED(hr))
    {
        il->layout = layout;
        il->base.size = total;
        layout = NULL;
    }
    ReleaseSRWLockExclusive(&il->base.lock);
    layout_unref(layout);
    return hr;
}

static const IStreamInterleaveVtbl stream_interleave_vtbl =
{
    stream_interleave_QueryInterface, stream_interleave_AddRef, stream_interleave_Release,
    stream_interleave_Read, stream_interleave_Write, stream_interleave_Seek, stream_interleave_SetSize,
    stream_interleave_CopyTo, stream_interleave_Commit, stream_interleave_Revert,
    stream_interleave_LockRegion, stream_interleave_UnlockRegion, stream_interleave_Stat,
    stream_interleave_Clone, stream_interleave_Initialize
};

static const struct imapi_iface_entry stream_interleave_ifaces[] =
{
    IMAPI_IFACE(IID_IStreamInterleave, struct stream_interleave, IStreamInterleave_iface),
    IMAPI_IFACE(IID_IStream, struct stream_interleave, IStreamInterleave_iface),
    IMAPI_IFACE(IID_ISequentialStream, struct stream_interleave, IStreamInterleave_iface),
    { NULL }
};

static void stream_interleave_destroy(struct imapi_object *obj)
{
    struct stream_interleave *stream = CONTAINING_RECORD(obj, struct stream_interleave, obj);
    layout_unref(stream->layout);
    stream_shared_lock_unref(stream->parts_lock);
    free(stream);
}

static HRESULT stream_interleave_new(struct stream_shared_lock *lock, struct stream_interleave **out,
                                     REFIID riid, void **ppv)
{
    struct stream_interleave *stream;

    if (!(stream = calloc(1, sizeof(*stream)))) return E_OUTOFMEMORY;
    if (!(stream->parts_lock = lock ? stream_shared_lock_ref(lock) : stream_shared_lock_new()))
    {
        free(stream);
        return E_OUTOFMEMORY;
    }
    stream->IStreamInterleave_iface.lpVtbl = &stream_interleave_vtbl;
    stream_base_init(&stream->base, &interleave_ops);
    imapi_object_init(&stream->obj, stream_interleave_ifaces, FALSE, stream_interleave_destroy);
    if (out) *out = stream;
    return imapi_object_create_done(&stream->obj, NULL, 0, riid, ppv);
}

HRESULT stream_interleave_create(REFIID riid, void **ppv)
{
    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    return stream_interleave_new(NULL, NULL, riid, ppv);
}
