/* Object identity and reference counting shared by every coclass. */
#include "imapi_com.h"

void imapi_object_init(struct imapi_object *obj, const struct imapi_iface_entry *ifaces, BOOL dispatch,
                       void (*destroy)(struct imapi_object *obj))
{
    obj->ref = 1;
    obj->ifaces = ifaces;
    obj->dispatch = dispatch;
    obj->destroy = destroy;
    obj->cpc = NULL;
    imapi_lock_module(TRUE);
}

static void *iface_at(struct imapi_object *obj, size_t offset)
{
    return (char *)obj + offset;
}

HRESULT imapi_object_qi(struct imapi_object *obj, REFIID riid, void **ppv)
{
    const struct imapi_iface_entry *e;

    if (!ppv) return E_POINTER;
    *ppv = NULL;
    if (IsEqualIID(riid, &IID_IUnknown) || (obj->dispatch && IsEqualIID(riid, &IID_IDispatch)))
        *ppv = iface_at(obj, obj->ifaces[0].offset);
    else if (obj->cpc && IsEqualIID(riid, &IID_IConnectionPointContainer))
        *ppv = imapi_cpc_iface(obj->cpc);
    else
        for (e = obj->ifaces; e->iid; e++)
            if (IsEqualIID(riid, e->iid)) { *ppv = iface_at(obj, e->offset); break; }

    if (!*ppv)
    {
        TRACE("%p: no interface %s\n", obj, debugstr_guid(riid));
        return E_NOINTERFACE;
    }
    IUnknown_AddRef((IUnknown *)*ppv);
    return S_OK;
}

ULONG imapi_object_addref(struct imapi_object *obj)
{
    ULONG ref = InterlockedIncrement(&obj->ref);
    TRACE("%p ref %lu\n", obj, (unsigned long)ref);
    return ref;
}

ULONG imapi_object_release(struct imapi_object *obj)
{
    ULONG ref = InterlockedDecrement(&obj->ref);
    TRACE("%p ref %lu\n", obj, (unsigned long)ref);
    if (!ref)
    {
        if (obj->cpc) imapi_cpc_destroy(obj->cpc);
        obj->destroy(obj);
        imapi_lock_module(FALSE);
    }
    return ref;
}

IUnknown *imapi_object_unknown(struct imapi_object *obj)
{
    IUnknown *unk = iface_at(obj, obj->ifaces[0].offset);
    IUnknown_AddRef(unk);
    return unk;
}

HRESULT imapi_object_create_done(struct imapi_object *obj, const IID *const *sources, unsigned nsources,
                                 REFIID riid, void **ppv)
{
    HRESULT hr = nsources ? imapi_cpc_create(obj, sources, nsources) : S_OK;
    if (SUCCEEDED(hr)) hr = imapi_object_qi(obj, riid, ppv);
    imapi_object_release(obj);
    return hr;
}
