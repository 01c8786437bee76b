/* MsftWriteEngine2: sends WRITE commands for a stream to a recorder. WriteSection and
 * the recorder come with the burning issues; the write parameters are kept here. */

#include "imapi2_private.h"

struct write_engine
{
    struct imapi_object obj;
    IWriteEngine2 IWriteEngine2_iface;
    LONG starting_sectors_per_second;
    LONG ending_sectors_per_second;
    LONG bytes_per_sector;              /* 0 until set: the property has no default */
};

IMAPI_IUNKNOWN_METHODS(write_engine, IWriteEngine2, struct write_engine, IWriteEngine2_iface)
IMAPI_IDISPATCH_METHODS(write_engine, IWriteEngine2, IID_IWriteEngine2)

static HRESULT format_flag_false(VARIANT_BOOL *value)
{
    if (!value) return E_POINTER;
    *value = VARIANT_FALSE;
    return S_OK;
}

/* -1 means "the drive's maximum"; other values must be real speeds [undoc choice:
 * 0 and values below -1 are rejected]. */
static HRESULT put_speed(LONG *slot, LONG value)
{
    if (value != -1 && value <= 0) return E_INVALIDARG;
    *slot = value;
    return S_OK;
}

static HRESULT get_long(LONG slot, LONG *value)
{
    if (!value) return E_POINTER;
    *value = slot;
    return S_OK;
}

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
    TRACE("%p %d\n", This, value);
    /* Documented: WRITE(12) with the streaming bit is not supported, TRUE fails with
     * E_NOTIMPL (this is the specified answer, not a missing implementation). */
    return value ? E_NOTIMPL : S_OK;
}

static HRESULT WINAPI write_engine_get_UseStreamingWrite12(IWriteEngine2 *This, VARIANT_BOOL *value)
{
    return format_flag_false(value);
}

static HRESULT WINAPI write_engine_put_StartingSectorsPerSecond(IWriteEngine2 *This, LONG value)
{
    TRACE("%p %ld\n", This, value);
    return put_speed(&write_engine_impl(This)->starting_sectors_per_second, value);
}

static HRESULT WINAPI write_engine_get_StartingSectorsPerSecond(IWriteEngine2 *This, LONG *value)
{
    return get_long(write_engine_impl(This)->starting_sectors_per_second, value);
}

static HRESULT WINAPI write_engine_put_EndingSectorsPerSecond(IWriteEngine2 *This, LONG value)
{
    TRACE("%p %ld\n", This, value);
    return put_speed(&write_engine_impl(This)->ending_sectors_per_second, value);
}

static HRESULT WINAPI write_engine_get_EndingSectorsPerSecond(IWriteEngine2 *This, LONG *value)
{
    return get_long(write_engine_impl(This)->ending_sectors_per_second, value);
}

static HRESULT WINAPI write_engine_put_BytesPerSector(IWriteEngine2 *This, LONG value)
{
    TRACE("%p %ld\n", This, value);
    /* 1..MAXLONG; whether it fits the recorder's transfer size is checked by WriteSection. */
    if (value <= 0) return E_INVALIDARG;
    write_engine_impl(This)->bytes_per_sector = value;
    return S_OK;
}

static HRESULT WINAPI write_engine_get_BytesPerSector(IWriteEngine2 *This, LONG *value)
{
    return get_long(write_engine_impl(This)->bytes_per_sector, value);
}

static HRESULT WINAPI write_engine_get_WriteInProgress(IWriteEngine2 *This, VARIANT_BOOL *value)
{
    /* WriteSection is synchronous and not implemented yet: never in progress. */
    return format_flag_false(value);
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
    This->starting_sectors_per_second = -1;
    This->ending_sectors_per_second = -1;
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
