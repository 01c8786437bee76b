/* MsftWriteEngine2: FIXME describe. */

#include "imapi2_private.h"

struct write_engine
{
    struct imapi_object obj;
    IWriteEngine2 IWriteEngine2_iface;
};

IMAPI_IUNKNOWN_METHODS(write_engine, IWriteEngine2, struct write_engine, IWriteEngine2_iface)
IMAPI_IDISPATCH_METHODS(write_engine, IWriteEngine2, IID_IWriteEngine2)

static HRESULT WINAPI write_engine_WriteSection(IWriteEngine2 *This, IStream *data, LONG startingBlockAddress, LONG numberOfBlocks)
{
    return IMAPI_STUB(IWriteEngine2, WriteSection);
}

static HRESULT WINAPI write_engine_CancelWrite(IWriteEngine2 *This)
{
    return IMAPI_STUB(IWriteEngine2, CancelWrite);
}

static HRESULT WINAPI write_engine_put_Recorder(IWriteEngine2 *This, IDiscRecorder2Ex *value)
{
    return IMAPI_STUB(IWriteEngine2, put_Recorder);
}

static HRESULT WINAPI write_engine_get_Recorder(IWriteEngine2 *This, IDiscRecorder2Ex **value)
{
    return IMAPI_STUB(IWriteEngine2, get_Recorder);
}

static HRESULT WINAPI write_engine_put_UseStreamingWrite12(IWriteEngine2 *This, VARIANT_BOOL value)
{
    return IMAPI_STUB(IWriteEngine2, put_UseStreamingWrite12);
}

static HRESULT WINAPI write_engine_get_UseStreamingWrite12(IWriteEngine2 *This, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IWriteEngine2, get_UseStreamingWrite12);
}

static HRESULT WINAPI write_engine_put_StartingSectorsPerSecond(IWriteEngine2 *This, LONG value)
{
    return IMAPI_STUB(IWriteEngine2, put_StartingSectorsPerSecond);
}

static HRESULT WINAPI write_engine_get_StartingSectorsPerSecond(IWriteEngine2 *This, LONG *value)
{
    return IMAPI_STUB(IWriteEngine2, get_StartingSectorsPerSecond);
}

static HRESULT WINAPI write_engine_put_EndingSectorsPerSecond(IWriteEngine2 *This, LONG value)
{
    return IMAPI_STUB(IWriteEngine2, put_EndingSectorsPerSecond);
}

static HRESULT WINAPI write_engine_get_EndingSectorsPerSecond(IWriteEngine2 *This, LONG *value)
{
    return IMAPI_STUB(IWriteEngine2, get_EndingSectorsPerSecond);
}

static HRESULT WINAPI write_engine_put_BytesPerSector(IWriteEngine2 *This, LONG value)
{
    return IMAPI_STUB(IWriteEngine2, put_BytesPerSector);
}

static HRESULT WINAPI write_engine_get_BytesPerSector(IWriteEngine2 *This, LONG *value)
{
    return IMAPI_STUB(IWriteEngine2, get_BytesPerSector);
}

static HRESULT WINAPI write_engine_get_WriteInProgress(IWriteEngine2 *This, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IWriteEngine2, get_WriteInProgress);
}

static const IWriteEngine2Vtbl write_engine_vtbl =
{
    write_engine_QueryInterface, write_engine_AddRef, write_engine_Release, write_engine_GetTypeInfoCount,
    write_engine_GetTypeInfo, write_engine_GetIDsOfNames, write_engine_Invoke, write_engine_WriteSection,
    write_engine_CancelWrite, write_engine_put_Recorder, write_engine_get_Recorder,
    write_engine_put_UseStreamingWrite12, write_engine_get_UseStreamingWrite12,
    write_engine_put_StartingSectorsPerSecond, write_engine_get_StartingSectorsPerSecond,
    write_engine_put_EndingSectorsPerSecond, write_engine_get_EndingSectorsPerSecond,
    write_engine_put_BytesPerSector, write_engine_get_BytesPerSector, write_engine_get_WriteInProgress
};

static const struct imapi_iface_entry write_engine_ifaces[] =
{
    IMAPI_IFACE(IID_IWriteEngine2, struct write_engine, IWriteEngine2_iface),
    { NULL }
};

static void write_engine_destroy(struct imapi_object *obj)
{
    struct write_engine *This = CONTAINING_RECORD(obj, struct write_engine, obj);
    free(This);
}

HRESULT write_engine_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DWriteEngine2Events };
    struct write_engine *This;
    HRESULT hr;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(This = calloc(1, sizeof(*This)))) return E_OUTOFMEMORY;
    This->IWriteEngine2_iface.lpVtbl = &write_engine_vtbl;
    imapi_object_init(&This->obj, write_engine_ifaces, TRUE, write_engine_destroy);
    if (FAILED(hr = imapi_cpc_create(&This->obj, sources, ARRAY_SIZE(sources))))
    {
        imapi_object_release(&This->obj);
        return hr;
    }
    hr = imapi_object_qi(&This->obj, riid, ppv);
    imapi_object_release(&This->obj);
    return hr;
}
