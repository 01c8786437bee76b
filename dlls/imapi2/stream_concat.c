/* MsftStreamConcatenate: FIXME describe. */

#include "imapi2_private.h"

struct stream_concat
{
    struct imapi_object obj;
    IStreamConcatenate IStreamConcatenate_iface;
};

IMAPI_IUNKNOWN_METHODS(stream_concat, IStreamConcatenate, struct stream_concat, IStreamConcatenate_iface)

static HRESULT WINAPI stream_concat_Read(IStreamConcatenate *iface, void *pv, ULONG cb, ULONG *pcbRead)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbRead);
    return IMAPI_STUB(ISequentialStream, Read);
}

static HRESULT WINAPI stream_concat_Write(IStreamConcatenate *iface, const void *pv, ULONG cb, ULONG *pcbWritten)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbWritten);
    return IMAPI_STUB(ISequentialStream, Write);
}

static HRESULT WINAPI stream_concat_Seek(IStreamConcatenate *iface, LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition)
{
    TRACE("(%p)->(%s %lu %p)\n", iface, wine_dbgstr_longlong(dlibMove.QuadPart), dwOrigin, plibNewPosition);
    return IMAPI_STUB(IStream, Seek);
}

static HRESULT WINAPI stream_concat_SetSize(IStreamConcatenate *iface, ULARGE_INTEGER libNewSize)
{
    TRACE("(%p)->(%s)\n", iface, wine_dbgstr_longlong(libNewSize.QuadPart));
    return IMAPI_STUB(IStream, SetSize);
}

static HRESULT WINAPI stream_concat_CopyTo(IStreamConcatenate *iface, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten)
{
    TRACE("(%p)->(%p %s %p %p)\n", iface, pstm, wine_dbgstr_longlong(cb.QuadPart), pcbRead, pcbWritten);
    return IMAPI_STUB(IStream, CopyTo);
}

static HRESULT WINAPI stream_concat_Commit(IStreamConcatenate *iface, DWORD grfCommitFlags)
{
    TRACE("(%p)->(%lu)\n", iface, grfCommitFlags);
    return IMAPI_STUB(IStream, Commit);
}

static HRESULT WINAPI stream_concat_Revert(IStreamConcatenate *iface)
{
    TRACE("(%p)\n", iface);
    return IMAPI_STUB(IStream, Revert);
}

static HRESULT WINAPI stream_concat_LockRegion(IStreamConcatenate *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(libOffset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), dwLockType);
    return IMAPI_STUB(IStream, LockRegion);
}

static HRESULT WINAPI stream_concat_UnlockRegion(IStreamConcatenate *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(libOffset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), dwLockType);
    return IMAPI_STUB(IStream, UnlockRegion);
}

static HRESULT WINAPI stream_concat_Stat(IStreamConcatenate *iface, STATSTG *pstatstg, DWORD grfStatFlag)
{
    TRACE("(%p)->(%p %lu)\n", iface, pstatstg, grfStatFlag);
    return IMAPI_STUB(IStream, Stat);
}

static HRESULT WINAPI stream_concat_Clone(IStreamConcatenate *iface, IStream **ppstm)
{
    TRACE("(%p)->(%p)\n", iface, ppstm);
    return IMAPI_STUB(IStream, Clone);
}

static HRESULT WINAPI stream_concat_Initialize(IStreamConcatenate *iface, IStream *stream1, IStream *stream2)
{
    TRACE("(%p)->(%p %p)\n", iface, stream1, stream2);
    return IMAPI_STUB(IStreamConcatenate, Initialize);
}

static HRESULT WINAPI stream_concat_Initialize2(IStreamConcatenate *iface, IStream **streams, ULONG streamCount)
{
    TRACE("(%p)->(%p %lu)\n", iface, streams, streamCount);
    return IMAPI_STUB(IStreamConcatenate, Initialize2);
}

static HRESULT WINAPI stream_concat_Append(IStreamConcatenate *iface, IStream *stream)
{
    TRACE("(%p)->(%p)\n", iface, stream);
    return IMAPI_STUB(IStreamConcatenate, Append);
}

static HRESULT WINAPI stream_concat_Append2(IStreamConcatenate *iface, IStream **streams, ULONG streamCount)
{
    TRACE("(%p)->(%p %lu)\n", iface, streams, streamCount);
    return IMAPI_STUB(IStreamConcatenate, Append2);
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
    free(stream);
}

HRESULT stream_concat_create(REFIID riid, void **ppv)
{
    struct stream_concat *stream;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(stream = calloc(1, sizeof(*stream)))) return E_OUTOFMEMORY;
    stream->IStreamConcatenate_iface.lpVtbl = &stream_concat_vtbl;
    imapi_object_init(&stream->obj, stream_concat_ifaces, FALSE, stream_concat_destroy);
    return imapi_object_create_done(&stream->obj, NULL, 0, riid, ppv);
}
