/* MsftStreamZero: FIXME describe. */

#include "imapi2_private.h"

struct stream_zero
{
    struct imapi_object obj;
    IStream IStream_iface;
};

IMAPI_IUNKNOWN_METHODS(stream_zero, IStream, struct stream_zero, IStream_iface)

static HRESULT WINAPI stream_zero_Read(IStream *iface, void *pv, ULONG cb, ULONG *pcbRead)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbRead);
    return IMAPI_STUB(ISequentialStream, Read);
}

static HRESULT WINAPI stream_zero_Write(IStream *iface, const void *pv, ULONG cb, ULONG *pcbWritten)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbWritten);
    return IMAPI_STUB(ISequentialStream, Write);
}

static HRESULT WINAPI stream_zero_Seek(IStream *iface, LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition)
{
    TRACE("(%p)->(%s %lu %p)\n", iface, wine_dbgstr_longlong(dlibMove.QuadPart), dwOrigin, plibNewPosition);
    return IMAPI_STUB(IStream, Seek);
}

static HRESULT WINAPI stream_zero_SetSize(IStream *iface, ULARGE_INTEGER libNewSize)
{
    TRACE("(%p)->(%s)\n", iface, wine_dbgstr_longlong(libNewSize.QuadPart));
    return IMAPI_STUB(IStream, SetSize);
}

static HRESULT WINAPI stream_zero_CopyTo(IStream *iface, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten)
{
    TRACE("(%p)->(%p %s %p %p)\n", iface, pstm, wine_dbgstr_longlong(cb.QuadPart), pcbRead, pcbWritten);
    return IMAPI_STUB(IStream, CopyTo);
}

static HRESULT WINAPI stream_zero_Commit(IStream *iface, DWORD grfCommitFlags)
{
    TRACE("(%p)->(%lu)\n", iface, grfCommitFlags);
    return IMAPI_STUB(IStream, Commit);
}

static HRESULT WINAPI stream_zero_Revert(IStream *iface)
{
    TRACE("(%p)\n", iface);
    return IMAPI_STUB(IStream, Revert);
}

static HRESULT WINAPI stream_zero_LockRegion(IStream *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(libOffset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), dwLockType);
    return IMAPI_STUB(IStream, LockRegion);
}

static HRESULT WINAPI stream_zero_UnlockRegion(IStream *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(libOffset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), dwLockType);
    return IMAPI_STUB(IStream, UnlockRegion);
}

static HRESULT WINAPI stream_zero_Stat(IStream *iface, STATSTG *pstatstg, DWORD grfStatFlag)
{
    TRACE("(%p)->(%p %lu)\n", iface, pstatstg, grfStatFlag);
    return IMAPI_STUB(IStream, Stat);
}

static HRESULT WINAPI stream_zero_Clone(IStream *iface, IStream **ppstm)
{
    TRACE("(%p)->(%p)\n", iface, ppstm);
    return IMAPI_STUB(IStream, Clone);
}

static const IStreamVtbl stream_zero_vtbl =
{
    stream_zero_QueryInterface, stream_zero_AddRef, stream_zero_Release, stream_zero_Read, stream_zero_Write,
    stream_zero_Seek, stream_zero_SetSize, stream_zero_CopyTo, stream_zero_Commit, stream_zero_Revert,
    stream_zero_LockRegion, stream_zero_UnlockRegion, stream_zero_Stat, stream_zero_Clone
};

static const struct imapi_iface_entry stream_zero_ifaces[] =
{
    IMAPI_IFACE(IID_IStream, struct stream_zero, IStream_iface),
    IMAPI_IFACE(IID_ISequentialStream, struct stream_zero, IStream_iface),
    { NULL }
};

static void stream_zero_destroy(struct imapi_object *obj)
{
    struct stream_zero *stream = CONTAINING_RECORD(obj, struct stream_zero, obj);
    free(stream);
}

HRESULT stream_zero_create(REFIID riid, void **ppv)
{
    struct stream_zero *stream;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(stream = calloc(1, sizeof(*stream)))) return E_OUTOFMEMORY;
    stream->IStream_iface.lpVtbl = &stream_zero_vtbl;
    imapi_object_init(&stream->obj, stream_zero_ifaces, FALSE, stream_zero_destroy);
    return imapi_object_create_done(&stream->obj, NULL, 0, riid, ppv);
}
