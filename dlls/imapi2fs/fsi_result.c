/* FileSystemImageResult (IFileSystemImageResult2): what CreateResultImage returns. It
 * keeps the core layout (a snapshot of the tree) and hands out the image stream
 * (fsi_stream.c) and the progress items (fsi_progress.c) built from it. */

#include "imapi2fs_private.h"


struct fsi_result
{
    struct imapi_object obj;
    IFileSystemImageResult2 IFileSystemImageResult2_iface;
    fs_layout *layout;
    ULONG session_start;
    WCHAR disc_id[40];
};

IMAPI_IUNKNOWN_METHODS(result, IFileSystemImageResult2, struct fsi_result, IFileSystemImageResult2_iface)
IMAPI_IDISPATCH_METHODS(result, IFileSystemImageResult2, IID_IFileSystemImageResult2)

/* Every get gives a new stream at position 0 over the same layout, so two consumers
 * (or two burns) never share a read position. */
static HRESULT WINAPI result_get_ImageStream(IFileSystemImageResult2 *iface, IStream **pVal)
{
    struct fsi_result *result = result_impl(iface);
    TRACE("(%p)->(%p)\n", result, pVal);
    if (!pVal) return E_POINTER;
    return fsi_stream_create(result->layout, pVal);
}

static HRESULT WINAPI result_get_ProgressItems(IFileSystemImageResult2 *iface, IProgressItems **pVal)
{
    struct fsi_result *result = result_impl(iface);
    TRACE("(%p)->(%p)\n", result, pVal);
    if (!pVal) return E_POINTER;
    return fsi_progress_items_create(result->layout, result->session_start, pVal);
}

static HRESULT WINAPI result_get_TotalBlocks(IFileSystemImageResult2 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = fs_layout_total_blocks(result_impl(iface)->layout);
    return S_OK;
}

static HRESULT WINAPI result_get_BlockSize(IFileSystemImageResult2 *iface, LONG *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = FS_BLOCK_SIZE;
    return S_OK;
}

/* [undoc] see make_disc_id in fsimage.c. */
static HRESULT WINAPI result_get_DiscId(IFileSystemImageResult2 *iface, BSTR *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_return_bstr(result_impl(iface)->disc_id, pVal);
}

/* An image built over a session imported through IMultisessionRandomWrite: the ranges
 * that differ from the disc (in-place descriptors, then the new logical session).
 * Any other image: E_NOTIMPL, which the page documents as "write the whole image"
 * (a NULL list). */
static HRESULT WINAPI result_get_ModifiedBlocks(IFileSystemImageResult2 *iface, IBlockRangeList **pVal)
{
    struct fsi_result *result = result_impl(iface);
    TRACE("(%p)->(%p)\n", iface, pVal);
    if (!pVal) return E_POINTER;
    *pVal = NULL;
    if (!fs_layout_modified_count(result->layout)) return E_NOTIMPL;
    return fsi_block_range_list_create(result->layout, pVal);
}

static const IFileSystemImageResult2Vtbl result_vtbl =
{
    result_QueryInterface, result_AddRef, result_Release, result_GetTypeInfoCount, result_GetTypeInfo,
    result_GetIDsOfNames, result_Invoke, result_get_ImageStream, result_get_ProgressItems,
    result_get_TotalBlocks, result_get_BlockSize, result_get_DiscId, result_get_ModifiedBlocks
};

static const struct imapi_iface_entry result_ifaces[] =
{
    IMAPI_IFACE(IID_IFileSystemImageResult2, struct fsi_result, IFileSystemImageResult2_iface),
    IMAPI_IFACE(IID_IFileSystemImageResult, struct fsi_result, IFileSystemImageResult2_iface),
    { NULL }
};

static void result_destroy(struct imapi_object *obj)
{
    struct fsi_result *result = CONTAINING_RECORD(obj, struct fsi_result, obj);
    fsi_layout_release(result->layout);
    free(result);
}

HRESULT fsi_result_create(fs_layout *layout, const WCHAR *disc_id, ULONG session_start, IFileSystemImageResult **out)
{
    struct fsi_result *result;

    if (!(result = calloc(1, sizeof(*result)))) return E_OUTOFMEMORY;
    result->IFileSystemImageResult2_iface.lpVtbl = &result_vtbl;
    imapi_object_init(&result->obj, result_ifaces, TRUE, result_destroy);
    result->layout = layout;
    fsi_layout_addref(layout);
    result->session_start = session_start;
    lstrcpynW(result->disc_id, disc_id, ARRAY_SIZE(result->disc_id));
    *out = (IFileSystemImageResult *)&result->IFileSystemImageResult2_iface;
    return S_OK;
}
