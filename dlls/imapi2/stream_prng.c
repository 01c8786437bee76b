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
    return IMAPI_STUB(ISequentialStream, Read);
}

static HRESULT WINAPI stream_prng_Write(IStreamPseudoRandomBased *iface, const void *pv, ULONG cb, ULONG *pcbWritten)
{
    return IMAPI_STUB(ISequentialStream, Write);
}

static HRESULT WINAPI stream_prng_Seek(IStreamPseudoRandomBased *iface, LARGE_INTEGER dlibMove, DWORD dwOrigin, ULARGE_INTEGER *plibNewPosition)
{
    return IMAPI_STUB(IStream, Seek);
}

static HRESULT WINAPI stream_prng_SetSize(IStreamPseudoRandomBased *iface, ULARGE_INTEGER libNewSize)
{
    return IMAPI_STUB(IStream, SetSize);
}

static HRESULT WINAPI stream_prng_CopyTo(IStreamPseudoRandomBased *iface, IStream *pstm, ULARGE_INTEGER cb, ULARGE_INTEGER *pcbRead, ULARGE_INTEGER *pcbWritten)
{
    return IMAPI_STUB(IStream, CopyTo);
}

static HRESULT WINAPI stream_prng_Commit(IStreamPseudoRandomBased *iface, DWORD grfCommitFlags)
{
    return IMAPI_STUB(IStream, Commit);
}

static HRESULT WINAPI stream_prng_Revert(IStreamPseudoRandomBased *iface)
{
    return IMAPI_STUB(IStream, Revert);
}

static HRESULT WINAPI stream_prng_LockRegion(IStreamPseudoRandomBased *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    return IMAPI_STUB(IStream, LockRegion);
}

static HRESULT WINAPI stream_prng_UnlockRegion(IStreamPseudoRandomBased *iface, ULARGE_INTEGER libOffset, ULARGE_INTEGER cb, DWORD dwLockType)
{
    return IMAPI_STUB(IStream, UnlockRegion);
}

static HRESULT WINAPI stream_prng_Stat(IStreamPseudoRandomBased *iface, STATSTG *pstatstg, DWORD grfStatFlag)
{
    return IMAPI_STUB(IStream, Stat);
}

static HRESULT WINAPI stream_prng_Clone(IStreamPseudoRandomBased *iface, IStream **ppstm)
{
    return IMAPI_STUB(IStream, Clone);
}

static HRESULT WINAPI stream_prng_put_Seed(IStreamPseudoRandomBased *iface, ULONG value)
{
    return IMAPI_STUB(IStreamPseudoRandomBased, put_Seed);
}

static HRESULT WINAPI stream_prng_get_Seed(IStreamPseudoRandomBased *iface, ULONG *value)
{
    return IMAPI_STUB(IStreamPseudoRandomBased, get_Seed);
}

static HRESULT WINAPI stream_prng_put_ExtendedSeed(IStreamPseudoRandomBased *iface, ULONG *values, ULONG eCount)
{
    return IMAPI_STUB(IStreamPseudoRandomBased, put_ExtendedSeed);
}

static HRESULT WINAPI stream_prng_get_ExtendedSeed(IStreamPseudoRandomBased *iface, ULONG **values, ULONG *eCount)
{
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
