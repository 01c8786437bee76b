/* BlockRange / BlockRangeList (IBlockRange, IBlockRangeList; spec 2.12): read-only
 * snapshots of the disc ranges a random-write image changes (core/fs
 * fs_layout_modified_*). The list is what IFileSystemImageResult2::ModifiedBlocks
 * returns and what the image stream answers to QueryInterface(IID_IBlockRangeList)
 * (fsi_stream.c), so IDiscFormat2Data::Write writes only those ranges. */

#include "imapi2fs_private.h"

struct block_range
{
    struct imapi_object obj;
    IBlockRange IBlockRange_iface;
    LONG start, end;
};

IMAPI_IUNKNOWN_METHODS(brange, IBlockRange, struct block_range, IBlockRange_iface)
IMAPI_IDISPATCH_METHODS(brange, IBlockRange, IID_IBlockRange)

static HRESULT WINAPI brange_get_StartLba(IBlockRange *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = brange_impl(iface)->start;
    return S_OK;
}

static HRESULT WINAPI brange_get_EndLba(IBlockRange *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    *value = brange_impl(iface)->end;
    return S_OK;
}

static const IBlockRangeVtbl brange_vtbl =
{
    brange_QueryInterface, brange_AddRef, brange_Release, brange_GetTypeInfoCount, brange_GetTypeInfo,
    brange_GetIDsOfNames, brange_Invoke, brange_get_StartLba, brange_get_EndLba
};

static const struct imapi_iface_entry brange_ifaces[] =
{
    IMAPI_IFACE(IID_IBlockRange, struct block_range, IBlockRange_iface),
    { NULL }
};

static void brange_destroy(struct imapi_object *obj)
{
    free(CONTAINING_RECORD(obj, struct block_range, obj));
}

static HRESULT brange_create(LONG start, LONG end, IDispatch **out)
{
    struct block_range *r;
    *out = NULL;
    if (!(r = calloc(1, sizeof(*r)))) return E_OUTOFMEMORY;
    r->IBlockRange_iface.lpVtbl = &brange_vtbl;
    imapi_object_init(&r->obj, brange_ifaces, TRUE, brange_destroy);
    r->start = start;
    r->end = end;
    *out = (IDispatch *)&r->IBlockRange_iface;
    return S_OK;
}

/* BlockRanges: a new array of new BlockRange objects, in writing order. */
HRESULT fsi_block_ranges_array(fs_layout *layout, SAFEARRAY **out)
{
    ULONG count = fs_layout_modified_count(layout), i;
    IDispatch **items;
    HRESULT hr = S_OK;

    *out = NULL;
    if (!(items = calloc(count ? count : 1, sizeof(*items)))) return E_OUTOFMEMORY;
    for (i = 0; i < count && SUCCEEDED(hr); i++)
    {
        uint32_t first, last;
        fs_layout_modified_range(layout, i, &first, &last);
        hr = brange_create((LONG)first, (LONG)last, &items[i]);
    }
    if (SUCCEEDED(hr)) hr = imapi_safearray_from_dispatch(items, count, out);
    for (i = 0; i < count; i++)
        if (items[i]) IDispatch_Release(items[i]);
    free(items);
    return hr;
}

struct block_range_list
{
    struct imapi_object obj;
    IBlockRangeList IBlockRangeList_iface;
    fs_layout *layout;
};

IMAPI_IUNKNOWN_METHODS(brlist, IBlockRangeList, struct block_range_list, IBlockRangeList_iface)
IMAPI_IDISPATCH_METHODS(brlist, IBlockRangeList, IID_IBlockRangeList)

static HRESULT WINAPI brlist_get_BlockRanges(IBlockRangeList *iface, SAFEARRAY **value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    if (!value) return E_POINTER;
    return fsi_block_ranges_array(brlist_impl(iface)->layout, value);
}

static const IBlockRangeListVtbl brlist_vtbl =
{
    brlist_QueryInterface, brlist_AddRef, brlist_Release, brlist_GetTypeInfoCount, brlist_GetTypeInfo,
    brlist_GetIDsOfNames, brlist_Invoke, brlist_get_BlockRanges
};

static const struct imapi_iface_entry brlist_ifaces[] =
{
    IMAPI_IFACE(IID_IBlockRangeList, struct block_range_list, IBlockRangeList_iface),
    { NULL }
};

static void brlist_destroy(struct imapi_object *obj)
{
    struct block_range_list *list = CONTAINING_RECORD(obj, struct block_range_list, obj);
    fsi_layout_release(list->layout);
    free(list);
}

HRESULT fsi_block_range_list_create(fs_layout *layout, IBlockRangeList **out)
{
    struct block_range_list *list;
    *out = NULL;
    if (!(list = calloc(1, sizeof(*list)))) return E_OUTOFMEMORY;
    list->IBlockRangeList_iface.lpVtbl = &brlist_vtbl;
    imapi_object_init(&list->obj, brlist_ifaces, TRUE, brlist_destroy);
    list->layout = layout;
    fsi_layout_addref(layout);
    *out = &list->IBlockRangeList_iface;
    return S_OK;
}
