/* BootOptions: FIXME describe. */

#include "imapi2fs_private.h"

struct boot_options
{
    struct imapi_object obj;
    IBootOptions IBootOptions_iface;
};

IMAPI_IUNKNOWN_METHODS(boot_options, IBootOptions, struct boot_options, IBootOptions_iface)
IMAPI_IDISPATCH_METHODS(boot_options, IBootOptions, IID_IBootOptions)

static HRESULT WINAPI boot_options_get_BootImage(IBootOptions *This, IStream **pVal)
{
    return IMAPI_STUB(IBootOptions, get_BootImage);
}

static HRESULT WINAPI boot_options_get_Manufacturer(IBootOptions *This, BSTR *pVal)
{
    return IMAPI_STUB(IBootOptions, get_Manufacturer);
}

static HRESULT WINAPI boot_options_put_Manufacturer(IBootOptions *This, BSTR newVal)
{
    return IMAPI_STUB(IBootOptions, put_Manufacturer);
}

static HRESULT WINAPI boot_options_get_PlatformId(IBootOptions *This, PlatformId *pVal)
{
    return IMAPI_STUB(IBootOptions, get_PlatformId);
}

static HRESULT WINAPI boot_options_put_PlatformId(IBootOptions *This, PlatformId newVal)
{
    return IMAPI_STUB(IBootOptions, put_PlatformId);
}

static HRESULT WINAPI boot_options_get_Emulation(IBootOptions *This, EmulationType *pVal)
{
    return IMAPI_STUB(IBootOptions, get_Emulation);
}

static HRESULT WINAPI boot_options_put_Emulation(IBootOptions *This, EmulationType newVal)
{
    return IMAPI_STUB(IBootOptions, put_Emulation);
}

static HRESULT WINAPI boot_options_get_ImageSize(IBootOptions *This, ULONG *pVal)
{
    return IMAPI_STUB(IBootOptions, get_ImageSize);
}

static HRESULT WINAPI boot_options_AssignBootImage(IBootOptions *This, IStream *newVal)
{
    return IMAPI_STUB(IBootOptions, AssignBootImage);
}

static const IBootOptionsVtbl boot_options_vtbl =
{
    boot_options_QueryInterface, boot_options_AddRef, boot_options_Release, boot_options_GetTypeInfoCount,
    boot_options_GetTypeInfo, boot_options_GetIDsOfNames, boot_options_Invoke, boot_options_get_BootImage,
    boot_options_get_Manufacturer, boot_options_put_Manufacturer, boot_options_get_PlatformId,
    boot_options_put_PlatformId, boot_options_get_Emulation, boot_options_put_Emulation,
    boot_options_get_ImageSize, boot_options_AssignBootImage
};

static const struct imapi_iface_entry boot_options_ifaces[] =
{
    IMAPI_IFACE(IID_IBootOptions, struct boot_options, IBootOptions_iface),
    { NULL }
};

static void boot_options_destroy(struct imapi_object *obj)
{
    struct boot_options *This = CONTAINING_RECORD(obj, struct boot_options, obj);
    free(This);
}

HRESULT boot_options_create(REFIID riid, void **ppv)
{
    struct boot_options *This;
    HRESULT hr;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(This = calloc(1, sizeof(*This)))) return E_OUTOFMEMORY;
    This->IBootOptions_iface.lpVtbl = &boot_options_vtbl;
    imapi_object_init(&This->obj, boot_options_ifaces, TRUE, boot_options_destroy);
    hr = imapi_object_qi(&This->obj, riid, ppv);
    imapi_object_release(&This->obj);
    return hr;
}
