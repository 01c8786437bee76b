/* MsftStreamConcatenate (IStreamConcatenate): one read-only stream made of its parts one
 * after another (spec 2.13). Initialize / Initialize2 set the first parts, Append /
 * Append2 add more.
 *
 * [doc] Initialize twice: E_INVALIDARG; NULL streams: E_POINTER. Decisions where the docs
 * are silent ([undoc], tested in winetest/streams.c):
 *  - Append before Initialize: E_INVALIDARG (the interface's "wrong state" answer);
 *    Initialize2 / Append2 with a count of 0: E_INVALIDARG; a NULL element: E_POINTER;
 *    a part whose Stat fails: that HRESULT; on any failure nothing is added.
 *  - Each part's size is its Stat size when it is added; a part is read from its own
 *    offset 0 by seeking it before every read (the docs make touching a part outside the
 *    object undefined), so a Clone shares the parts and a lock but moves on its own;
 *    parts added after a Clone belong to that object only.
 *  - A total over 2^63 - 1 bytes: E_INVALIDARG. SetSize: STG_E_ACCESSDENIED (the size is
 *    the parts'). The rest of IStream is stream_base.h's. */

#include "stream_base.h"

struct concat_part
{
    IStream *stream;
    ULONGLONG start, size;
};

struct stream_concat
{
    struct imapi_object obj;
    IStreamConcatenate IStreamConcatenate_iface;
    struct stream_base base;
    struct stream_shared_lock *parts_lock;   /* shared with clones: the part streams' positions */
    struct concat_part *parts;
    ULONG count;
    BOOL initialized;
};

IMAPI_IUNKNOWN_METHODS(stream_concat, IStreamConcatenate, struct stream_concat, IStreamConcatenate_iface)
STREAM_BASE_METHODS(stream_concat, IStreamConcatenate, struct stream_concat, base)

static HRESULT stream_concat_new(struct stream_shared_lock *lock, struct stream_concat **out, REFIID riid, void **ppv);

static HRESULT concat_read_at(struct stream_base *base, ULONGLONG offset, BYTE *buf, ULONG len, ULONG *got)
{
    struct stream_concat *concat = CONTAINING_RECORD(base, struct stream_concat, base);
    ULONG lo = 0, hi = concat->count, n;
    struct concat_part *part;
    HRESULT hr;

    *got = 0;
    while (hi - lo > 1)   /* the last part starting at or before offset */
    {
        ULONG mid = (lo + hi) / 2;
        if (concat->parts[mid].start <= offset) lo = mid;
        else hi = mid;
    }
    part = &concat->parts[lo];
    while (part < concat->parts + concat->count && offset >= part->start + part->size) part++;  /* empty parts */
    if (part == concat->parts + concat->count) return S_OK;
    n = (ULONG)min((ULONGLONG)len, part->start + part->size - offset);
    AcquireSRWLockExclusive(&concat->parts_lock->lock);
    hr = stream_part_read(part->stream, offset - part->start, buf, n, got);
    ReleaseSRWLockExclusive(&concat->parts_lock->lock);
    return hr;
}

/* Adds parts (all or none), under the object's lock. */
static HRESULT concat_add(struct stream_concat *concat, IStream **streams, ULONG count)
{
    struct concat_part *parts;
    ULONGLONG total;
    HRESULT hr = S_OK;
    ULONG i;

    if (!count) return E_INVALIDARG;
    for (i = 0; i < count; i++) if (!streams[i]) return E_POINTER;
    AcquireSRWLockExclusive(&concat->base.lock);
    total = concat->base.size;
    if (!(parts = realloc(concat->parts, (concat->count + count) * sizeof(*parts)))) hr = E_OUTOFMEMORY;
    else concat->parts = parts;
    for (i = 0; SUCCEEDED(hr) && i < count; i++)
    {
        struct concat_part *part = &concat->parts[concat->count + i];
        if (FAILED(hr = stream_part_size(streams[i], &part->size))) break;
        if (part->size > STREAM_MAX_SIZE - total) hr = E_INVALIDARG;
        part->start = total;
        total += part->size;
    }
    if (SUCCEEDED(hr))
    {
        for (i = 0; i < count; i++)
        {
            concat->parts[concat->count + i].stream = streams[i];
            IStream_AddRef(streams[i]);
        }
        concat->count += count;
        concat->base.size = total;
        concat->initialized = TRUE;
    }
    ReleaseSRWLockExclusive(&concat->base.lock);
    return hr;
}

