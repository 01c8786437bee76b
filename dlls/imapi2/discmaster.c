/* MsftDiscMaster2: FIXME describe. */

#include "imapi2_private.h"

struct discmaster
{
    struct imapi_object obj;
    IDiscMaster2 IDiscMaster2_iface;
};

IMAPI_IUNKNOWN_METHODS(discmaster, IDiscMaster2, struct discmaster, IDiscMaster2_iface)
IMAPI_IDISPATCH_METHODS(discmaster, IDiscMaster2, IID_IDiscMaster2)

static HRESULT WINAPI discmaster_get__NewEnum(IDiscMaster2 *This, IEnumVARIANT **ppunk)
{
    return IMAPI_STUB(IDiscMaster2, get__NewEnum);
}

static HRESULT WINAPI discmaster_get_Item(IDiscMaster2 *This, LONG index, BSTR *value)
{
    return IMAPI_STUB(IDiscMaster2, get_Item);
}

static HRESULT WINAPI discmaster_get_Count(IDiscMaster2 *This, LONG *value)
{
    return IMAPI_STUB(IDiscMaster2, get_Count);
}

static HRESULT WINAPI discmaster_get_IsSupportedEnvironment(IDiscMaster2 *This, VARIANT_BOOL *value)
{
    return IMAPI_STUB(IDiscMaster2, get_IsSupportedEnvironment);
}

static const IDiscMaster2Vtbl discmaster_vtbl =
{
    discmaster_QueryInterface, discmaster_AddRef, discmaster_Release, discmaster_GetTypeInfoCount,
    discmaster_GetTypeInfo, discmaster_GetIDsOfNames, discmaster_Invoke, discmaster_get__NewEnum,
    discmaster_get_Item, discmaster_get_Count, discmaster_get_IsSupportedEnvironment
};

static const struct imapi_iface_entry discmaster_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscMaster2, struct discmaster, IDiscMaster2_iface),
    { NULL }
};

static void discmaster_destroy(struct imapi_object *obj)
{
    struct discmaster *This = CONTAINING_RECORD(obj, struct discmaster, obj);
    free(This);
}

HRESULT discmaster_create(REFIID riid, void **ppv)
{
    static const IID *const sources[] = { &IID_DDiscMaster2Events };
    struct discmaster *This;
    HRESULT hr;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(This = calloc(1, sizeof(*This)))) return E_OUTOFMEMORY;
    This->IDiscMaster2_iface.lpVtbl = &discmaster_vtbl;
    imapi_object_init(&This->obj, discmaster_ifaces, TRUE, discmaster_destroy);
    if (FAILED(hr = imapi_cpc_create(&This->obj, sources, ARRAY_SIZE(sources))))
    {
        imapi_object_release(&This->obj);
        return hr;
    }
    hr = imapi_object_qi(&This->obj, riid, ppv);
    imapi_object_release(&This->obj);
    return hr;
}
