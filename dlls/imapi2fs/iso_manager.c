/* MsftIsoImageManager: FIXME describe. */

#include "imapi2fs_private.h"

struct iso_manager
{
    struct imapi_object obj;
    IIsoImageManager IIsoImageManager_iface;
};

IMAPI_IUNKNOWN_METHODS(iso_manager, IIsoImageManager, struct iso_manager, IIsoImageManager_iface)
IMAPI_IDISPATCH_METHODS(iso_manager, IIsoImageManager, IID_IIsoImageManager)

static HRESULT WINAPI iso_manager_get_Path(IIsoImageManager *This, BSTR *pVal)
{
    return IMAPI_STUB(IIsoImageManager, get_Path);
}

static HRESULT WINAPI iso_manager_get_Stream(IIsoImageManager *This, IStream **data)
{
    return IMAPI_STUB(IIsoImageManager, get_Stream);
}

static HRESULT WINAPI iso_manager_SetPath(IIsoImageManager *This, BSTR Val)
{
    return IMAPI_STUB(IIsoImageManager, SetPath);
}

static HRESULT WINAPI iso_manager_SetStream(IIsoImageManager *This, IStream *data)
{
    return IMAPI_STUB(IIsoImageManager, SetStream);
}

static HRESULT WINAPI iso_manager_Validate(IIsoImageManager *This)
{
    return IMAPI_STUB(IIsoImageManager, Validate);
}

static const IIsoImageManagerVtbl iso_manager_vtbl =
{
    iso_manager_QueryInterface, iso_manager_AddRef, iso_manager_Release, iso_manager_GetTypeInfoCount,
    iso_manager_GetTypeInfo, iso_manager_GetIDsOfNames, iso_manager_Invoke, iso_manager_get_Path,
    iso_manager_get_Stream, iso_manager_SetPath, iso_manager_SetStream, iso_manager_Validate
};

static const struct imapi_iface_entry iso_manager_ifaces[] =
{
    IMAPI_IFACE(IID_IIsoImageManager, struct iso_manager, IIsoImageManager_iface),
    { NULL }
};

static void iso_manager_destroy(struct imapi_object *obj)
{
    struct iso_manager *This = CONTAINING_RECORD(obj, struct iso_manager, obj);
    free(This);
}

HRESULT iso_manager_create(REFIID riid, void **ppv)
{
    struct iso_manager *This;
    HRESULT hr;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(This = calloc(1, sizeof(*This)))) return E_OUTOFMEMORY;
    This->IIsoImageManager_iface.lpVtbl = &iso_manager_vtbl;
    imapi_object_init(&This->obj, iso_manager_ifaces, TRUE, iso_manager_destroy);
    hr = imapi_object_qi(&This->obj, riid, ppv);
    imapi_object_release(&This->obj);
    return hr;
}
