/* BSTR / SAFEARRAY / IEnumVARIANT helpers for automation getters. */
#include "imapi_com.h"

HRESULT imapi_return_bstr(const WCHAR *s, BSTR *out)
{
    if (!out) return E_POINTER;
    *out = SysAllocString(s ? s : L"");
    return *out ? S_OK : E_OUTOFMEMORY;
}

static HRESULT safearray_of_variants(unsigned count, SAFEARRAY **out, VARIANT **data)
{
    SAFEARRAY *sa = SafeArrayCreateVector(VT_VARIANT, 0, count);
    HRESULT hr;
    if (!sa) return E_OUTOFMEMORY;
    if (FAILED(hr = SafeArrayAccessData(sa, (void **)data)))
    {
        SafeArrayDestroy(sa);
        return hr;
    }
    *out = sa;
    return S_OK;
}

HRESULT imapi_safearray_from_longs(const LONG *values, unsigned count, SAFEARRAY **out)
{
    VARIANT *data;
    unsigned i;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (FAILED(hr = safearray_of_variants(count, out, &data))) return hr;
    for (i = 0; i < count; i++)
    {
        V_VT(&data[i]) = VT_I4;
        V_I4(&data[i]) = values[i];
    }
    SafeArrayUnaccessData(*out);
    return S_OK;
}

HRESULT imapi_safearray_from_strings(const WCHAR *const *values, unsigned count, SAFEARRAY **out)
{
    VARIANT *data;
    unsigned i;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (FAILED(hr = safearray_of_variants(count, out, &data))) return hr;
    for (i = 0; i < count; i++)
    {
        V_VT(&data[i]) = VT_BSTR;
        if (!(V_BSTR(&data[i]) = SysAllocString(values[i]))) hr = E_OUTOFMEMORY;
    }
    SafeArrayUnaccessData(*out);
    if (FAILED(hr))
    {
        SafeArrayDestroy(*out);
        *out = NULL;
    }
    return hr;
}

HRESULT imapi_safearray_from_dispatch(IDispatch *const *values, unsigned count, SAFEARRAY **out)
{
    VARIANT *data;
    unsigned i;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (FAILED(hr = safearray_of_variants(count, out, &data))) return hr;
    for (i = 0; i < count; i++)
    {
        V_VT(&data[i]) = VT_DISPATCH;
        V_DISPATCH(&data[i]) = values[i];
        IDispatch_AddRef(values[i]);
    }
    SafeArrayUnaccessData(*out);
    return S_OK;
}

/* ---- IEnumVARIANT over a private copy of the items ---- */

struct enum_variant
{
    IEnumVARIANT IEnumVARIANT_iface;
    LONG ref;
    VARIANT *items;
    ULONG count, pos;
};

static struct enum_variant *impl_from_IEnumVARIANT(IEnumVARIANT *iface)
{
    return CONTAINING_RECORD(iface, struct enum_variant, IEnumVARIANT_iface);
}

