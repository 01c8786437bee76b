/* FsiNamedStreams (IFsiNamedStreams): a snapshot of one file's named streams, each
 * handed out as a read-only IFsiFileItem2 whose IsNamedStream is TRUE (spec 3.7, 3.8). */

#include "imapi2fs_private.h"


struct named_streams
{
    struct imapi_object obj;
    IFsiNamedStreams IFsiNamedStreams_iface;
    IFsiFileItem2 **items;
    ULONG count;
};

IMAPI_IUNKNOWN_METHODS(ns, IFsiNamedStreams, struct named_streams, IFsiNamedStreams_iface)
IMAPI_IDISPATCH_METHODS(ns, IFsiNamedStreams, IID_IFsiNamedStreams)

static HRESULT WINAPI ns_get__NewEnum(IFsiNamedStreams *iface, IEnumVARIANT **NewEnum)
{
    struct named_streams *streams = ns_impl(iface);
    TRACE("(%p)->(%p)\n", iface, NewEnum);
    return imapi_enum_dispatch_create((IDispatch *const *)streams->items, streams->count, NewEnum);
}

/* 0-based; out of range or negative: IMAPI_E_INVALID_PARAM and *item = NULL. */
static HRESULT WINAPI ns_get_Item(IFsiNamedStreams *iface, LONG index, IFsiFileItem2 **item)
{
    struct named_streams *streams = ns_impl(iface);
    TRACE("(%p)->(%ld %p)\n", iface, index, item);
    if (!item) return E_POINTER;
    *item = NULL;
    if (index < 0 || (ULONG)index >= streams->count) return IMAPI_E_INVALID_PARAM;
    *item = streams->items[index];
    IFsiFileItem2_AddRef(*item);
    return S_OK;
}

static HRESULT WINAPI ns_get_Count(IFsiNamedStreams *iface, LONG *count)
{
    TRACE("(%p)->(%p)\n", iface, count);
    if (!count) return E_POINTER;
    *count = ns_impl(iface)->count;
    return S_OK;
}

static HRESULT WINAPI ns_get_EnumNamedStreams(IFsiNamedStreams *iface, IEnumFsiItems **NewEnum)
{
    struct named_streams *streams = ns_impl(iface);
    TRACE("(%p)->(%p)\n", iface, NewEnum);
    if (!NewEnum) return E_POINTER;
    return fsi_enum_items_create((IFsiItem **)streams->items, streams->count, NewEnum);
}

static const IFsiNamedStreamsVtbl ns_vtbl =
{
    ns_QueryInterface, ns_AddRef, ns_Release, ns_GetTypeInfoCount, ns_GetTypeInfo, ns_GetIDsOfNames, ns_Invoke,
    ns_get__NewEnum, ns_get_Item, ns_get_Count, ns_get_EnumNamedStreams
};

static const struct imapi_iface_entry ns_ifaces[] =
{
    IMAPI_IFACE(IID_IFsiNamedStreams, struct named_streams, IFsiNamedStreams_iface),
    { NULL }
};

static void ns_destroy(struct imapi_object *obj)
{
    struct named_streams *streams = CONTAINING_RECORD(obj, struct named_streams, obj);
    ULONG i;
    for (i = 0; i < streams->count; i++) IFsiFileItem2_Release(streams->items[i]);
    free(streams->items);
    free(streams);
}

HRESULT fsi_named_streams_create(struct fsimage *image, fs_item *file, IFsiNamedStreams **out)
{
    struct fsi_file_extra *extra = fsimage_file_extra(image, file, FALSE);
    struct named_streams *streams;
    ULONG n = extra ? extra->count : 0, i;
    HRESULT hr = S_OK;

    if (!(streams = calloc(1, sizeof(*streams)))) return E_OUTOFMEMORY;
    streams->IFsiNamedStreams_iface.lpVtbl = &ns_vtbl;
    imapi_object_init(&streams->obj, ns_ifaces, TRUE, ns_destroy);
    if (!(streams->items = calloc(n ? n : 1, sizeof(*streams->items)))) hr = E_OUTOFMEMORY;
    for (i = 0; i < n && SUCCEEDED(hr); i++)
    {
        fs_data_source src;
        fs_item *it;

        if (FAILED(hr = fsi_source_from_stream(extra->streams[i].data, &src))) break;
        if ((hr = fs_item_new_file(fsimage_tree(image), (const uint16_t *)extra->streams[i].name,
                                   wcslen(extra->streams[i].name), &src, &it)))
            break;
        hr = fsi_item_create(image, it, TRUE, &IID_IFsiFileItem2, (void **)&streams->items[i]);
        fs_item_release(it);
        if (SUCCEEDED(hr)) streams->count++;
    }
    if (FAILED(hr))
    {
        imapi_object_release(&streams->obj);
        return hr;
    }
    *out = &streams->IFsiNamedStreams_iface;
    return S_OK;
}
