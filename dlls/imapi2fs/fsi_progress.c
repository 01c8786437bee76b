/* ProgressItems (IProgressItems) and ProgressItem (IProgressItem): which blocks of the
 * image hold which file, so a burner can name the file being written. A snapshot of
 * the layout's file extents, in block order. Blocks are disc addresses (the layout's
 * local blocks plus SessionStartBlock).
 *
 * [undoc] choices: one item per file that has data (empty files occupy no block, so
 * they can never be "the file being written"); Description is the file's full path in
 * the image ("\\dir\\file.txt"); a block or description with no item and an index out
 * of range answer E_INVALIDARG; ProgressItemFromDescription(NULL) answers E_FAIL (spec
 * pitfall 15) and matches descriptions exactly (case-sensitive). */

#include "imapi2fs_private.h"


struct progress_item
{
    struct imapi_object obj;
    IProgressItem IProgressItem_iface;
    WCHAR *description;
    ULONG first, last, count;
};

IMAPI_IUNKNOWN_METHODS(pitem, IProgressItem, struct progress_item, IProgressItem_iface)
IMAPI_IDISPATCH_METHODS(pitem, IProgressItem, IID_IProgressItem)

static HRESULT WINAPI pitem_get_Description(IProgressItem *iface, BSTR *desc)
{
    TRACE("(%p)->(%p)\n", iface, desc);
    return imapi_return_bstr(pitem_impl(iface)->description, desc);
}

static HRESULT WINAPI pitem_get_FirstBlock(IProgressItem *iface, ULONG *block)
{
    TRACE("(%p)->(%p)\n", iface, block);
    if (!block) return E_POINTER;
    *block = pitem_impl(iface)->first;
    return S_OK;
}

static HRESULT WINAPI pitem_get_LastBlock(IProgressItem *iface, ULONG *block)
{
    TRACE("(%p)->(%p)\n", iface, block);
    if (!block) return E_POINTER;
    *block = pitem_impl(iface)->last;
    return S_OK;
}

static HRESULT WINAPI pitem_get_BlockCount(IProgressItem *iface, ULONG *blocks)
{
    TRACE("(%p)->(%p)\n", iface, blocks);
    if (!blocks) return E_POINTER;
    *blocks = pitem_impl(iface)->count;
    return S_OK;
}

static const IProgressItemVtbl pitem_vtbl =
{
    pitem_QueryInterface, pitem_AddRef, pitem_Release, pitem_GetTypeInfoCount, pitem_GetTypeInfo,
    pitem_GetIDsOfNames, pitem_Invoke, pitem_get_Description, pitem_get_FirstBlock, pitem_get_LastBlock,
    pitem_get_BlockCount
};

static const struct imapi_iface_entry pitem_ifaces[] =
{
    IMAPI_IFACE(IID_IProgressItem, struct progress_item, IProgressItem_iface),
    { NULL }
};

static void pitem_destroy(struct imapi_object *obj)
{
    struct progress_item *item = CONTAINING_RECORD(obj, struct progress_item, obj);
    free(item->description);
    free(item);
}

static HRESULT pitem_create(WCHAR *description, ULONG first, ULONG count, IProgressItem **out)
{
    struct progress_item *item;

    if (!(item = calloc(1, sizeof(*item)))) return E_OUTOFMEMORY;
    item->IProgressItem_iface.lpVtbl = &pitem_vtbl;
    imapi_object_init(&item->obj, pitem_ifaces, TRUE, pitem_destroy);
    item->description = description;   /* takes ownership */
    item->first = first;
    item->count = count;
    item->last = first + count - 1;
    *out = &item->IProgressItem_iface;
    return S_OK;
}

/* ---- IProgressItems ---- */

struct progress_items
{
    struct imapi_object obj;
    IProgressItems IProgressItems_iface;
    IProgressItem **items;
    ULONG count;
};

IMAPI_IUNKNOWN_METHODS(pitems, IProgressItems, struct progress_items, IProgressItems_iface)
IMAPI_IDISPATCH_METHODS(pitems, IProgressItems, IID_IProgressItems)

static HRESULT WINAPI pitems_get__NewEnum(IProgressItems *iface, IEnumVARIANT **NewEnum)
{
    struct progress_items *items = pitems_impl(iface);
    TRACE("(%p)->(%p)\n", iface, NewEnum);
    return imapi_enum_dispatch_create((IDispatch *const *)items->items, items->count, NewEnum);
}

static HRESULT give(IProgressItem *item, IProgressItem **out)
{
    *out = item;
    IProgressItem_AddRef(item);
    return S_OK;
}

