/* MsftStreamInterleave: FIXME describe. */

#include "imapi2_private.h"

struct stream_interleave
{
    struct imapi_object obj;
    IStreamInterleave IStreamInterleave_iface;
};

IMAPI_IUNKNOWN_METHODS(stream_interleave, IStreamInterleave, struct stream_interleave, IStreamInterleave_iface)

static HRESULT WINAPI stream_interleave_Read(IStreamInterleave *iface, void *pv, ULONG cb, ULONG *pcbRead)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbRead);
    return IMAPI_STUB(ISequentialStream, Read);
}

static HRESULT WINAPI stream_interleave_Write(IStreamInterleave *iface, const void *pv, ULONG cb, ULONG *pcbWritten)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbWritten);
    return IMAPI_STUB(ISequentialStream, Write);
}

static HRESULT WINAPI stream_interleave_Seek(IStreamInterleave *iface, LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition)
{
    TRACE("(%p)->(%s %lu %p)\n", iface, wine_dbgstr_longlong(dlibMove.QuadPart), dwOrigin, plibNewPosition);
    return IMAPI_STUB(IStream, Seek);
}

static HRESULT WINAPI stream_interleave_SetSize(IStreamInterleave *iface, ULARGE_INTEGER libNewSize)
{
    TRACE("(%p)->(%s)\n", iface, wine_dbgstr_longlong(libNewSize.QuadPart));
    return IMAPI_STUB(IStream, SetSize);
}

static HRESULT WINAPI stream_interleave_CopyTo(IStreamInterleave *iface, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten)
{
    TRACE("(%p)->(%p %s %p %p)\n", iface, pstm, wine_dbgstr_longlong(cb.QuadPart), pcbRead, pcbWritten);
    return IMAPI_STUB(IStream, CopyTo);
}

static HRESULT WINAPI stream_interleave_Commit(IStreamInterleave *iface, DWORD grfCommitFlags)
{
    TRACE("(%p)->(%lu)\n", iface, grfCommitFlags);
    return IMAPI_STUB(IStream, Commit);
}

static HRESULT WINAPI stream_interleave_Revert(IStreamInterleave *iface)
{
    TRACE("(%p)\n", iface);
    return IMAPI_STUB(IStream, Revert);
}

static HRESULT WINAPI stream_interleave_LockRegion(IStreamInterleave *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(libOffset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), dwLockType);
    return IMAPI_STUB(IStream, LockRegion);
}

static HRESULT WINAPI stream_interleave_UnlockRegion(IStreamInterleave *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(libOffset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), dwLockType);
    return IMAPI_STUB(IStream, UnlockRegion);
}

static HRESULT WINAPI stream_interleave_Stat(IStreamInterleave *iface, STATSTG *pstatstg, DWORD grfStatFlag)
{
    TRACE("(%p)->(%p %lu)\n", iface, pstatstg, grfStatFlag);
    return IMAPI_STUB(IStream, Stat);
}

static HRESULT WINAPI stream_interleave_Clone(IStreamInterleave *iface, IStream **ppstm)
{
    TRACE("(%p)->(%p)\n", iface, ppstm);
    return IMAPI_STUB(IStream, Clone);
}

static HRESULT WINAPI stream_interleave_Initialize(IStreamInterleave *iface, IStream **streams, ULONG *interleaveSizes, ULONG streamCount)
{
    TRACE("(%p)->(%p %p %lu)\n", iface, streams, interleaveSizes, streamCount);
    return IMAPI_STUB(IStreamInterleave, Initialize);
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
    free(stream);
}

HRESULT stream_interleave_create(REFIID riid, void **ppv)
{
    struct stream_interleave *stream;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(stream = calloc(1, sizeof(*stream)))) return E_OUTOFMEMORY;
    stream->IStreamInterleave_iface.lpVtbl = &stream_interleave_vtbl;
    imapi_object_init(&stream->obj, stream_interleave_ifaces, FALSE, stream_interleave_destroy);
    return imapi_object_create_done(&stream->obj, NULL, 0, riid, ppv);
}
