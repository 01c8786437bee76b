/* IDiscFormat2RawCDEventArgs: a snapshot of a WriteMedia's progress, given to
 * DDiscFormat2RawCDEvents::Update; the IWriteEngine2EventArgs part reports the addresses
 * (from the lead-in start) and the buffer. */
#include "format_objects.h"
#include "mmc/mmc_burn_raw.h"

struct format_raw_args
{
    struct imapi_object obj;
    IDiscFormat2RawCDEventArgs IDiscFormat2RawCDEventArgs_iface;
    mmc_raw_progress p;
};

IMAPI_IUNKNOWN_METHODS(format_raw_args, IDiscFormat2RawCDEventArgs, struct format_raw_args,
                       IDiscFormat2RawCDEventArgs_iface)
IMAPI_IDISPATCH_METHODS(format_raw_args, IDiscFormat2RawCDEventArgs, IID_IDiscFormat2RawCDEventArgs)

static HRESULT get_long(LONG v, LONG *out)
{
    if (!out) return E_POINTER;
    *out = v;
    return S_OK;
}

#define ARGS_LONG(name, expr) \
    static HRESULT WINAPI format_raw_args_get_##name(IDiscFormat2RawCDEventArgs *iface, LONG *value) \
    { const mmc_raw_progress *p = &format_raw_args_impl(iface)->p; \
      TRACE("%p %p\n", iface, value); \
      return get_long((LONG)(expr), value); }

ARGS_LONG(StartLba, p->p.start_lba)
ARGS_LONG(SectorCount, p->p.sector_count)
ARGS_LONG(LastReadLba, p->p.last_read_lba)
ARGS_LONG(LastWrittenLba, p->p.last_written_lba)
ARGS_LONG(TotalSystemBuffer, p->p.buffer_total)
ARGS_LONG(UsedSystemBuffer, p->p.buffer_used)
ARGS_LONG(FreeSystemBuffer, p->p.buffer_total - p->p.buffer_used)
ARGS_LONG(ElapsedTime, p->p.elapsed_s)
ARGS_LONG(RemainingTime, p->p.remaining_s)

static HRESULT WINAPI format_raw_args_get_CurrentAction(IDiscFormat2RawCDEventArgs *iface,
                                                        IMAPI_FORMAT2_RAW_CD_WRITE_ACTION *value)
{
    TRACE("%p %p\n", iface, value);
    if (!value) return E_POINTER;
    *value = (IMAPI_FORMAT2_RAW_CD_WRITE_ACTION)format_raw_args_impl(iface)->p.action;
    return S_OK;
}

static const IDiscFormat2RawCDEventArgsVtbl format_raw_args_vtbl =
{
    format_raw_args_QueryInterface, format_raw_args_AddRef, format_raw_args_Release,
    format_raw_args_GetTypeInfoCount, format_raw_args_GetTypeInfo, format_raw_args_GetIDsOfNames,
    format_raw_args_Invoke, format_raw_args_get_StartLba, format_raw_args_get_SectorCount,
    format_raw_args_get_LastReadLba, format_raw_args_get_LastWrittenLba, format_raw_args_get_TotalSystemBuffer,
    format_raw_args_get_UsedSystemBuffer, format_raw_args_get_FreeSystemBuffer,
    format_raw_args_get_CurrentAction, format_raw_args_get_ElapsedTime, format_raw_args_get_RemainingTime
};

static const struct imapi_iface_entry format_raw_args_ifaces[] =
{
    IMAPI_IFACE(IID_IDiscFormat2RawCDEventArgs, struct format_raw_args, IDiscFormat2RawCDEventArgs_iface),
    IMAPI_IFACE(IID_IWriteEngine2EventArgs, struct format_raw_args, IDiscFormat2RawCDEventArgs_iface),
    { NULL }
};

static void format_raw_args_destroy(struct imapi_object *obj)
{
    free(CONTAINING_RECORD(obj, struct format_raw_args, obj));
}

C_ASSERT((int)MMC_RAW_FINISHING == (int)IMAPI_FORMAT2_RAW_CD_WRITE_ACTION_FINISHING
         && (int)MMC_RAW_WRITING == (int)IMAPI_FORMAT2_RAW_CD_WRITE_ACTION_WRITING);

HRESULT format_raw_args_create(const struct mmc_raw_progress *p, IDispatch **out)
{
    struct format_raw_args *args = calloc(1, sizeof(*args));

    if (!args) return E_OUTOFMEMORY;
    args->IDiscFormat2RawCDEventArgs_iface.lpVtbl = &format_raw_args_vtbl;
    args->p = *p;
    imapi_object_init(&args->obj, format_raw_args_ifaces, TRUE, format_raw_args_destroy);
    *out = (IDispatch *)&args->IDiscFormat2RawCDEventArgs_iface;
    return S_OK;
}
