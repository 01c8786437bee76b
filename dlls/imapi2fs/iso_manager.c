/* MsftIsoImageManager: opens an existing .iso (or takes a stream) and checks that it is
 * a user-data image with a valid volume recognition sequence (core/fs/fs_probe.c). */

#include "imapi2fs_private.h"
#include <shlwapi.h>
#include "fs/fs_probe.h"

struct iso_manager
{
    struct imapi_object obj;
    IIsoImageManager IIsoImageManager_iface;
    BSTR path;          /* set by SetPath only */
    IStream *stream;    /* from SetPath or SetStream */
};

IMAPI_IUNKNOWN_METHODS(iso_manager, IIsoImageManager, struct iso_manager, IIsoImageManager_iface)
IMAPI_IDISPATCH_METHODS(iso_manager, IIsoImageManager, IID_IIsoImageManager)

static void set_image(struct iso_manager *manager, BSTR path, IStream *stream)
{
    SysFreeString(manager->path);
    manager->path = path;
    if (stream) IStream_AddRef(stream);
    if (manager->stream) IStream_Release(manager->stream);
    manager->stream = stream;
}

/* Reads for the probe go through the stream at absolute offsets. */
static int stream_read_at(void *ctx, uint64_t offset, void *buf, size_t len)
{
    IStream *stream = ctx;
    LARGE_INTEGER pos;
    ULONG done = 0;

    pos.QuadPart = offset;
    if (FAILED(IStream_Seek(stream, pos, STREAM_SEEK_SET, NULL))) return -1;
    if (FAILED(IStream_Read(stream, buf, (ULONG)len, &done)) || done != len) return -1;
    return 0;
}

static HRESULT WINAPI iso_manager_get_Path(IIsoImageManager *iface, BSTR *pVal)
{
    TRACE("(%p)->(%p)\n", iface, pVal);
    return imapi_return_bstr(iso_manager_impl(iface)->path, pVal);
}

static HRESULT WINAPI iso_manager_get_Stream(IIsoImageManager *iface, IStream **data)
{
    struct iso_manager *mgr = iso_manager_impl(iface);
    TRACE("(%p)->(%p)\n", iface, data);
    if (!data) return E_POINTER;
    *data = mgr->stream;
    if (*data) IStream_AddRef(*data);
    return S_OK;
}

static HRESULT WINAPI iso_manager_SetPath(IIsoImageManager *iface, BSTR Val)
{
    IStream *stream;
    BSTR copy;
    HRESULT hr;

    TRACE("(%p)->(%s)\n", iface, debugstr_w(Val));
    if (!Val || !*Val) return IMAPI_E_INVALID_PATH;
    hr = SHCreateStreamOnFileEx(Val, STGM_READ | STGM_SHARE_DENY_WRITE, FILE_ATTRIBUTE_NORMAL, FALSE, NULL,
                                &stream);
    if (FAILED(hr))
    {
        WARN("cannot open %s: %08lx\n", debugstr_w(Val), (unsigned long)hr);
        return IMAPI_E_INVALID_PATH;
    }
    if (!(copy = SysAllocString(Val)))
    {
        IStream_Release(stream);
        return E_OUTOFMEMORY;
    }
    set_image(iso_manager_impl(iface), copy, stream);
    IStream_Release(stream);
    return S_OK;
}

static HRESULT WINAPI iso_manager_SetStream(IIsoImageManager *iface, IStream *data)
{
    TRACE("(%p)->(%p)\n", iface, data);
    /* The stream is used as given; Path no longer describes the image. */
    set_image(iso_manager_impl(iface), NULL, data);
    return S_OK;
}

static HRESULT WINAPI iso_manager_Validate(IIsoImageManager *iface)
{
    struct iso_manager *mgr = iso_manager_impl(iface);
    LARGE_INTEGER zero = {{0}};
    ULARGE_INTEGER saved;
    STATSTG stat;
    HRESULT hr;

    TRACE("(%p)\n", iface);
    if (!mgr->stream) return IMAPI_E_IMAGEMANAGER_NO_IMAGE;
    if (FAILED(hr = IStream_Stat(mgr->stream, &stat, STATFLAG_NONAME))) return hr;
    /* Leave the caller's stream position as it was. */
    if (FAILED(hr = IStream_Seek(mgr->stream, zero, STREAM_SEEK_CUR, &saved))) return hr;
    hr = fs_probe_image(stat.cbSize.QuadPart, stream_read_at, mgr->stream);
    zero.QuadPart = saved.QuadPart;
    IStream_Seek(mgr->stream, zero, STREAM_SEEK_SET, NULL);
    return hr;
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
    struct iso_manager *manager = CONTAINING_RECORD(obj, struct iso_manager, obj);
    set_image(manager, NULL, NULL);
    free(manager);
}

HRESULT iso_manager_create(REFIID riid, void **ppv)
{
    struct iso_manager *manager;

    TRACE("%s %p\n", debugstr_guid(riid), ppv);
    if (!(manager = calloc(1, sizeof(*manager)))) return E_OUTOFMEMORY;
    manager->IIsoImageManager_iface.lpVtbl = &iso_manager_vtbl;
    imapi_object_init(&manager->obj, iso_manager_ifaces, TRUE, iso_manager_destroy);
    return imapi_object_create_done(&manager->obj, NULL, 0, riid, ppv);
}
