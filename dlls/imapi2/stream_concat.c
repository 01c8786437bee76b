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
    return IMAPI_STUB(ISequentialStream, Read);
}

static HRESULT WINAPI stream_concat_Write(IStreamConcatenate *iface, const void *pv, ULONG cb, ULONG *pcbWritten)
{
    return IMAPI_STUB(ISequentialStream, Write);
}

static HRESULT WINAPI stream_concat_Seek(IStreamConcatenate *iface, LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition)
{
    return IMAPI_STUB(IStream, Seek);
}

static HRESULT WINAPI stream_concat_SetSize(IStreamConcatenate *iface, ULARGE_INTEGER libNewSize)
{
    return IMAPI_STUB(IStream, SetSize);
}

static HRESULT WINAPI stream_concat_CopyTo(IStreamConcatenate *iface, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten)
{
    return IMAPI_STUB(IStream, CopyTo);
}

static HRESULT WINAPI stream_concat_Commit(IStreamConcatenate *iface, DWORD grfCommitFlags)
{
    return IMAPI_STUB(IStream, Commit);
}

static HRESULT WINAPI stream_concat_Revert(IStreamConcatenate *iface)
{
    return IMAPI_STUB(IStream, Revert);
}

static HRESULT WINAPI stream_concat_LockRegion(IStreamConcatenate *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    return IMAPI_STUB(IStream, LockRegion);
}

static HRESULT WINAPI stream_concat_UnlockRegion(IStreamConcatenate *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    return IMAPI_STUB(IStream, UnlockRegion);
}

static HRESULT WINAPI stream_concat_Stat(IStreamConcatenate *iface, STATSTG *pstatstg, DWORD grfStatFlag)
{
    return IMAPI_STUB(IStream, Stat);
}

static HRESULT WINAPI stream_concat_Clone(IStreamConcatenate *iface, IStream **ppstm)
{
    return IMAPI_STUB(IStream, Clone);
}

static HRESULT WINAPI stream_concat_Initialize(IStreamConcatenate *iface, IStream *stream1, IStream *stream2)
{
    return IMAPI_STUB(IStreamConcatenate, Initialize);
}

static HRESULT WINAPI stream_concat_Initialize2(IStreamConcatenate *iface, IStream **streams, ULONG streamCount)
{
    return IMAPI_STUB(IStreamConcatenate, Initialize2);
}

static HRESULT WINAPI stream_concat_Append(IStreamConcatenate *iface, IStream *stream)
{
    return IMAPI_STUB(IStreamConcatenate, Append);
}

static HRESULT WINAPI stream_concat_Append2(IStreamConcatenate *iface, IStream **streams, ULONG streamCount)
{
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
