/* IDiscFormat2DataEventArgs: a snapshot of the data burn's progress, given to
 * DDiscFormat2DataEvents::Update. Values are fixed when the event is fired; the
 * IWriteEngine2EventArgs part reports the same fields as the write engine's. */
#include "format_objects.h"

struct format_data_args
{
    struct imapi_object obj;
    IDiscFormat2DataEventArgs IDiscFormat2DataEventArgs_iface;
    mmc_burn_progress p;
};

IMAPI_IUNKNOWN_METHODS(format_data_args, IDiscFormat2DataEventArgs, struct format_data_args,
                       IDiscFormat2DataEventArgs_iface)
IMAPI_IDISPATCH_METHODS(format_data_args, IDiscFormat2DataEventArgs, IID_IDiscFormat2DataEventArgs)

static HRESULT get_long(LONG v, LONG *out)
{
    if (!out) return E_POINTER;
    *out = v;
    return S_OK;
}

static HRESULT WINAPI format_data_args_get_StartLba(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long(format_data_args_impl(iface)->p.start_lba, value);
}

static HRESULT WINAPI format_data_args_get_SectorCount(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long((LONG)format_data_args_impl(iface)->p.sector_count, value);
}

static HRESULT WINAPI format_data_args_get_LastReadLba(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long(format_data_args_impl(iface)->p.last_read_lba, value);
}

static HRESULT WINAPI format_data_args_get_LastWrittenLba(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long(format_data_args_impl(iface)->p.last_written_lba, value);
}

static HRESULT WINAPI format_data_args_get_TotalSystemBuffer(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long((LONG)format_data_args_impl(iface)->p.buffer_total, value);
}

static HRESULT WINAPI format_data_args_get_UsedSystemBuffer(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long((LONG)format_data_args_impl(iface)->p.buffer_used, value);
}

static HRESULT WINAPI format_data_args_get_FreeSystemBuffer(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    const mmc_burn_progress *p = &format_data_args_impl(iface)->p;
    TRACE("%p %p\n", iface, value);
    return get_long((LONG)(p->buffer_total - p->buffer_used), value);
}

static HRESULT WINAPI format_data_args_get_ElapsedTime(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long((LONG)format_data_args_impl(iface)->p.elapsed_s, value);
}

static HRESULT WINAPI format_data_args_get_RemainingTime(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long((LONG)format_data_args_impl(iface)->p.remaining_s, value);
}

static HRESULT WINAPI format_data_args_get_TotalTime(IDiscFormat2DataEventArgs *iface, LONG *value)
{
    TRACE("%p %p\n", iface, value);
    return get_long((LONG)format_data_args_impl(iface)->p.total_s, value);
}

static HRESULT WINAPI format_data_args_get_CurrentAction(IDiscFormat2DataEventArgs *iface,
                                                         IMAPI_FORMAT2_DATA_WRITE_ACTION *value)
{
    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = (IMAPI_FORMAT2_DATA_WRITE_ACTION)format_data_args_impl(iface)->p.action;
    return S_OK;
}

static const IDiscFormat2DataEventArgsVtbl format_data_args_vtbl =
{
    format_data_args_QueryInterface, format_data_args_AddRef, format_data_args_Release,
    format_data_args_GetTypeInfoCount, format_data_args_GetTypeInfo, format_data_args_GetIDsOfNames,
    format_data_args_Invoke, format_data_args_get_StartLba, format_data_args_get_SectorCount,
    format_data_args_get_LastReadLba, format_data_args_get_LastWrittenLba, format_data_args_get_TotalSystemBuffer,
    format_data_args_get_UsedSystemBuffer, format_data_args_get_FreeSystemBuffer, format_data_args_get_ElapsedTime,
    format_data_args_get_RemainingTime, format_data_args_get_TotalTime, format_data_args_get_CurrentAction
};

static const struct imapi_iface_entry format_data_args_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2DataEventArgs, struct format_data_args, IDiscFormat2DataEventArgs_iface),
    IMAPI_IFACE(IID_IWriteEngine2EventArgs, struct format_data_args, IDiscFormat2DataEventArgs_iface),
    { NULL }
};

static void format_data_args_destroy(struct imapi_object *obj)
{
    free(CONTAINING_RECORD(obj, struct format_data_args, obj));
}

C_ASSERT((int)MMC_BURN_VERIFYING == (int)IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING
         && (int)MMC_BURN_COMPLETED == (int)IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);

HRESULT format_data_args_create(const mmc_burn_progress *p, IDispatch **out)
{
    struct format_data_args *args = calloc(1, sizeof(*args));

    if (!args) return E_OUTOFMEMORY;
    args->IDiscFormat2DataEventArgs_iface.lpVtbl = &format_data_args_vtbl;
    args->p = *p;
    imapi_object_init(&args->obj, format_data_args_ifaces, TRUE, format_data_args_destroy);
    *out = (IDispatch *)&args->IDiscFormat2DataEventArgs_iface;
    return S_OK;
}
