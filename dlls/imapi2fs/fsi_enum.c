/* EnumFsiItems (IEnumFsiItems) and EnumProgressItems (IEnumProgressItems): snapshot
 * enumerators over interface pointers, one implementation for both (IUnknown-based,
 * not dual: spec 0.3).
 *
 * Next (spec 3.9, docbug 14 / pitfall 15): the reference pages say S_OK is returned
 * both when celt items came back and when fewer did. We follow that whenever at least
 * one item is returned; when none is left we answer S_FALSE, the COM rule, since a
 * caller's `while (Next(1) == S_OK)` loop could never end otherwise. pceltFetched may
 * be NULL only for celt == 1 (E_INVALIDARG otherwise); rgelt NULL: E_POINTER. */

#include "imapi2fs_private.h"


struct fsi_enum
{
    struct imapi_object obj;
    union { IEnumFsiItems items; IEnumProgressItems progress; } iface;
    BOOL progress;
    IUnknown **units;
    ULONG count, pos;
};

static HRESULT enum_create(BOOL progress, IUnknown **units, ULONG count, ULONG pos, void **out);

static HRESULT enum_next(struct fsi_enum *enumerator, ULONG celt, IUnknown **rgelt, ULONG *fetched)
{
    ULONG n = 0;

    if (!rgelt) return E_POINTER;
    if (celt != 1 && !fetched) return E_INVALIDARG;
    while (n < celt && enumerator->pos < enumerator->count)
    {
        rgelt[n] = enumerator->units[enumerator->pos++];
        IUnknown_AddRef(rgelt[n]);
        n++;
    }
    if (fetched) *fetched = n;
    return n || !celt ? S_OK : S_FALSE;
}

static HRESULT enum_skip(struct fsi_enum *enumerator, ULONG celt)
{
    if (celt > enumerator->count - enumerator->pos)
    {
        enumerator->pos = enumerator->count;
        return S_FALSE;
    }
    enumerator->pos += celt;
    return S_OK;
}

/* ---- IEnumFsiItems ---- */

IMAPI_IUNKNOWN_METHODS(efi, IEnumFsiItems, struct fsi_enum, iface.items)

static HRESULT WINAPI efi_Next(IEnumFsiItems *iface, ULONG celt, IFsiItem **rgelt, ULONG *fetched)
{
    TRACE("(%p)->(%lu %p %p)\n", iface, celt, rgelt, fetched);
    return enum_next(efi_impl(iface), celt, (IUnknown **)rgelt, fetched);
}

static HRESULT WINAPI efi_Skip(IEnumFsiItems *iface, ULONG celt)
{
    TRACE("(%p)->(%lu)\n", iface, celt);
    return enum_skip(efi_impl(iface), celt);
}

static HRESULT WINAPI efi_Reset(IEnumFsiItems *iface)
{
    TRACE("(%p)\n", iface);
    efi_impl(iface)->pos = 0;
    return S_OK;
}

static HRESULT WINAPI efi_Clone(IEnumFsiItems *iface, IEnumFsiItems **ppEnum)
{
    struct fsi_enum *enumerator = efi_impl(iface);
    TRACE("(%p)->(%p)\n", enumerator, ppEnum);
    if (!ppEnum) return E_POINTER;
    return enum_create(FALSE, enumerator->units, enumerator->count, enumerator->pos, (void **)ppEnum);
}

static const IEnumFsiItemsVtbl efi_vtbl =
{
    efi_QueryInterface, efi_AddRef, efi_Release, efi_Next, efi_Skip, efi_Reset, efi_Clone
};

/* ---- IEnumProgressItems ---- */

IMAPI_IUNKNOWN_METHODS(epi, IEnumProgressItems, struct fsi_enum, iface.progress)

static HRESULT WINAPI epi_Next(IEnumProgressItems *iface, ULONG celt, IProgressItem **rgelt, ULONG *fetched)
{
    TRACE("(%p)->(%lu %p %p)\n", iface, celt, rgelt, fetched);
    return enum_next(epi_impl(iface), celt, (IUnknown **)rgelt, fetched);
}

static HRESULT WINAPI epi_Skip(IEnumProgressItems *iface, ULONG celt)
{
    TRACE("(%p)->(%lu)\n", iface, celt);
    return enum_skip(epi_impl(iface), celt);
}

static HRESULT WINAPI epi_Reset(IEnumProgressItems *iface)
{
    TRACE("(%p)\n", iface);
    epi_impl(iface)->pos = 0;
    return S_OK;
}

static HRESULT WINAPI epi_Clone(IEnumProgressItems *iface, IEnumProgressItems **ppEnum)
{
    struct fsi_enum *enumerator = epi_impl(iface);
    TRACE("(%p)->(%p)\n", enumerator, ppEnum);
    if (!ppEnum) return E_POINTER;
    return enum_create(TRUE, enumerator->units, enumerator->count, enumerator->pos, (void **)ppEnum);
}

static const IEnumProgressItemsVtbl epi_vtbl =
{
    epi_QueryInterface, epi_AddRef, epi_Release, epi_Next, epi_Skip, epi_Reset, epi_Clone
};

static const struct imapi_iface_entry efi_ifaces[] =
{
    IMAPI_IFACE(IID_IEnumFsiItems, struct fsi_enum, iface.items),
    { NULL }
};

static const struct imapi_iface_entry epi_ifaces[] =
{
    IMAPI_IFACE(IID_IEnumProgressItems, struct fsi_enum, iface.progress),
    { NULL }
};

static void enum_destroy(struct imapi_object *obj)
{
    struct fsi_enum *enumerator = CONTAINING_RECORD(obj, struct fsi_enum, obj);
    ULONG i;
    for (i = 0; i < enumerator->count; i++) IUnknown_Release(enumerator->units[i]);
    free(enumerator->units);
    free(enumerator);
}

static HRESULT enum_create(BOOL progress, IUnknown **units, ULONG count, ULONG pos, void **out)
{
    struct fsi_enum *enumerator;
    ULONG i;

    *out = NULL;
    if (!(enumerator = calloc(1, sizeof(*enumerator)))) return E_OUTOFMEMORY;
    if (!(enumerator->units = calloc(count ? count : 1, sizeof(*enumerator->units))))
    {
        free(enumerator);
        return E_OUTOFMEMORY;
    }
    if (progress) enumerator->iface.progress.lpVtbl = &epi_vtbl;
    else enumerator->iface.items.lpVtbl = &efi_vtbl;
    imapi_object_init(&enumerator->obj, progress ? epi_ifaces : efi_ifaces, FALSE, enum_destroy);
    enumerator->progress = progress;
    for (i = 0; i < count; i++)
    {
        enumerator->units[i] = units[i];
        IUnknown_AddRef(units[i]);
    }
    enumerator->count = count;
    enumerator->pos = pos;
    *out = &enumerator->iface;
    return S_OK;
}

HRESULT fsi_enum_items_create(IFsiItem **items, ULONG count, IEnumFsiItems **out)
{
    return enum_create(FALSE, (IUnknown **)items, count, 0, (void **)out);
}

HRESULT fsi_enum_progress_create(IProgressItem **items, ULONG count, IEnumProgressItems **out)
{
    return enum_create(TRUE, (IUnknown **)items, count, 0, (void **)out);
}
