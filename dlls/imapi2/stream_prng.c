/* MsftStreamPrng001: FIXME describe. */

#include "imapi2_private.h"

struct stream_prng
{
    struct imapi_object obj;
    IStreamPseudoRandomBased IStreamPseudoRandomBased_iface;
};

IMAPI_IUNKNOWN_METHODS(stream_prng, IStreamPseudoRandomBased, struct stream_prng, IStreamPseudoRandomBased_iface)

static HRESULT WINAPI stream_prng_Read(IStreamPseudoRandomBased *iface, void *pv, ULONG cb, ULONG *pcbRead)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbRead);
    return IMAPI_STUB(ISequentialStream, Read);
}

static HRESULT WINAPI stream_prng_Write(IStreamPseudoRandomBased *iface, const void *pv, ULONG cb, ULONG *pcbWritten)
{
    TRACE("(%p)->(%p %lu %p)\n", iface, pv, cb, pcbWritten);
    return IMAPI_STUB(ISequentialStream, Write);
}

static HRESULT WINAPI stream_prng_Seek(IStreamPseudoRandomBased *iface, LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition)
{
    TRACE("(%p)->(%s %lu %p)\n", iface, wine_dbgstr_longlong(dlibMove.QuadPart), dwOrigin, plibNewPosition);
    return IMAPI_STUB(IStream, Seek);
}

static HRESULT WINAPI stream_prng_SetSize(IStreamPseudoRandomBased *iface, ULARGE_INTEGER libNewSize)
{
    TRACE("(%p)->(%s)\n", iface, wine_dbgstr_longlong(libNewSize.QuadPart));
    return IMAPI_STUB(IStream, SetSize);
}

static HRESULT WINAPI stream_prng_CopyTo(IStreamPseudoRandomBased *iface, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten)
{
    TRACE("(%p)->(%p %s %p %p)\n", iface, pstm, wine_dbgstr_longlong(cb.QuadPart), pcbRead, pcbWritten);
    return IMAPI_STUB(IStream, CopyTo);
}

static HRESULT WINAPI stream_prng_Commit(IStreamPseudoRandomBased *iface, DWORD grfCommitFlags)
{
    TRACE("(%p)->(%lu)\n", iface, grfCommitFlags);
    return IMAPI_STUB(IStream, Commit);
}

static HRESULT WINAPI stream_prng_Revert(IStreamPseudoRandomBased *iface)
{
    TRACE("(%p)\n", iface);
    return IMAPI_STUB(IStream, Revert);
}

static HRESULT WINAPI stream_prng_LockRegion(IStreamPseudoRandomBased *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(libOffset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), dwLockType);
    return IMAPI_STUB(IStream, LockRegion);
}

static HRESULT WINAPI stream_prng_UnlockRegion(IStreamPseudoRandomBased *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    TRACE("(%p)->(%s %s %lu)\n", iface, wine_dbgstr_longlong(libOffset.QuadPart),
          wine_dbgstr_longlong(cb.QuadPart), dwLockType);
    return IMAPI_STUB(IStream, UnlockRegion);
}

static HRESULT WINAPI stream_prng_Stat(IStreamPseudoRandomBased *iface, STATSTG *pstatstg, DWORD grfStatFlag)
{
    TRACE("(%p)->(%p %lu)\n", iface, pstatstg, grfStatFlag);
    return IMAPI_STUB(IStream, Stat);
}

static HRESULT WINAPI stream_prng_Clone(IStreamPseudoRandomBased *iface, IStream **ppstm)
{
    TRACE("(%p)->(%p)\n", iface, ppstm);
    return IMAPI_STUB(IStream, Clone);
}

static HRESULT WINAPI stream_prng_put_Seed(IStreamPseudoRandomBased *iface, ULONG value)
{
    TRACE("(%p)->(%lu)\n", iface, value);
    return IMAPI_STUB(IStreamPseudoRandomBased, put_Seed);
}

static HRESULT WINAPI stream_prng_get_Seed(IStreamPseudoRandomBased *iface, ULONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return IMAPI_STUB(IStreamPseudoRandomBased, get_Seed);
}

static HRESULT WINAPI stream_prng_put_ExtendedSeed(IStreamPseudoRandomBased *iface, ULONG *values, ULONG eCount)
{
    TRACE("(%p)->(%p %lu)\n", iface, values, eCount);
    return IMAPI_STUB(IStreamPseudoRandomBased, put_ExtendedSeed);
}

static HRESULT WINAPI stream_prng_get_ExtendedSeed(IStreamPseudoRandomBased *iface, ULONG **values, ULONG *eCount)
{
    TRACE("(%p)->(%p %p)\n", iface, values, eCount);
    return IMAPI_STUB(IStreamPseudoRandomBased, get_ExtendedSeed);
}

static const IStreamPseudoRandomBasedVtbl stream_prng_vtbl =
{
    stream_prng_QueryInterface, stream_prng_AddRef, stream_prng_Release, stream_prng_Read, stream_prng_Write,
    stream_prng_Seek, stream_prng_SetSize, stream_prng_CopyTo, stream_prng_Commit, stream_prng_Revert,
    stream_prng_LockRegion, stream_prng_UnlockRegion, stream_prng_Stat, stream_prng_Clone,
    stream_prng_put_Seed, stream_prng_get_Seed, stream_prng_put_ExtendedSeed, stream_prng_get_ExtendedSeed
};

static const struct imapi_iface_entry stream_prng_ifaces[] =
{
    IMAPI_IFACE(IID_IStreamPseudoRandomBased, struct stream_prng, IStreamPseudoRandomBased_iface),
    IMAPI_IFACE(IID_IStream, struct stream_prng, IStreamPseudoRandomBased_iface),
    IMAPI_IFACE(IID_ISequentialStream, struct stream_prng, IStreamPseudoRandomBased_iface),
    { NULL }
};

static void stream_prng_destroy(struct imapi_object *obj)
{
    struct stream_prng *stream = CONTAINING_RECORD(obj, struct stream_prng, obj);
    free(stream);
}

HRESULT stream_prng_create(REFIID riid, void **ppv)
{
    struct stream_prng *stream;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(stream = calloc(1, sizeof(*stream)))) return E_OUTOFMEMORY;
    stream->IStreamPseudoRandomBased_iface.lpVtbl = &stream_prng_vtbl;
    imapi_object_init(&stream->obj, stream_prng_ifaces, FALSE, stream_prng_destroy);
    return imapi_object_create_done(&stream->obj, NULL, 0, riid, ppv);
}
