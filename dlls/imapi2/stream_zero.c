/* MsftStreamZero: a read-only IStream of zero bytes (spec 2.13), e.g. padding for
 * IStreamConcatenate or a blank region for IWriteEngine2. It has no extra interface;
 * its size is 0 until the caller sets it ("caller must SetSize"). The IStream answers
 * are the helper streams' shared ones (stream_base.h; tested in winetest/stream_zero.c):
 * Write STG_E_ACCESSDENIED, SetSize up to 2^63 - 1, Stat clsid CLSID_MsftStreamZero,
 * Clone at the same position, CopyTo writing zeros. */

#include "stream_base.h"

struct stream_zero
{
    struct imapi_object obj;
    IStream IStream_iface;
    struct stream_base base;
};

IMAPI_IUNKNOWN_METHODS(stream_zero, IStream, struct stream_zero, IStream_iface)
STREAM_BASE_METHODS(stream_zero, IStream, struct stream_zero, base)

static HRESULT stream_zero_new(struct stream_zero **out, REFIID riid, void **ppv);

static HRESULT zero_read_at(struct stream_base *base, ULONGLONG offset, BYTE *buf, ULONG len, ULONG *got)
{
    memset(buf, 0, len);
    *got = len;
    return S_OK;
}

static HRESULT zero_clone(struct stream_base *base, struct stream_base **copy, IStream **out)
{
    struct stream_zero *zero;
    HRESULT hr = stream_zero_new(&zero, &IID_IStream, (void **)out);
    if (SUCCEEDED(hr)) *copy = &zero->base;
    return hr;
}

static const struct stream_base_ops zero_ops = { zero_read_at, zero_clone, TRUE, &CLSID_MsftStreamZero };

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
    struct stream_zero *zero = CONTAINING_RECORD(obj, struct stream_zero, obj);
    free(zero);
}

/* The object is alive while *ppv holds it: *out is only for the caller to fill in. */
static HRESULT stream_zero_new(struct stream_zero **out, REFIID riid, void **ppv)
{
    struct stream_zero *zero;

    if (!(zero = calloc(1, sizeof(*zero)))) return E_OUTOFMEMORY;
    zero->IStream_iface.lpVtbl = &stream_zero_vtbl;
    stream_base_init(&zero->base, &zero_ops);
    imapi_object_init(&zero->obj, stream_zero_ifaces, FALSE, stream_zero_destroy);
    if (out) *out = zero;
    return imapi_object_create_done(&zero->obj, NULL, 0, riid, ppv);
}

HRESULT stream_zero_create(REFIID riid, void **ppv)
{
    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    return stream_zero_new(NULL, riid, ppv);
}