static HRESULT concat_clone(struct stream_base *base, struct stream_base **copy, IStream **out)
{
    struct stream_concat *concat = CONTAINING_RECORD(base, struct stream_concat, base), *twin;
    HRESULT hr;
    ULONG i;

    if (FAILED(hr = stream_concat_new(concat->parts_lock, &twin, &IID_IStream, (void **)out))) return hr;
    if (concat->count && !(twin->parts = malloc(concat->count * sizeof(*twin->parts))))
    {
        IStream_Release(*out);
        *out = NULL;
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < concat->count; i++)
    {
        twin->parts[i] = concat->parts[i];
        IStream_AddRef(twin->parts[i].stream);
    }
    twin->count = concat->count;
    twin->initialized = concat->initialized;
    *copy = &twin->base;
    return S_OK;
}

static const struct stream_base_ops concat_ops = { concat_read_at, concat_clone, FALSE, &CLSID_MsftStreamConcatenate };

static HRESULT WINAPI stream_concat_Initialize(IStreamConcatenate *iface, IStream *stream1, IStream *stream2)
{
    IStream *streams[2] = { stream1, stream2 };

    TRACE("(%p)->(%p %p)\n", iface, stream1, stream2);
    if (stream_concat_impl(iface)->initialized) return E_INVALIDARG;
    return concat_add(stream_concat_impl(iface), streams, 2);
}

static HRESULT WINAPI stream_concat_Initialize2(IStreamConcatenate *iface, IStream **streams, ULONG streamCount)
{
    TRACE("(%p)->(%p %lu)\n", iface, streams, (unsigned long)streamCount);
    if (!streams) return E_POINTER;
    if (stream_concat_impl(iface)->initialized) return E_INVALIDARG;
    return concat_add(stream_concat_impl(iface), streams, streamCount);
}

static HRESULT WINAPI stream_concat_Append(IStreamConcatenate *iface, IStream *stream)
{
    TRACE("(%p)->(%p)\n", iface, stream);
    if (!stream_concat_impl(iface)->initialized) return E_INVALIDARG;
    return concat_add(stream_concat_impl(iface), &stream, 1);
}

static HRESULT WINAPI stream_concat_Append2(IStreamConcatenate *iface, IStream **streams, ULONG streamCount)
{
    TRACE("(%p)->(%p %lu)\n", iface, streams, (unsigned long)streamCount);
    if (!streams) return E_POINTER;
    if (!stream_concat_impl(iface)->initialized) return E_INVALIDARG;
    return concat_add(stream_concat_impl(iface), streams, streamCount);
}

static const IStreamConcatenateVtbl stream_concat_vtbl =
{
    stream_concat_QueryInterface, stream_concat_AddRef, stream_concat_Release, stream_concat_Read,
    stream_concat_Write, stream_concat_Seek, stream_concat_SetSize, stream_concat_CopyTo,
    stream_concat_Commit, stream_concat_Revert, stream_concat_LockRegion, stream_concat_UnlockRegion,
    stream_concat_Stat, stream_concat_Clone, stream_concat_Initialize, stream_concat_Initialize2,
    stream_concat_Append, stream_concat_Append2
};

static const struct imapi_iface_entry stream_concat_ifaces[] =
{
    IMAPI_IFACE(IID_IStreamConcatenate, struct stream_concat, IStreamConcatenate_iface),
    IMAPI_IFACE(IID_IStream, struct stream_concat, IStreamConcatenate_iface),
    IMAPI_IFACE(IID_ISequentialStream, struct stream_concat, IStreamConcatenate_iface),
    { NULL }
};

static void stream_concat_destroy(struct imapi_object *obj)
{
    struct stream_concat *stream = CONTAINING_RECORD(obj, struct stream_concat, obj);
    ULONG i;

    for (i = 0; i < stream->count; i++) IStream_Release(stream->parts[i].stream);
    free(stream->parts);
    stream_shared_lock_unref(stream->parts_lock);
    free(stream);
}

static HRESULT stream_concat_new(struct stream_shared_lock *lock, struct stream_concat **out, REFIID riid, void **ppv)
{
    struct stream_concat *stream;

    if (!(stream = calloc(1, sizeof(*stream)))) return E_OUTOFMEMORY;
    if (!(stream->parts_lock = lock ? stream_shared_lock_ref(lock) : stream_shared_lock_new()))
    {
        free(stream);
        return E_OUTOFMEMORY;
    }
    stream->IStreamConcatenate_iface.lpVtbl = &stream_concat_vtbl;
    stream_base_init(&stream->base, &concat_ops);
    imapi_object_init(&stream->obj, stream_concat_ifaces, FALSE, stream_concat_destroy);
    if (out) *out = stream;
    return imapi_object_create_done(&stream->obj, NULL, 0, riid, ppv);
}

HRESULT stream_concat_create(REFIID riid, void **ppv)
{
    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    return stream_concat_new(NULL, NULL, riid, ppv);
}