static HRESULT WINAPI pitems_get_Item(IProgressItems *iface, LONG Index, IProgressItem **item)
{
    struct progress_items *items = pitems_impl(iface);
    TRACE("(%p)->(%ld %p)\n", iface, Index, item);
    if (!item) return E_POINTER;
    *item = NULL;
    if (Index < 0 || (ULONG)Index >= items->count) return E_INVALIDARG;
    return give(items->items[Index], item);
}

static HRESULT WINAPI pitems_get_Count(IProgressItems *iface, LONG *Count)
{
    TRACE("(%p)->(%p)\n", iface, Count);
    if (!Count) return E_POINTER;
    *Count = pitems_impl(iface)->count;
    return S_OK;
}

/* Items are in block order and do not overlap: binary search. */
static HRESULT WINAPI pitems_ProgressItemFromBlock(IProgressItems *iface, ULONG block, IProgressItem **item)
{
    struct progress_items *items = pitems_impl(iface);
    ULONG lo = 0, hi = items->count;

    TRACE("(%p)->(%lu %p)\n", iface, block, item);
    if (!item) return E_POINTER;
    *item = NULL;
    while (lo < hi)
    {
        ULONG mid = lo + (hi - lo) / 2;
        struct progress_item *p = pitem_impl(items->items[mid]);
        if (block < p->first) hi = mid;
        else if (block > p->last) lo = mid + 1;
        else return give(items->items[mid], item);
    }
    return E_INVALIDARG;
}

static HRESULT WINAPI pitems_ProgressItemFromDescription(IProgressItems *iface, BSTR description, IProgressItem **item)
{
    struct progress_items *items = pitems_impl(iface);
    ULONG i;

    TRACE("(%p)->(%s %p)\n", iface, debugstr_w(description), item);
    if (!item) return E_POINTER;
    *item = NULL;
    if (!description) return E_FAIL;
    for (i = 0; i < items->count; i++)
        if (!wcscmp(pitem_impl(items->items[i])->description, description)) return give(items->items[i], item);
    return E_INVALIDARG;
}

static HRESULT WINAPI pitems_get_EnumProgressItems(IProgressItems *iface, IEnumProgressItems **NewEnum)
{
    struct progress_items *items = pitems_impl(iface);
    TRACE("(%p)->(%p)\n", iface, NewEnum);
    if (!NewEnum) return E_POINTER;
    return fsi_enum_progress_create(items->items, items->count, NewEnum);
}

static const IProgressItemsVtbl pitems_vtbl =
{
    pitems_QueryInterface, pitems_AddRef, pitems_Release, pitems_GetTypeInfoCount, pitems_GetTypeInfo,
    pitems_GetIDsOfNames, pitems_Invoke, pitems_get__NewEnum, pitems_get_Item, pitems_get_Count,
    pitems_ProgressItemFromBlock, pitems_ProgressItemFromDescription, pitems_get_EnumProgressItems
};

static const struct imapi_iface_entry pitems_ifaces[] =
{
    IMAPI_IFACE(IID_IProgressItems, struct progress_items, IProgressItems_iface),
    { NULL }
};

static void pitems_destroy(struct imapi_object *obj)
{
    struct progress_items *items = CONTAINING_RECORD(obj, struct progress_items, obj);
    ULONG i;
    for (i = 0; i < items->count; i++) IProgressItem_Release(items->items[i]);
    free(items->items);
    free(items);
}

HRESULT fsi_progress_items_create(fs_layout *layout, ULONG session_start, IProgressItems **out)
{
    struct progress_items *items;
    ULONG n = fs_layout_file_count(layout), i;
    HRESULT hr = S_OK;

    *out = NULL;
    if (!(items = calloc(1, sizeof(*items)))) return E_OUTOFMEMORY;
    items->IProgressItems_iface.lpVtbl = &pitems_vtbl;
    imapi_object_init(&items->obj, pitems_ifaces, TRUE, pitems_destroy);
    if (!(items->items = calloc(n ? n : 1, sizeof(*items->items)))) hr = E_OUTOFMEMORY;
    for (i = 0; i < n && SUCCEEDED(hr); i++)
    {
        uint32_t first, blocks;
        size_t len;
        WCHAR *desc;

        fs_layout_file_extent(layout, i, &first, &blocks);
        if (!blocks) continue;
        len = fs_layout_file_path(layout, i, NULL, 0);
        if (!(desc = malloc((len + 1) * sizeof(WCHAR)))) { hr = E_OUTOFMEMORY; break; }
        fs_layout_file_path(layout, i, (uint16_t *)desc, len + 1);
        if (SUCCEEDED(hr = pitem_create(desc, session_start + first, blocks, &items->items[items->count])))
            items->count++;
        else free(desc);
    }
    if (FAILED(hr))
    {
        imapi_object_release(&items->obj);
        return hr;
    }
    *out = &items->IProgressItems_iface;
    return S_OK;
}
