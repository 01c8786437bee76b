/* IWriteEngine2EventArgs: a snapshot of the write loop's progress, given to
 * DWriteEngine2Events::Update. Values are fixed when the event is fired. */
#include "write_args.h"

struct write_args
{
    struct imapi_object obj;
    IWriteEngine2EventArgs IWriteEngine2EventArgs_iface;
    mmc_write_progress p;
};

IMAPI_IUNKNOWN_METHODS(write_args, IWriteEngine2EventArgs, struct write_args, IWriteEngine2EventArgs_iface)
IMAPI_IDISPATCH_METHODS(write_args, IWriteEngine2EventArgs, IID_IWriteEngine2EventArgs)

static HRESULT get_long(LONG v, LONG *out)
{
    if (!out) return E_POINTER;
    *out = v;
    return S_OK;
}

static HRESULT WINAPI write_args_get_StartLba(IWriteEngine2EventArgs *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long(write_args_impl(iface)->p.start_lba, value);
}

static HRESULT WINAPI write_args_get_SectorCount(IWriteEngine2EventArgs *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long((LONG)write_args_impl(iface)->p.sector_count, value);
}

static HRESULT WINAPI write_args_get_LastReadLba(IWriteEngine2EventArgs *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long(write_args_impl(iface)->p.last_read_lba, value);
}

static HRESULT WINAPI write_args_get_LastWrittenLba(IWriteEngine2EventArgs *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long(write_args_impl(iface)->p.last_written_lba, value);
}

static HRESULT WINAPI write_args_get_TotalSystemBuffer(IWriteEngine2EventArgs *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long((LONG)write_args_impl(iface)->p.buffer_total, value);
}

static HRESULT WINAPI write_args_get_UsedSystemBuffer(IWriteEngine2EventArgs *iface, LONG *value)
{
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long((LONG)write_args_impl(iface)->p.buffer_used, value);
}

static HRESULT WINAPI write_args_get_FreeSystemBuffer(IWriteEngine2EventArgs *iface, LONG *value)
{
    const mmc_write_progress *p = &write_args_impl(iface)->p;
    TRACE("(%p)->(%p)\n", iface, value);
    return get_long((LONG)(p->buffer_total - p->buffer_used), value);
}

static const IWriteEngine2EventArgsVtbl write_args_vtbl =
{
    write_args_QueryInterface, write_args_AddRef, write_args_Release, write_args_GetTypeInfoCount,
    write_args_GetTypeInfo, write_args_GetIDsOfNames, write_args_Invoke, write_args_get_StartLba,
    write_args_get_SectorCount, write_args_get_LastReadLba, write_args_get_LastWrittenLba,
    write_args_get_TotalSystemBuffer, write_args_get_UsedSystemBuffer, write_args_get_FreeSystemBuffer
};

static const struct imapi_iface_entry write_args_ifaces[] =
{
    IMAPI_IFACE(IID_IWriteEngine2EventArgs, struct write_args, IWriteEngine2EventArgs_iface),
    { NULL }
};

static void write_args_destroy(struct imapi_object *obj)
{
    free(CONTAINING_RECORD(obj, struct write_args, obj));
}

HRESULT write_args_create(const mmc_write_progress *p, IDispatch **out)
{
    struct write_args *args = calloc(1, sizeof(*args));
    if (!args) return E_OUTOFMEMORY;
    args->IWriteEngine2EventArgs_iface.lpVtbl = &write_args_vtbl;
    args->p = *p;
    imapi_object_init(&args->obj, write_args_ifaces, TRUE, write_args_destroy);
    *out = (IDispatch *)&args->IWriteEngine2EventArgs_iface;
    return S_OK;
}
