/* Class factories for our creatable coclasses and the module lock count. */
#include "imapi_com.h"

HINSTANCE imapi_module;
static LONG module_locks;

void imapi_lock_module(BOOL lock)
{
    if (lock) InterlockedIncrement(&module_locks);
    else InterlockedDecrement(&module_locks);
}

HRESULT imapi_can_unload(void)
{
    return module_locks ? S_FALSE : S_OK;
}

struct factory
{
    IClassFactory IClassFactory_iface;
    LONG ref;
    imapi_create_fn create;
};

static struct factory *impl_from_IClassFactory(IClassFactory *iface)
{
    return CONTAINING_RECORD(iface, struct factory, IClassFactory_iface);
}

static HRESULT WINAPI factory_QueryInterface(IClassFactory *iface, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv);
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IClassFactory))
    {
        *ppv = iface;
        IClassFactory_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI factory_AddRef(IClassFactory *iface)
{
    TRACE("(%p)\n", iface);
    return InterlockedIncrement(&impl_from_IClassFactory(iface)->ref);
}

static ULONG WINAPI factory_Release(IClassFactory *iface)
{
    struct factory *f = impl_from_IClassFactory(iface);
    ULONG ref = InterlockedDecrement(&f->ref);
    TRACE("(%p)\n", iface);
    if (!ref)
    {
        free(f);
        imapi_lock_module(FALSE);
    }
    return ref;
}

static HRESULT WINAPI factory_CreateInstance(IClassFactory *iface, IUnknown *outer, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%p %s %p)\n", iface, outer, debugstr_guid(riid), ppv);
    if (!ppv) return E_POINTER;
    *ppv = NULL;
    /* None of the IMAPI2 classes supports aggregation. */
    if (outer) return CLASS_E_NOAGGREGATION;
    return impl_from_IClassFactory(iface)->create(riid, ppv);
}

static HRESULT WINAPI factory_LockServer(IClassFactory *iface, BOOL lock)
{
    TRACE("(%p)->(%d)\n", iface, lock);
    imapi_lock_module(lock);
    return S_OK;
}

static const IClassFactoryVtbl factory_vtbl =
{
    factory_QueryInterface, factory_AddRef, factory_Release, factory_CreateInstance, factory_LockServer
};

HRESULT imapi_get_class_object(const struct imapi_class *classes, unsigned count, REFCLSID clsid,
                               REFIID riid, void **ppv)
{
    struct factory *f;
    unsigned i;
    HRESULT hr;

    TRACE("%s %s %p\n", debugstr_guid(clsid), debugstr_guid(riid), ppv);
    if (!ppv) return E_POINTER;
    *ppv = NULL;
    for (i = 0; i < count; i++)
        if (IsEqualCLSID(classes[i].clsid, clsid)) break;
    if (i == count)
    {
        WARN("class %s not available\n", debugstr_guid(clsid));
        return CLASS_E_CLASSNOTAVAILABLE;
    }
    if (!(f = malloc(sizeof(*f)))) return E_OUTOFMEMORY;
    f->IClassFactory_iface.lpVtbl = &factory_vtbl;
    f->ref = 1;
    f->create = classes[i].create;
    imapi_lock_module(TRUE);
    hr = IClassFactory_QueryInterface(&f->IClassFactory_iface, riid, ppv);
    IClassFactory_Release(&f->IClassFactory_iface);
    return hr;
}