static HRESULT WINAPI ev_QueryInterface(IEnumVARIANT *iface, REFIID riid, void **ppv)
{
    TRACE("(%p)->(%s %p)\n", iface, debugstr_guid(riid), ppv);
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IEnumVARIANT))
    {
        *ppv = iface;
        IEnumVARIANT_AddRef(iface);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI ev_AddRef(IEnumVARIANT *iface)
{
    TRACE("(%p)\n", iface);
    return InterlockedIncrement(&impl_from_IEnumVARIANT(iface)->ref);
}

static ULONG WINAPI ev_Release(IEnumVARIANT *iface)
{
    struct enum_variant *e = impl_from_IEnumVARIANT(iface);
    ULONG ref = InterlockedDecrement(&e->ref), i;
    TRACE("(%p)\n", iface);
    if (!ref)
    {
        for (i = 0; i < e->count; i++) VariantClear(&e->items[i]);
        free(e->items);
        free(e);
        imapi_lock_module(FALSE);
    }
    return ref;
}

/* A NULL fetched is accepted whatever celt is, and fewer items than celt give S_FALSE:
 * that is IEnumVARIANT's own contract, unlike the generic IEnumXXXX rule ("NULL only if
 * celt is one", which connpt.c follows for IEnumConnections/IEnumConnectionPoints as
 * Wine's oleaut32 does). Sources: the IEnumVARIANT::Next reference ("pCeltFetched: the
 * number of elements returned in rgVar, or NULL"; S_OK = celt returned, S_FALSE = fewer),
 * and the marshaling proxy (oleaut32 IEnumVARIANT_Next_Proxy, Windows and Wine) which
 * substitutes a local count for a NULL one, so an out-of-process IEnumVARIANT never fails
 * such a call either. Every one of the celt slots is VT_EMPTY unless filled (as the
 * reference's sample implementation does), so a caller without a count finds the end
 * at the first VT_EMPTY and may VariantClear all celt safely. Tested in discmaster.c. */
static HRESULT WINAPI ev_Next(IEnumVARIANT *iface, ULONG celt, VARIANT *out, ULONG *fetched)
{
    struct enum_variant *e = impl_from_IEnumVARIANT(iface);
    ULONG n = 0, i;
    HRESULT hr = S_OK;

    TRACE("(%p)->(%lu %p %p)\n", iface, celt, out, fetched);
    if (fetched) *fetched = 0;
    if (!out) return E_POINTER;
    for (i = 0; i < celt; i++) VariantInit(&out[i]);
    while (n < celt && e->pos < e->count)
    {
        if (FAILED(hr = VariantCopy(&out[n], &e->items[e->pos]))) break;
        n++;
        e->pos++;
    }
    if (fetched) *fetched = n;
    if (FAILED(hr)) return hr;
    return n == celt ? S_OK : S_FALSE;
}

static HRESULT WINAPI ev_Skip(IEnumVARIANT *iface, ULONG celt)
{
    struct enum_variant *e = impl_from_IEnumVARIANT(iface);
    TRACE("(%p)->(%lu)\n", iface, celt);
    if (celt > e->count - e->pos) { e->pos = e->count; return S_FALSE; }
    e->pos += celt;
    return S_OK;
}

static HRESULT WINAPI ev_Reset(IEnumVARIANT *iface)
{
    TRACE("(%p)\n", iface);
    impl_from_IEnumVARIANT(iface)->pos = 0;
    return S_OK;
}

static HRESULT WINAPI ev_Clone(IEnumVARIANT *iface, IEnumVARIANT **out)
{
    struct enum_variant *e = impl_from_IEnumVARIANT(iface);
    HRESULT hr = imapi_enum_variant_create(e->items, e->count, out);
    TRACE("(%p)->(%p)\n", iface, out);
    if (SUCCEEDED(hr)) impl_from_IEnumVARIANT(*out)->pos = e->pos;
    return hr;
}

static const IEnumVARIANTVtbl ev_vtbl =
{
    ev_QueryInterface, ev_AddRef, ev_Release, ev_Next, ev_Skip, ev_Reset, ev_Clone
};

HRESULT imapi_enum_variant_create(const VARIANT *items, unsigned count, IEnumVARIANT **out)
{
    struct enum_variant *e;
    unsigned i;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!(e = calloc(1, sizeof(*e)))) return E_OUTOFMEMORY;
    if (!(e->items = calloc(count ? count : 1, sizeof(*e->items))))
    {
        free(e);
        return E_OUTOFMEMORY;
    }
    e->IEnumVARIANT_iface.lpVtbl = &ev_vtbl;
    e->ref = 1;
    e->count = count;
    for (i = 0; i < count; i++)
    {
        VariantInit(&e->items[i]);
        VariantCopy(&e->items[i], (VARIANT *)&items[i]);
    }
    imapi_lock_module(TRUE);
    *out = &e->IEnumVARIANT_iface;
    return S_OK;
}

HRESULT imapi_enum_dispatch_create(IDispatch *const *items, unsigned count, IEnumVARIANT **out)
{
    VARIANT *vars;
    unsigned i;
    HRESULT hr;

    if (!out) return E_POINTER;
    *out = NULL;
    if (!(vars = calloc(count ? count : 1, sizeof(*vars)))) return E_OUTOFMEMORY;
    for (i = 0; i < count; i++)
    {
        V_VT(&vars[i]) = VT_DISPATCH;
        V_DISPATCH(&vars[i]) = items[i];   /* VariantCopy in the enumerator adds the references */
    }
    hr = imapi_enum_variant_create(vars, count, out);
    free(vars);
    return hr;
}
